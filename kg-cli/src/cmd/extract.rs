//! `kg extract`: what extraction finds, as JSON lines.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use kg_core::{eval, read, Extractor};

/// Print what extraction finds in texts, as JSON lines.
///
/// Prints one JSON object a line, in the shape of the gold files:
/// {"id", "entities": [{"kind","name","aliases"}], "metrics":
/// [{"indicator","value","qualifier","year","region"}], "concepts": [most
/// salient first]}. With PATHs, one line per file (id: its name; files
/// under a directory are named by their path below it). With --jsonl FILE,
/// one line per record of FILE, which holds {"id", "text"} records (other
/// fields, such as a gold file's annotations, are ignored).
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("input").required(true).args(["paths", "jsonl"]))]
pub struct Args {
    /// Text files and directories to read.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Read articles from a JSON-lines file of {"id", "text"} records.
    #[arg(long, value_name = "FILE", conflicts_with = "paths")]
    jsonl: Option<PathBuf>,
}

#[derive(serde::Deserialize)]
struct Record {
    id: String,
    text: String,
}

/// Runs `kg extract`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = Extractor::new();
    let mut out = super::stdout();
    if let Some(path) = &args.jsonl {
        let records: Vec<Record> = eval::read_jsonl(path)
            .with_context(|| format!("cannot read the articles in {}", path.display()))?;
        for r in &records {
            let article = eval::extract_article(&extractor, &r.id, &r.text);
            writeln!(out, "{}", serde_json::to_string(&article)?)?;
        }
    } else {
        let (files, warnings) = read::collect_files(&args.paths)?;
        for w in &warnings {
            eprintln!("kg: warning: {w}");
        }
        for file in &files {
            let direct = args.paths.contains(&file.path);
            let (doc, warnings) = match read::read_file(&file.path, &file.name) {
                Ok(read) => read,
                Err(err) if direct => return Err(err.into()),
                Err(err) => {
                    eprintln!("kg: warning: {err} (skipped)");
                    continue;
                }
            };
            for w in &warnings {
                eprintln!("kg: warning: {w}");
            }
            let article = eval::extract_article(&extractor, &doc.name, &doc.text);
            writeln!(out, "{}", serde_json::to_string(&article)?)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
