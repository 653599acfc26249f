//! End-to-end tests of the analysis commands (`stats`, `search`, `top`,
//! `path`, `ego`, `communities`, `compare`) and of the document filters,
//! on small corpora whose answers are known by hand and on the bundled
//! graph.

mod common;
use common::*;

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{run}"))
}

/// A chain 数据要素 — 数字经济 — 新质生产力, and apart from it 东数西算 — 算力网络,
/// in two documents of known years.
fn chain(dir: &Dir) {
    dir.write(
        "texts/2024-a.txt",
        "数据要素赋能数字经济。数据要素赋能数字经济。",
    );
    dir.write(
        "texts/2025-b.txt",
        "数字经济与新质生产力。东数西算与算力网络。",
    );
    dir.kg(&["build", "texts", "-o", "g.kg"]).success();
}

#[test]
fn stats_counts_the_bundled_graph() {
    let dir = Dir::new();
    let run = dir.kg(&["stats", "--format", "json"]).success();
    let s = json(&run);
    assert_eq!(s["documents"], 5, "{run}");
    let per_kind: u64 = s["nodes_per_kind"]
        .as_object()
        .expect("an object of kinds")
        .values()
        .map(|v| v.as_u64().unwrap_or(0))
        .sum();
    assert_eq!(Some(per_kind), s["nodes"].as_u64(), "{run}");
    assert!(s["edges"].as_u64() > Some(1000), "{run}");
    let table = dir.kg(&["stats"]).success();
    assert!(table.stdout.contains("components"), "{table}");
}

