//! Hostile input, broken files and interrupted runs, through the `kg`
//! binary: one test per row of the table in issue 7, each checking the
//! message and the exit code.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One finished run of kg.
struct Run {
    args: Vec<String>,
    code: i32,
    stdout: String,
    stderr: String,
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "kg {:?}\nexit code: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args, self.code, self.stdout, self.stderr
        )
    }
}

impl Run {
    fn code(self, code: i32) -> Run {
        assert_eq!(self.code, code, "expected exit code {code}:\n{self}");
        self
    }

    fn success(self) -> Run {
        self.code(0)
    }

    /// Asserts that standard error holds `text`.
    fn says(self, text: &str) -> Run {
        assert!(self.stderr.contains(text), "expected {text:?}:\n{self}");
        self
    }

    /// Asserts that kg did not panic.
    fn no_panic(self) -> Run {
        assert!(!self.stderr.contains("panicked"), "kg panicked:\n{self}");
        self
    }
}

/// A temporary working directory to run kg in.
struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    fn path(&self) -> &Path {
        self.tmp.path()
    }

    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the parent directory");
        }
        std::fs::write(&path, contents).expect("write a test file");
        path
    }

    fn command<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kg"));
        cmd.args(args).current_dir(self.path());
        cmd
    }

    fn kg(&self, args: &[&str]) -> Run {
        let out = self.command(args).output().expect("run kg");
        Run {
            args: args.iter().map(|s| s.to_string()).collect(),
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
        .no_panic()
    }

    /// Names in the directory `sub` (relative), sorted.
    fn entries(&self, sub: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path().join(sub))
            .expect("list the directory")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }

    /// The labels of nodes.csv after `kg export --format csv` of `graph`.
    fn labels(&self, graph: &str) -> Vec<String> {
        let out = format!("{graph}.csv");
        self.kg(&["export", "--format", "csv", "-o", &out, "--graph", graph])
            .success();
        let mut labels: Vec<String> = csv_rows(&self.path().join(out).join("nodes.csv"))
            .iter()
            .map(|r| format!("{}\t{}", &r[1], &r[2]))
            .collect();
        labels.sort();
        labels
    }
}

fn csv_rows(path: &Path) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .records()
        .map(|r| r.expect("a well-formed CSV record"))
        .collect()
}

const TEXT: &str = "国家数据局推进数据要素市场建设。\n数字经济是发展新质生产力的引擎。\n";

#[test]
fn empty_space_and_punctuation_files_contribute_nothing() {
    let dir = Dir::new();
    dir.write("in/empty.txt", "");
    dir.write("in/spaces.txt", "   \n\t \u{3000}\n");
    dir.write("in/punct.txt", "。，、；：！？……——《》“”（）.,;:!?");
    let run = dir.kg(&["build", "in", "-o", "g.kg"]).success();
    assert!(
        run.stdout.contains("3 documents, 0 entities, 0 links"),
        "{run}"
    );
    assert!(run.stderr.is_empty(), "{run}");
}

#[test]
fn binary_files_in_a_directory_are_skipped_by_name_or_refused_with_strict() {
    let dir = Dir::new();
    dir.write("in/a.txt", TEXT);
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..=255u8).cycle().take(2000));
    dir.write("in/img/picture.png", png);
    let mut zip = b"PK\x03\x04\x14\0\0\0\x08\0".to_vec();
    zip.extend((0..=255u8).rev().cycle().take(2000));
    dir.write("in/archive.zip", zip);
    let run = dir.kg(&["build", "in", "-o", "g.kg"]).success();
    assert!(run.stdout.contains("1 document,"), "{run}");
    let run = run.says("picture.png").says("archive.zip").says("warning");
    assert_eq!(run.stderr.lines().count(), 2, "{run}");

    dir.kg(&["build", "in", "-o", "strict.kg", "--strict"])
        .code(1)
        .says("archive.zip");
    assert!(!dir.path().join("strict.kg").exists());
}

#[test]
fn invalid_utf8_mid_file_is_replaced_with_a_warning_giving_the_offset() {
    let dir = Dir::new();
    let mut bytes = TEXT.as_bytes().to_vec();
    let at = bytes.len();
    bytes.extend([0xFF, 0xFE, 0x80]);
    bytes.extend("新型工业化与数据要素。".as_bytes());
    dir.write("in/broken.txt", &bytes);
    dir.kg(&["build", "in", "-o", "g.kg"])
        .success()
        .says("broken.txt")
        .says(&format!("invalid UTF-8 at byte {at}"));
    let labels = dir.labels("g.kg");
    assert!(
        labels.iter().any(|l| l.starts_with("数据要素\t")),
        "{labels:?}"
    );
}

