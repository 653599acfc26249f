//! Builds the graph of the bundled corpus (`data/corpus/*.txt`) with kg-core
//! at compile time and leaves it in `$OUT_DIR/corpus.kg`, which the binary
//! embeds: `kg neighbors 数据要素` then works on a fresh machine, with no
//! data files and no set-up, and answers without re-reading the texts.

use std::env;
use std::fs;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let data = manifest.join("..").join("data");
    let corpus = data.join("corpus");
    // Lexicons are compiled into kg-core, so a change there rebuilds it and
    // reruns this script anyway; naming them keeps the dependency explicit.
    println!("cargo:rerun-if-changed={}", corpus.display());
    println!("cargo:rerun-if-changed={}", data.join("lexicon").display());

    let mut files: Vec<PathBuf> = fs::read_dir(&corpus)
        .map_err(|e| {
            format!(
                "{}: {e} (the bundled corpus must sit beside kg-cli)",
                corpus.display()
            )
        })?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no .txt files in the bundled corpus", corpus.display()).into());
    }

    let build = kg_core::GraphBuilder::new().build_from_paths(&files)?;
    for warning in &build.warnings {
        println!("cargo:warning=bundled corpus: {warning}");
    }
    let bytes = kg_core::store::to_bytes(&build.graph)?;
    let out = PathBuf::from(env::var("OUT_DIR")?).join("corpus.kg");
    fs::write(&out, bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(())
}
