//! `kg`: build, query and export a knowledge graph of Chinese policy texts.
//!
//! This file only parses arguments, dispatches and turns errors into exit
//! codes; each subcommand lives in `cmd/`, and all logic lives in `kg-core`.
//!
//! Exit codes, as ripgrep's: 0 success, 1 nothing found or a failed run,
//! 2 a usage error. A closed pipe (`kg neighbors 数据要素 | head -1`) ends
//! the run quietly with 0.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;
mod interrupt;

// mimalloc: see kg-cli/Cargo.toml for why.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turn Chinese policy texts into a knowledge graph of policy concepts.
///
/// Queries run on the graph of the bundled corpus, which is built into the
/// binary, unless `--graph FILE` names one made with `kg build`.
#[derive(Debug, Parser)]
#[command(name = "kg", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands; each one's help is its `Args` struct's doc comment.
#[derive(Debug, Subcommand)]
enum Command {
    Build(cmd::build::Args),
    Merge(cmd::merge::Args),
    Neighbors(cmd::neighbors::Args),
    Show(cmd::show::Args),
    Why(cmd::why::Args),
    Path(cmd::path::Args),
    Ego(cmd::ego::Args),
    Top(cmd::top::Args),
    Communities(cmd::communities::Args),
    Search(cmd::search::Args),
    Stats(cmd::stats::Args),
    Compare(cmd::compare::Args),
    Export(cmd::export::Args),
    Extract(cmd::extract::Args),
    Eval(cmd::eval::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Merge(args) => cmd::merge::run(args),
        Command::Neighbors(args) => cmd::neighbors::run(args),
        Command::Show(args) => cmd::show::run(args),
        Command::Why(args) => cmd::why::run(args),
        Command::Path(args) => cmd::path::run(args),
        Command::Ego(args) => cmd::ego::run(args),
        Command::Top(args) => cmd::top::run(args),
        Command::Communities(args) => cmd::communities::run(args),
        Command::Search(args) => cmd::search::run(args),
        Command::Stats(args) => cmd::stats::run(args),
        Command::Compare(args) => cmd::compare::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Extract(args) => cmd::extract::run(args),
        Command::Eval(args) => cmd::eval::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) if cmd::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("kg: {}", message(&err));
            if cmd::is_usage_error(&err) {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

/// The error and its causes, each said once: a library error often quotes
/// its cause already (`g.kg: No such file or directory`), and `{:#}` would
/// repeat it.
fn message(err: &anyhow::Error) -> String {
    let mut message = err.to_string();
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !message.contains(&cause) {
            message.push_str(": ");
            message.push_str(&cause);
        }
    }
    message
}
