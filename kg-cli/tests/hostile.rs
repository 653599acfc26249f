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

    // A short file has few characters to outvote one bad byte; it is
    // still UTF-8, not a legacy encoding that garbles the rest.
    let mut short = "数据要素".as_bytes().to_vec();
    short.push(0xFF);
    short.extend("赋能数字经济。".as_bytes());
    dir.write("short/one.txt", &short);
    dir.kg(&["build", "short", "-o", "short.kg"])
        .success()
        .says("invalid UTF-8 at byte 12");
    let labels = dir.labels("short.kg");
    assert!(
        labels.iter().any(|l| l.starts_with("数字经济\t")),
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
        .says("no entity named")
        .says("(10000 characters)");
    assert!(
        run.stderr.len() < 2_000,
        "the message repeats the term:\n{run}"
    );
    dir.kg(&["show", "数据要素素"]).code(1).says("数据要素");
}

#[test]
fn missing_paths_are_named_once_and_plainly() {
    let dir = Dir::new();
    let run = dir
        .kg(&["export", "--format", "dot", "-o", "no/such/dir/g.dot"])
        .code(1)
        .says("no/such/dir/g.dot")
        .says("the directory no/such/dir does not exist");
    assert!(!run.stderr.contains(".kg-tmp"), "{run}");
    let run = dir
        .kg(&["neighbors", "数据要素", "--graph", "nope.kg"])
        .code(1)
        .says("nope.kg");
    // The library's error quotes the OS's reason; the chain must not repeat it.
    assert_eq!(run.stderr.matches("(os error 2)").count(), 1, "{run}");
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
    interrupt(dir, &["build", "big", "-o", out], signal)
}

/// Starts kg with `args` in a process group of its own and, once it is
/// under way, sends `signal` to the whole group, as a terminal's Ctrl-C
/// does: kg and any program it runs (Graphviz) get it.
#[cfg(unix)]
fn interrupt(dir: &Dir, args: &[&str], signal: &str) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    let child = dir
        .command(args)
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start kg");
    wait_for_handler(child.id());
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), "--", &format!("-{}", child.id())])
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
#[cfg(unix)]
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

/// A scheduler's stop (SIGTERM to the whole process group: kg and the
/// Graphviz it runs) while Graphviz lays out every entity of the bundled
/// graph, which takes it minutes, so the signal always comes mid-render.
/// Not SIGINT: Graphviz catches that itself, and its handler has been seen
/// to deadlock `dot`, which would hang the test; kg handles both alike.
#[cfg(unix)]
#[test]
fn an_interrupted_export_writes_nothing() {
    let dir = Dir::new();
    dir.write("g.svg", "the previous picture");
    let out = interrupt(
        &dir,
        &["export", "--format", "svg", "--top", "0", "-o", "g.svg"],
        "TERM",
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(143), "{:?}\n{stderr}", out.status);
    assert!(
        stderr.contains("export stopped") && stderr.contains("g.svg"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("g.svg")).expect("the picture"),
        "the previous picture"
    );
    assert!(
        temporary_files(&dir).is_empty(),
        "{:?}",
        temporary_files(&dir)
    );
}

/// Entity names that break a careless export: DOT string and graph syntax,
/// HTML-like labels, Graphviz escapes (`\N`, `\l`), CSV separators, quotes
/// and line breaks, spreadsheet formulas.
const HOSTILE_NAMES: &[&str] = &[
    "say \"hi\"",
    "{braces} [brackets]",
    "back\\slash",
    "trailing\\",
    "\\N",
    "x\\ly",
    "two\nlines",
    "<b>x</b>",
    "<TABLE><TR><TD>t</TD></TR></TABLE>",
    "a,b,c",
    "=1+2",
    "+SUM(A1:A9)",
    "-2+3",
    "@cmd",
    "semi;colon",
    "it's 'single'",
    "tab\there",
    "cr\rhere",
    "bell\u{7}nul\u{0}",
    "n0 -- n1 [label=x]",
    "\"]; n99 [label=\"pwn",
    "/* not a comment */ # nor this",
    "&amp; &lt; &#65; R&D",
    "数据要素",
];