#[test]
fn every_encoding_gives_the_entities_of_the_utf8_copy() {
    let dir = Dir::new();
    let text = format!("{TEXT}《数据安全法》由全国人民代表大会常务委员会通过。\n");
    dir.write("utf8/a.txt", &text);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(text.as_bytes());
    dir.write("utf8bom/a.txt", bom);
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    dir.write("gbk/a.txt", &gbk);
    let (gb18030, _, _) = encoding_rs::GB18030.encode(&text);
    dir.write("gb18030/a.txt", &gb18030);
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        le.extend(unit.to_le_bytes());
        be.extend(unit.to_be_bytes());
    }
    dir.write("utf16le/a.txt", le);
    dir.write("utf16be/a.txt", be);

    dir.kg(&["build", "utf8", "-o", "utf8.kg"]).success();
    let expected = dir.labels("utf8.kg");
    assert!(expected.len() >= 4, "{expected:?}");
    for copy in ["utf8bom", "gbk", "gb18030", "utf16le", "utf16be"] {
        let graph = format!("{copy}.kg");
        let run = dir.kg(&["build", copy, "-o", &graph]).success();
        assert!(run.stderr.is_empty(), "{run}");
        assert_eq!(dir.labels(&graph), expected, "{copy}");
    }
}

#[test]
fn one_huge_line_without_punctuation_is_processed() {
    let dir = Dir::new();
    // 4 MB on one line: concepts with no sentence end anywhere.
    let piece = "数据要素数字经济新质生产力国家数据局人工智能";
    let text = piece.repeat(4_000_000 / piece.len());
    dir.write("in/line.txt", &text);
    let run = dir.kg(&["build", "in", "-o", "g.kg"]).success();
    assert!(run.stdout.contains("1 document,"), "{run}");
    let labels = dir.labels("g.kg");
    assert!(
        labels.iter().any(|l| l.starts_with("数据要素\t")),
        "{labels:?}"
    );
}

#[cfg(unix)]
#[test]
fn nested_directories_with_a_symlink_loop_are_read_once() {
    let dir = Dir::new();
    let mut path = String::from("in");
    for depth in 0..50 {
        path.push_str(&format!("/d{depth}"));
        dir.write(&format!("{path}/f.txt"), TEXT);
    }
    // A link from deep down back to the top.
    std::os::unix::fs::symlink(dir.path().join("in"), dir.path().join(&path).join("up"))
        .expect("a symlink");
    let run = dir.kg(&["build", "in", "-o", "g.kg"]).success();
    assert!(run.stdout.contains("50 documents,"), "{run}");
    run.says("symbolic link loop").says("up");
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_non_utf8_names_are_reported_and_the_rest_read() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::PermissionsExt;

    let dir = Dir::new();
    dir.write("in/a.txt", TEXT);
    let locked = dir.write("in/locked.txt", TEXT);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");
    // As root (CI), chmod does not stop reads; the file is then read.
    let can_read = std::fs::read(&locked).is_ok();
    let odd = dir
        .path()
        .join("in")
        .join(std::ffi::OsStr::from_bytes(b"bad\xFFname.txt"));
    std::fs::write(&odd, [TEXT.as_bytes(), b"\xFF", TEXT.as_bytes()].concat()).expect("write");

    let run = dir.kg(&["build", "in", "-o", "g.kg"]).success();
    let run = run.says("bad\u{FFFD}name.txt");
    if can_read {
        assert!(run.stdout.contains("3 documents,"), "{run}");
    } else {
        assert!(run.stdout.contains("2 documents,"), "{run}");
        run.says("locked.txt").says("ermission denied");
    }
}

#[test]
fn damaged_graph_files_are_refused_clearly() {
    let dir = Dir::new();
    dir.write("in/a.txt", TEXT);
    dir.kg(&["build", "in", "-o", "g.kg"]).success();
    let good = std::fs::read(dir.path().join("g.kg")).expect("the graph");

    dir.write("cut.kg", &good[..good.len() / 2]);
    let mut flipped = good.clone();
    let last = flipped.len() - 3;
    flipped[last] ^= 0x10;
    dir.write("flipped.kg", flipped);
    let mut old = good.clone();
    old[8] = 0;
    dir.write("old.kg", old);
    dir.write("text.kg", TEXT);
    dir.write("empty.kg", "");
    for (file, problem) in [
        ("cut.kg", "truncated"),
        ("flipped.kg", "checksum mismatch"),
        ("old.kg", "format version 0"),
        ("text.kg", "not a kg graph file"),
        ("empty.kg", "not a kg graph file"),
        ("missing.kg", "missing.kg"),
    ] {
        dir.kg(&["neighbors", "数据要素", "--graph", file])
            .code(1)
            .says(file)
            .says(problem);
    }
}

#[test]
fn odd_query_terms_are_usage_errors_or_not_found() {
    let dir = Dir::new();
    for term in ["", "   ", "数据\u{7}要素", "\u{1b}[31m", "数据\n要素"] {
        dir.kg(&["neighbors", term]).code(2).says("term");
        dir.kg(&["show", term]).code(2).says("term");
    }
    let long = "数".repeat(10_000);
    let run = dir
        .kg(&["neighbors", &long])
        .code(1)
        .says("no entity named");
    assert!(
        run.stderr.len() < 2_000,
        "the message repeats the term:\n{run}"
    );
    dir.kg(&["show", "数据要素素"]).code(1).says("数据要素");
}

