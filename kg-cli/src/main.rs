//! `kg`: build, query and export a knowledge graph of Chinese policy texts.
//!
//! This file only parses arguments and dispatches; each subcommand lives in
//! `cmd/`, and all logic lives in `kg-core`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;

/// Turn Chinese policy texts into a knowledge graph of policy concepts.
#[derive(Debug, Parser)]
#[command(name = "kg", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Measure extraction against a gold file.
    Eval(cmd::eval::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Eval(args) => cmd::eval::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("kg: {err:#}");
            ExitCode::from(1)
        }
    }
}
