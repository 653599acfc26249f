//! Runs every program in `examples/` and checks what it prints, so the
//! examples in the docs keep working. `cargo test` builds the examples
//! before it runs the tests; this finds them beside the test binary.

use std::path::PathBuf;
use std::process::Command;

fn example(name: &str) -> Command {
    // target/<profile>/deps/examples-xxxx → target/<profile>/examples/<name>
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .map(|profile| profile.join("examples"))
        .expect("target directory");
    let mut path: PathBuf = dir.join(name);
    if cfg!(windows) {
        path.set_extension("exe");
    }
    assert!(
        path.exists(),
        "example {name} not built at {}",
        path.display()
    );
    let mut cmd = Command::new(path);
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run example");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "example failed: {}\nstdout:\n{stdout}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn build_and_query_lists_neighbours_and_evidence() {
    let out = run(example("build_and_query").args(["../data/corpus", "數據要素"]));
    assert!(out.contains("from 5 documents"), "{out}");
    assert!(out.contains("neighbours of 数据要素:"), "{out}");
    assert!(out.contains("数字经济\tconcept"), "{out}");
    assert!(out.contains("why 数据要素 ~ "), "{out}");
}

#[test]
fn export_dot_prints_an_undirected_graph_with_chinese_labels() {
    let out = run(example("export_dot").args(["../data/corpus", "20"]));
    assert!(out.trim_start().starts_with("graph"), "{out}");
    assert!(
        out.contains("charset=\"UTF-8\"") || out.contains("charset=UTF-8"),
        "{out}"
    );
    assert!(out.contains("数据要素"), "{out}");
}