#[test]
fn writing_to_a_full_disk_fails_naming_the_path() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let dir = Dir::new();
    dir.write("in/a.txt", TEXT);
    // /dev/full cannot be replaced by a rename; kg must say so, not panic.
    dir.kg(&["build", "in", "-o", "/dev/full"])
        .code(1)
        .says("/dev/full");
    dir.kg(&["export", "--format", "dot", "-o", "/dev/full"])
        .code(1)
        .says("/dev/full");
    let out = dir
        .command(&["export", "--format", "dot"])
        .stdout(std::fs::File::create("/dev/full").expect("open /dev/full"))
        .output()
        .expect("run kg");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("standard output"));
}

#[cfg(unix)]
#[test]
fn an_unwritable_directory_fails_naming_the_path_and_leaves_nothing() {
    use std::os::unix::fs::PermissionsExt;

    let dir = Dir::new();
    dir.write("in/a.txt", TEXT);
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).expect("mkdir");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    if std::fs::write(locked.join("probe"), "").is_ok() {
        // Root writes anywhere: nothing to test.
        return;
    }
    dir.kg(&["build", "in", "-o", "locked/g.kg"])
        .code(1)
        .says("locked/g.kg");
    dir.kg(&["export", "--format", "csv", "-o", "locked/csv"])
        .code(1)
        .says("locked/csv");
    dir.kg(&["export", "--format", "dot", "-o", "locked/g.dot"])
        .code(1)
        .says("locked/g.dot");
    assert!(
        dir.entries("locked").is_empty(),
        "{:?}",
        dir.entries("locked")
    );
}

/// Starts `kg build big -o OUT` and sends it `signal` once it is under way.
#[cfg(unix)]
fn interrupt_build(dir: &Dir, out: &str, signal: &str) -> std::process::Output {
    let child = dir
        .command(&["build", "big", "-o", out])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start kg");
    wait_for_handler(child.id());
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success());
    child.wait_with_output().expect("wait for kg")
}

/// Waits until kg catches SIGINT (bit 2 of SigCgt in /proc/PID/status), so
/// the signal tests kg's handler, not the default action on a process still
/// starting. Where /proc is missing, waits a fixed time instead.
#[cfg(unix)]
fn wait_for_handler(pid: u32) {
    let status = format!("/proc/{pid}/status");
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(60) {
        let Ok(text) = std::fs::read_to_string(&status) else {
            std::thread::sleep(std::time::Duration::from_millis(500));
            return;
        };
        let caught = text
            .lines()
            .find_map(|l| l.strip_prefix("SigCgt:"))
            .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
            .unwrap_or(0);
        if caught & (1 << (2 - 1)) != 0 {
            // Under way: let it read a little before the signal.
            std::thread::sleep(std::time::Duration::from_millis(200));
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("kg did not install its Ctrl-C handler within a minute");
}

/// Temporary files kg's atomic writes leave beside the output.
fn temporary_files(dir: &Dir) -> Vec<String> {
    dir.entries(".")
        .into_iter()
        .filter(|n| n.starts_with(".kg-tmp"))
        .collect()
}

#[cfg(unix)]
#[test]
fn an_interrupted_build_leaves_the_previous_graph_intact() {
    let dir = Dir::new();
    dir.write("small/a.txt", TEXT);
    dir.kg(&["build", "small", "-o", "g.kg"]).success();
    let before = std::fs::read(dir.path().join("g.kg")).expect("the graph");
    // About 15 MB, which takes kg (a test build) half a minute or more: the
    // signal always comes mid-run, and the exit code proves it did.
    let doc = TEXT.repeat(4000);
    for i in 0..40 {
        dir.write(&format!("big/{i:03}.txt"), &doc);
    }

    let out = interrupt_build(&dir, "g.kg", "INT");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(130),
        "not stopped by Ctrl-C: {:?}\n{stderr}",
        out.status
    );
    assert!(
        stderr.contains("interrupted") && stderr.contains("g.kg"),
        "{stderr}"
    );
    assert!(stderr.contains("unchanged"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        std::fs::read(dir.path().join("g.kg")).expect("the graph"),
        before,
        "the previous graph changed"
    );
    assert!(
        temporary_files(&dir).is_empty(),
        "{:?}",
        temporary_files(&dir)
    );

    // SIGTERM (a scheduler's kill, say) with no previous file: 143, and
    // still nothing at the output path.
    let out = interrupt_build(&dir, "new.kg", "TERM");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(143), "{:?}\n{stderr}", out.status);
    assert!(stderr.contains("no file was created"), "{stderr}");
    assert!(!dir.path().join("new.kg").exists());
    assert!(
        temporary_files(&dir).is_empty(),
        "{:?}",
        temporary_files(&dir)
    );
}