/// The sentence behind every link, hostile too.
const HOSTILE_SENTENCE: &str =
    "=SUM(1,2)国家数据局称,\"引号\"与\\反斜杠{括号}<b>数据要素</b>,@数字经济";

/// A graph whose entities have [`HOSTILE_NAMES`], all linked to each other
/// by one sentence of a document with a hostile name. Real text cannot
/// reach all of these names, so the mentions are made by hand and go
/// through the real linker.
fn hostile_graph() -> kg_core::KnowledgeGraph {
    let doc = kg_core::normalize::normalize(&kg_core::Document::from_text(
        "a,\"b\";c.txt",
        format!("{HOSTILE_SENTENCE}。"),
    ));
    assert_eq!(doc.sentences.len(), 1, "{doc:?}");
    let len = doc.sentences[0].text.len();
    let mut mentions: Vec<kg_core::Mention> = HOSTILE_NAMES
        .iter()
        .map(|name| kg_core::Mention::new(kg_core::EntityKind::Concept, *name, 0, len))
        .collect();
    mentions[0].aliases = vec!["=alias".into(), "别名,\"带引号\"".into()];
    let extraction = kg_core::Extraction {
        mentions: vec![mentions],
    };
    let mut linker = kg_core::Linker::new(kg_core::Window::Sentence);
    linker.add(&doc, &extraction);
    linker.finish()
}

/// What an export says about a graph, in terms every format can give.
#[derive(Debug, PartialEq)]
struct ReadBack {
    /// Entity names, sorted.
    names: Vec<String>,
    /// Links as pairs of names (each pair sorted), sorted.
    links: Vec<(String, String)>,
}

impl ReadBack {
    fn new(names: Vec<String>, links: Vec<(String, String)>) -> ReadBack {
        let mut names = names;
        names.sort();
        let mut links: Vec<(String, String)> = links
            .into_iter()
            .map(|(a, b)| if a <= b { (a, b) } else { (b, a) })
            .collect();
        links.sort();
        ReadBack { names, links }
    }

    /// The graph itself, with names as `shown` turns them into text.
    fn expected(graph: &kg_core::KnowledgeGraph, shown: impl Fn(&str) -> String) -> ReadBack {
        use kg_core::export::node_id;
        let g = graph.graph();
        let names = g.node_indices().map(|n| shown(&g[n].name)).collect();
        let links = g
            .edge_indices()
            .filter_map(|e| g.edge_endpoints(e))
            .map(|(a, b)| (shown(&g[a].name), shown(&g[b].name)))
            .collect();
        // Exports name nodes by id; the ids must be plain ASCII.
        assert!(g.node_indices().all(|n| node_id(n).is_ascii()));
        ReadBack::new(names, links)
    }

    /// Pairs of ids turned into pairs of names with `by_id`.
    fn from_ids(
        by_id: &std::collections::HashMap<String, String>,
        ids: Vec<(String, String)>,
    ) -> ReadBack {
        let name = |id: &str| {
            by_id
                .get(id)
                .unwrap_or_else(|| panic!("a link to an unknown node {id:?}"))
                .clone()
        };
        let links = ids.iter().map(|(a, b)| (name(a), name(b))).collect();
        ReadBack::new(by_id.values().cloned().collect(), links)
    }
}

/// A DOT label as Graphviz shows it: `quote` drops control characters
/// other than the line break.
fn dot_label(name: &str) -> String {
    name.chars()
        .filter(|&c| c == '\n' || !c.is_control())
        .collect()
}