#[test]
fn search_finds_traditional_text_and_fails_on_nothing() {
    let dir = Dir::new();
    let run = dir
        .kg(&["search", "數據要素", "--format", "json"])
        .success();
    let found = json(&run);
    let names: Vec<&str> = found["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert_eq!(names.first(), Some(&"数据要素"), "{run}");
    assert!(names.iter().all(|n| n.contains("数据要素")), "{run}");
    dir.kg(&["search", "没有这种东西的名字"]).code(1);
    dir.kg(&["search", ""]).code(2);
}

#[test]
fn top_ranks_by_each_measure_and_kind() {
    let dir = Dir::new();
    for by in ["mentions", "documents", "degree", "pagerank", "betweenness"] {
        let run = dir
            .kg(&["top", "--by", by, "--top", "10", "--format", "json"])
            .success();
        let values: Vec<f64> = json(&run)["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .filter_map(|e| e["value"].as_f64())
            .collect();
        assert_eq!(values.len(), 10, "{run}");
        assert!(values.windows(2).all(|w| w[0] >= w[1]), "not ranked: {run}");
    }
    let run = dir
        .kg(&["top", "--kind", "region", "--format", "csv"])
        .success();
    let mut rows = csv::Reader::from_reader(run.stdout.as_bytes());
    assert_eq!(
        rows.headers().expect("a header").iter().collect::<Vec<_>>(),
        ["rank", "name", "kind", "mentions"]
    );
    let kinds: Vec<String> = rows
        .records()
        .map(|r| r.expect("a row")[2].to_string())
        .collect();
    assert!(
        !kinds.is_empty() && kinds.iter().all(|k| k == "region"),
        "{run}"
    );
}

#[test]
fn path_follows_the_chain_with_a_sentence_per_hop() {
    let dir = Dir::new();
    chain(&dir);
    let run = dir
        .kg(&[
            "path",
            "数据要素",
            "新质生产力",
            "--graph",
            "g.kg",
            "--format",
            "json",
        ])
        .success();
    let hops = json(&run)["hops"].as_array().expect("hops").clone();
    let pairs: Vec<(&str, &str)> = hops
        .iter()
        .map(|h| {
            (
                h["from"].as_str().unwrap_or(""),
                h["to"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [("数据要素", "数字经济"), ("数字经济", "新质生产力")],
        "{run}"
    );
    assert_eq!(hops[0]["count"], 2);
    assert_eq!(hops[1]["sentence"], "数字经济与新质生产力。");
    assert_eq!(hops[1]["document"], "2025-b.txt");
    // Two components: no path, exit 1 and a message.
    let none = dir
        .kg(&["path", "数据要素", "算力网络", "--graph", "g.kg"])
        .code(1);
    assert!(none.stderr.contains("path"), "{none}");
    // Pruning the single-sentence link cuts the chain.
    dir.kg(&[
        "path",
        "数据要素",
        "新质生产力",
        "--graph",
        "g.kg",
        "--min-count",
        "2",
    ])
    .code(1);
}

#[test]
fn ego_lists_the_neighbourhood_and_exports_it() {
    let dir = Dir::new();
    chain(&dir);
    let one = dir
        .kg(&["ego", "数据要素", "--graph", "g.kg", "--format", "json"])
        .success();
    let names = |v: &serde_json::Value| -> Vec<String> {
        v["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .filter_map(|n| n["name"].as_str().map(str::to_string))
            .collect()
    };
    assert_eq!(names(&json(&one)), ["数据要素", "数字经济"], "{one}");
    let two = dir
        .kg(&[
            "ego",
            "数据要素",
            "--depth",
            "2",
            "--graph",
            "g.kg",
            "--format",
            "json",
        ])
        .success();
    assert_eq!(
        names(&json(&two)),
        ["数据要素", "数字经济", "新质生产力"],
        "{two}"
    );
    assert_eq!(json(&two)["edges"].as_array().map(Vec::len), Some(2));
    let dot = dir
        .kg(&[
            "export",
            "--format",
            "dot",
            "--ego",
            "数据要素",
            "--depth",
            "2",
            "--graph",
            "g.kg",
        ])
        .success();
    assert!(dot.stdout.contains("label=\"新质生产力\""), "{dot}");
    assert!(!dot.stdout.contains("算力网络"), "{dot}");
}

#[test]
fn communities_split_the_two_components() {
    let dir = Dir::new();
    chain(&dir);
    let run = dir
        .kg(&["communities", "--graph", "g.kg", "--format", "json"])
        .success();
    let c = json(&run);
    let communities = c["communities"].as_array().expect("communities");
    assert_eq!(communities.len(), 2, "{run}");
    assert_eq!(communities[0]["size"], 3);
    assert_eq!(
        communities[1]["members"],
        serde_json::json!(["东数西算工程", "算力网络"])
    );
    // Two components of 3 and 1 weight units: Q = (3/4 - (6/8)^2) + (1/4 - (2/8)^2).
    let q = c["modularity"].as_f64().expect("modularity");
    assert!((q - 0.375).abs() < 1e-9, "{run}");
    // Export carries the same ids.
    let exported = dir
        .kg(&["export", "--format", "json", "--graph", "g.kg"])
        .success();
    let nodes = json(&exported)["nodes"].as_array().expect("nodes").clone();
    let of = |name: &str| {
        nodes
            .iter()
            .find(|n| n["label"] == name)
            .map(|n| n["community"].clone())
    };
    assert_eq!(of("算力网络"), Some(serde_json::json!(1)), "{exported}");
    assert_eq!(of("数据要素"), Some(serde_json::json!(0)), "{exported}");
}

#[test]
fn document_filters_restrict_every_query() {
    let dir = Dir::new();
    chain(&dir);
    let y2025 = dir
        .kg(&[
            "stats", "--graph", "g.kg", "--year", "2025", "--format", "json",
        ])
        .success();
    assert_eq!(json(&y2025)["documents"], 1, "{y2025}");
    // 数据要素 is only in the 2024 text.
    dir.kg(&["neighbors", "数据要素", "--graph", "g.kg", "--year", "2025"])
        .code(1);
    let glob = dir
        .kg(&[
            "neighbors",
            "数字经济",
            "--graph",
            "g.kg",
            "--doc",
            "2024*",
            "--format",
            "json",
        ])
        .success();
    let n = json(&glob)["neighbors"]
        .as_array()
        .expect("neighbors")
        .clone();
    assert_eq!(n.len(), 1, "{glob}");
    assert_eq!(
        (n[0]["name"].as_str(), n[0]["count"].as_u64()),
        (Some("数据要素"), Some(2))
    );
    let none = dir
        .kg(&["stats", "--graph", "g.kg", "--year", "2019"])
        .code(1);
    assert!(none.stderr.contains("no document passes"), "{none}");
    dir.kg(&["stats", "--graph", "g.kg", "--year", "20x5"])
        .code(2);
    dir.kg(&["stats", "--graph", "g.kg", "--year", "2025-2024"])
        .code(2);
    dir.kg(&["stats", "--graph", "g.kg", "--doc", "a[b"])
        .code(2);
}

#[test]
fn compare_lists_appeared_vanished_and_changed_links() {
    let dir = Dir::new();
    dir.write("old/a.txt", "数据要素赋能数字经济。数据要素与数字经济。");
    dir.write("new/b.txt", "数据要素赋能数字经济。数据要素与新质生产力。");
    dir.kg(&["build", "old", "-o", "old.kg"]).success();
    dir.kg(&["build", "new", "-o", "new.kg"]).success();
    let run = dir
        .kg(&["compare", "old.kg", "new.kg", "--format", "json"])
        .success();
    let c = json(&run);
    assert_eq!(c["appeared"][0]["name"], "新质生产力", "{run}");
    assert_eq!(c["vanished"].as_array().map(Vec::len), Some(0), "{run}");
    assert_eq!(c["kept"], 2);
    let links = dir
        .kg(&[
            "compare",
            "old.kg",
            "new.kg",
            "数据要素",
            "--sort",
            "count",
            "--format",
            "json",
        ])
        .success();
    let l = json(&links);
    assert_eq!(l["stronger"][0]["name"], "新质生产力", "{links}");
    assert_eq!(l["weaker"][0]["name"], "数字经济", "{links}");
    assert_eq!(
        (
            l["weaker"][0]["count_before"].as_u64(),
            l["weaker"][0]["count_after"].as_u64()
        ),
        (Some(2), Some(1))
    );
    dir.kg(&["compare", "old.kg", "new.kg", "东数西算"]).code(1);
    dir.kg(&["compare", "old.kg", "missing.kg"]).code(1);
}

#[test]
fn why_gives_sentences_with_offsets_in_every_format() {
    let dir = Dir::new();
    chain(&dir);
    let run = dir
        .kg(&[
            "why",
            "数据要素",
            "数字经济",
            "--graph",
            "g.kg",
            "--format",
            "json",
        ])
        .success();
    let w = json(&run);
    assert_eq!(
        (w["count"].as_u64(), w["documents"].as_u64()),
        (Some(2), Some(1)),
        "{run}"
    );
    let s = &w["units"][1]["sentences"][0];
    assert_eq!(s["text"], "数据要素赋能数字经济。");
    assert_eq!(
        (s["start"].as_u64(), s["end"].as_u64()),
        (Some(11), Some(22)),
        "{run}"
    );
    let csv = dir
        .kg(&[
            "why",
            "数据要素",
            "数字经济",
            "--graph",
            "g.kg",
            "--format",
            "csv",
        ])
        .success();
    assert_eq!(csv.stdout.lines().count(), 3, "{csv}");
    assert!(
        csv.stdout.starts_with("document,sentence,start,end,text\n"),
        "{csv}"
    );
}