/// The text of a DOT quoted string as Graphviz draws it: `\"` is a quote
/// (the DOT grammar); in a label `\\` is a backslash and `\n` a line break
/// (Graphviz's escString); then HTML entities are decoded (Graphviz does so
/// in every label).
fn unquote_dot_label(quoted: &str) -> String {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not a quoted string: {quoted}"));
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => panic!("a lone backslash ends {quoted}"),
        }
    }
    decode_entities(&out)
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and `&#N;` decoded, other
/// text kept.
fn decode_entities(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = rest.find(';').map(|end| (&rest[1..end], end));
        let decoded = entity.and_then(|(name, end)| {
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => char::from_u32(name.strip_prefix('#')?.parse().ok()?)?,
            };
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `kg export --format dot`, parsed back with graphviz-rust's parser.
fn read_dot(dir: &Dir, graph: &str) -> ReadBack {
    use graphviz_rust::dot_structures::{Attribute, EdgeTy, Graph, Id, NodeId, Stmt, Vertex};

    let out = format!("{graph}.dot");
    dir.kg(&[
        "export", "--format", "dot", "--top", "0", "--graph", graph, "-o", &out,
    ])
    .success();
    let text = std::fs::read_to_string(dir.path().join(&out)).expect("the DOT file");
    let parsed = graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let Graph::Graph { stmts, .. } = parsed else {
        panic!("not an undirected graph:\n{text}")
    };
    let id_text = |id: &Id| match id {
        Id::Plain(s) | Id::Escaped(s) | Id::Html(s) | Id::Anonymous(s) => s.clone(),
    };
    let mut by_id = std::collections::HashMap::new();
    let mut ids = Vec::new();
    for stmt in &stmts {
        match stmt {
            Stmt::Node(node) => {
                let NodeId(id, _) = &node.id;
                let label = node
                    .attributes
                    .iter()
                    .find_map(|Attribute(k, v)| (id_text(k) == "label").then_some(v))
                    .unwrap_or_else(|| panic!("a node without a label: {node:?}"));
                let Id::Escaped(quoted) = label else {
                    panic!("a label that is not a quoted string: {label:?}")
                };
                let before = by_id.insert(id_text(id), unquote_dot_label(quoted));
                assert!(before.is_none(), "node {id:?} twice");
            }
            Stmt::Edge(edge) => {
                let EdgeTy::Pair(Vertex::N(NodeId(a, _)), Vertex::N(NodeId(b, _))) = &edge.ty
                else {
                    panic!("an edge that is not a pair of nodes: {edge:?}")
                };
                ids.push((id_text(a), id_text(b)));
            }
            _ => {}
        }
    }
    ReadBack::from_ids(&by_id, ids)
}

/// The same DOT laid out by the real Graphviz (`dot -Tjson`): the lines
/// each node's label is drawn as, joined with line breaks. `None` when
/// Graphviz is not installed.
fn read_dot_with_graphviz(dir: &Dir, graph: &str) -> Option<ReadBack> {
    let dot = dir.path().join(format!("{graph}.dot"));
    let out = Command::new("dot").arg("-Tjson").arg(&dot).output().ok()?;
    assert!(
        out.status.success(),
        "dot failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("dot's JSON");
    let mut by_gvid = std::collections::HashMap::new();
    for object in json["objects"].as_array().expect("objects") {
        let lines: Vec<&str> = object["_ldraw_"]
            .as_array()
            .expect("label drawing operations")
            .iter()
            .filter(|op| op["op"] == "T")
            .map(|op| op["text"].as_str().expect("text"))
            .collect();
        by_gvid.insert(object["_gvid"].to_string(), lines.join("\n"));
    }
    let ids = json["edges"]
        .as_array()
        .map(|edges| {
            edges
                .iter()
                .map(|e| (e["tail"].to_string(), e["head"].to_string()))
                .collect()
        })
        .unwrap_or_default();
    Some(ReadBack::from_ids(&by_gvid, ids))
}

/// The three CSV tables of `kg export --format csv --profile PROFILE`,
/// parsed back, BOM stripped: `(nodes, edges, evidence)`.
fn export_csv(dir: &Dir, graph: &str, profile: &str) -> [Vec<csv::StringRecord>; 3] {
    let out = format!("{graph}.{profile}");
    dir.kg(&[
        "export",
        "--format",
        "csv",
        "--profile",
        profile,
        "--graph",
        graph,
        "-o",
        &out,
    ])
    .success();
    ["nodes.csv", "edges.csv", "evidence.csv"].map(|file| {
        let bytes = std::fs::read(dir.path().join(&out).join(file)).expect("a CSV file");
        let bom = bytes.starts_with(kg_core::export::csv::BOM);
        assert_eq!(bom, profile == "excel", "{profile} {file}: BOM");
        let body = if bom { &bytes[3..] } else { &bytes[..] };
        let mut reader = csv::Reader::from_reader(body);
        let width = reader.headers().expect("a header").len();
        let rows: Vec<csv::StringRecord> = reader
            .records()
            .map(|r| r.unwrap_or_else(|e| panic!("{profile} {file}: {e}")))
            .collect();
        assert!(
            rows.iter().all(|r| r.len() == width),
            "{profile} {file}: a row of the wrong width"
        );
        rows
    })
}

/// Nodes and links of a CSV export: nodes as (id, name), edges as
/// (source id, target id), in the columns every profile puts them in.
fn read_csv(dir: &Dir, graph: &str, profile: &str) -> ReadBack {
    let [nodes, edges, _] = export_csv(dir, graph, profile);
    let mut by_id = std::collections::HashMap::new();
    for row in &nodes {
        assert!(
            by_id
                .insert(row[0].to_string(), row[1].to_string())
                .is_none(),
            "{profile}: node {} twice",
            &row[0]
        );
    }
    let ids = edges
        .iter()
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    ReadBack::from_ids(&by_id, ids)
}

/// A name as XML can hold it: characters XML 1.0 forbids (most C0
/// controls) become U+FFFD.
fn xml_label(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// `kg export --format FORMAT` (graphml, gexf or json) loaded by networkx,
/// as an analyst's script would: names are the `label` attributes.
fn read_networkx(dir: &Dir, graph: &str, format: &str) -> ReadBack {
    let out = format!("{graph}.{format}");
    dir.kg(&[
        "export", "--format", format, "--top", "0", "--graph", graph, "-o", &out,
    ])
    .success();
    let script = r#"
import json, sys
import networkx as nx
fmt, path = sys.argv[1], sys.argv[2]
if fmt == "graphml":
    g = nx.read_graphml(path)
elif fmt == "gexf":
    g = nx.read_gexf(path)
else:
    with open(path, encoding="utf-8") as f:
        g = nx.node_link_graph(json.load(f), edges="edges")
label = {n: d["label"] for n, d in g.nodes(data=True)}
print(json.dumps({"names": list(label.values()),
                  "links": [[label[a], label[b]] for a, b in g.edges()]}))
"#;
    let run = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(format)
        .arg(dir.path().join(&out))
        .output()
        .expect("python3 on PATH");
    assert!(
        run.status.success(),
        "networkx could not read the {format}:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&run.stdout).expect("the script's JSON");
    let text = |v: &serde_json::Value| v.as_str().expect("a string").to_string();
    let names = got["names"]
        .as_array()
        .expect("names")
        .iter()
        .map(text)
        .collect();
    let links = got["links"]
        .as_array()
        .expect("links")
        .iter()
        .map(|pair| (text(&pair[0]), text(&pair[1])))
        .collect();
    ReadBack::new(names, links)
}

/// `kg export --format json` read with serde_json: `label`s and the
/// `source`/`target` ids of `edges`.
fn read_json(dir: &Dir, graph: &str) -> ReadBack {
    let out = format!("{graph}.json");
    dir.kg(&[
        "export", "--format", "json", "--top", "0", "--graph", graph, "-o", &out,
    ])
    .success();
    let bytes = std::fs::read(dir.path().join(&out)).expect("the JSON file");
    let json: serde_json::Value = serde_json::from_slice(&bytes).expect("well-formed JSON");
    let text = |v: &serde_json::Value| v.as_str().expect("a string").to_string();
    let mut by_id = std::collections::HashMap::new();
    for node in json["nodes"].as_array().expect("nodes") {
        let before = by_id.insert(text(&node["id"]), text(&node["label"]));
        assert!(before.is_none(), "node {} twice", node["id"]);
    }
    let ids = json["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| (text(&e["source"]), text(&e["target"])))
        .collect();
    ReadBack::from_ids(&by_id, ids)
}

#[test]
fn hostile_names_come_out_of_every_export_intact() {
    let dir = Dir::new();
    let graph = hostile_graph();
    let n = HOSTILE_NAMES.len();
    assert_eq!(graph.graph().node_count(), n);
    assert_eq!(graph.graph().edge_count(), n * (n - 1) / 2);
    kg_core::store::save(&graph, dir.path().join("h.kg")).expect("save the graph");
    let exact = ReadBack::expected(&graph, str::to_string);

    assert_eq!(
        read_dot(&dir, "h.kg"),
        ReadBack::expected(&graph, dot_label)
    );
    if let Some(drawn) = read_dot_with_graphviz(&dir, "h.kg") {
        assert_eq!(drawn, ReadBack::expected(&graph, dot_label));
    }
    assert_eq!(read_csv(&dir, "h.kg", "tool"), exact);
    assert_eq!(read_csv(&dir, "h.kg", "neo4j"), exact);
    // Excel: formula-like names are shown as text, the rest untouched.
    let neutral = |name: &str| kg_core::export::csv::neutralize(name).into_owned();
    assert_eq!(
        read_csv(&dir, "h.kg", "excel"),
        ReadBack::expected(&graph, neutral)
    );
    assert_eq!(read_json(&dir, "h.kg"), exact);
    assert_eq!(read_networkx(&dir, "h.kg", "json"), exact);
    let xml = ReadBack::expected(&graph, xml_label);
    assert_eq!(read_networkx(&dir, "h.kg", "graphml"), xml);
    assert_eq!(read_networkx(&dir, "h.kg", "gexf"), xml);
    // A new export format needs one reader returning a ReadBack, and a line here.
}

#[test]
fn hostile_aliases_and_evidence_survive_every_csv_profile() {
    let dir = Dir::new();
    let graph = hostile_graph();
    kg_core::store::save(&graph, dir.path().join("h.kg")).expect("save the graph");
    let edges = graph.graph().edge_count();
    let sentence = graph.sentences().text_of(0).into_owned();
    assert!(sentence.starts_with(HOSTILE_SENTENCE), "{sentence}");
    let neutral = |text: &str| kg_core::export::csv::neutralize(text).into_owned();
    for profile in ["tool", "excel", "neo4j"] {
        let shown = |text: &str| match profile {
            "excel" => neutral(text),
            _ => text.to_string(),
        };
        let [nodes, _, evidence] = export_csv(&dir, "h.kg", profile);
        let first = nodes
            .iter()
            .find(|r| r[1] == shown(HOSTILE_NAMES[0]))
            .unwrap_or_else(|| panic!("{profile}: no node {:?}", HOSTILE_NAMES[0]));
        assert_eq!(&first[3], shown("=alias;别名,\"带引号\""), "{profile}");
        assert_eq!(evidence.len(), edges, "{profile}");
        for row in &evidence {
            assert_eq!(&row[2], shown("a,\"b\";c.txt"), "{profile}");
            assert_eq!(&row[6], shown(&sentence), "{profile}");
        }
    }
}
