//! CSV export: the graph as three tables, RFC 4180, in one of three
//! [`CsvProfile`]s, because graph tools and spreadsheets want opposite things.
//!
//! | table | one row per | [`CsvProfile::Tool`] and [`CsvProfile::Excel`] columns |
//! |---|---|---|
//! | nodes | entity | `Id,Label,Kind,Aliases,Mentions,Documents,Community` |
//! | edges | link | `Source,Target,Type,Weight,Sentences,Documents,NPMI,Jaccard,Strength,Source Label,Target Label` |
//! | evidence | sentence behind a link | `Source,Target,Document,Sentence,Start,End,Text` |
//!
//! - **tool** (the default): UTF-8 without a BOM (Gephi has failed on one),
//!   values untouched, and the headers of Gephi's spreadsheet import (`Id`,
//!   `Label`; `Source`, `Target`, `Type` = `Undirected`, `Weight`), which
//!   scripts read as easily.
//! - **excel**: UTF-8 *with* a BOM, without which Excel reads the file as
//!   the local code page and garbles the Chinese, and every text cell that
//!   begins with `=`, `+`, `-`, `@`, tab, carriage return or NUL prefixed
//!   with `'`, so a name cannot run as a formula (OWASP CSV injection,
//!   CWE-1236). Numbers are left as numbers, negative NPMI included.
//! - **neo4j**: the headers of `neo4j-admin database import`: nodes
//!   `id:ID,name,:LABEL,aliases:string[],mentions:int,documents:int,community:int` (the
//!   label is the kind, `Concept`, `Policy`, …; aliases joined with `;`,
//!   the importer's default array delimiter) and relationships
//!   `:START_ID,:END_ID,:TYPE,weight:float,sentences:int,documents:int,npmi:float,jaccard:float,strength:float`
//!   of type `CO_OCCURS`. Evidence keeps plain headers, for `LOAD CSV`.
//!
//! Ids are those of [`super::node_id`], the same as in every export.
//! `Weight` is the measure [`ExportOptions::weight`] chooses: by default the
//! number of units (sentences, by default) in which both entities occur.
//! `Sentences` is the number of evidence sentences (more than the units
//! with a paragraph window), `Documents` the number of documents, `NPMI`,
//! `Jaccard` and `Strength` the association measures of [`crate::Link`].
//! `Community` is the id `kg communities` gives (empty for an entity
//! without links). Evidence rows give the document's name,
//! the sentence's index in it, the sentence's character offsets in the
//! original file and its normalized text; a unit of several sentences gives
//! a row for each.

use std::io::{self, Write};

use super::{node_id, select, ExportOptions};
use crate::graph::KnowledgeGraph;

/// Whom a CSV export is for (see the module docs).
///
/// ```
/// use kg_core::export::csv::CsvProfile;
/// assert_eq!(CsvProfile::default(), CsvProfile::Tool);
/// assert_eq!("excel".parse::<CsvProfile>(), Ok(CsvProfile::Excel));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CsvProfile {
    /// Gephi, scripts and other tools: no BOM, values untouched.
    #[default]
    Tool,
    /// Excel and LibreOffice: a BOM, formula-like text neutralized.
    Excel,
    /// `neo4j-admin database import` headers.
    Neo4j,
}

impl std::str::FromStr for CsvProfile {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "tool" => Ok(CsvProfile::Tool),
            "excel" => Ok(CsvProfile::Excel),
            "neo4j" => Ok(CsvProfile::Neo4j),
            _ => Err(format!(
                "unknown CSV profile '{s}': expected tool, excel or neo4j"
            )),
        }
    }
}

/// The UTF-8 byte order mark that the Excel profile writes first.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `text` made safe to open in a spreadsheet: a leading `=`, `+`, `-`,
/// `@`, tab, carriage return or NUL gets a `'` before it, so the cell is
/// shown as text and never evaluated.
///
/// ```
/// use kg_core::export::csv::neutralize;
/// assert_eq!(neutralize("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(neutralize("-1+2"), "'-1+2");
/// assert_eq!(neutralize("数据要素"), "数据要素");
/// ```
pub fn neutralize(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\0') => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// One cell: text is neutralized in the Excel profile, numbers never are.
enum Cell<'a> {
    Text(&'a str),
    Num(String),
}

/// A CSV writer that applies a profile.
struct Table<W: Write> {
    w: ::csv::Writer<W>,
    profile: CsvProfile,
}

impl<W: Write> Table<W> {
    fn new(mut out: W, profile: CsvProfile) -> ::csv::Result<Self> {
        if profile == CsvProfile::Excel {
            out.write_all(BOM)?;
        }
        Ok(Table {
            w: ::csv::Writer::from_writer(out),
            profile,
        })
    }

    fn header(&mut self, names: &[&str]) -> ::csv::Result<()> {
        self.w.write_record(names)
    }

    fn row(&mut self, cells: &[Cell<'_>]) -> ::csv::Result<()> {
        let excel = self.profile == CsvProfile::Excel;
        for cell in cells {
            match cell {
                Cell::Text(t) if excel => self.w.write_field(neutralize(t).as_bytes())?,
                Cell::Text(t) => self.w.write_field(t)?,
                Cell::Num(n) => self.w.write_field(n)?,
            }
        }
        self.w.write_record(None::<&[u8]>)
    }

    fn finish(mut self) -> ::csv::Result<()> {
        self.w.flush()?;
        Ok(())
    }
}

/// Writes the entities that `opts` keep, most mentioned first.
///
/// ```
/// use kg_core::export::csv::{write_nodes, CsvProfile};
/// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。数据要素。")]);
/// let mut out = Vec::new();
/// write_nodes(&g, &Default::default(), CsvProfile::Tool, &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert_eq!(text.lines().next(), Some("Id,Label,Kind,Aliases,Mentions,Documents,Community"));
/// assert!(text.contains(",数据要素,concept,,2,1,0\n"));
///
/// let mut out = Vec::new();
/// write_nodes(&g, &Default::default(), CsvProfile::Neo4j, &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("id:ID,name,:LABEL,aliases:string[],mentions:int,documents:int,community:int\n"));
/// assert!(text.contains(",数据要素,Concept,,2,1,0\n"));
/// ```
pub fn write_nodes(
    graph: &KnowledgeGraph,
    opts: &ExportOptions,
    profile: CsvProfile,
    out: impl Write,
) -> io::Result<()> {
    nodes(graph, opts, profile, out).map_err(into_io)
}

fn nodes(
    graph: &KnowledgeGraph,
    opts: &ExportOptions,
    profile: CsvProfile,
    out: impl Write,
) -> ::csv::Result<()> {
    let g = graph.graph();
    let mut t = Table::new(out, profile)?;
    match profile {
        CsvProfile::Neo4j => t.header(&[
            "id:ID",
            "name",
            ":LABEL",
            "aliases:string[]",
            "mentions:int",
            "documents:int",
            "community:int",
        ])?,
        _ => t.header(&[
            "Id",
            "Label",
            "Kind",
            "Aliases",
            "Mentions",
            "Documents",
            "Community",
        ])?,
    }
    let sel = select(graph, opts);
    for (&n, community) in sel.nodes.iter().zip(&sel.communities) {
        let e = &g[n];
        let id = node_id(n);
        let kind = match profile {
            CsvProfile::Neo4j => neo4j_label(e.kind.as_str()),
            _ => e.kind.as_str().to_string(),
        };
        t.row(&[
            Cell::Text(&id),
            Cell::Text(&e.name),
            Cell::Text(&kind),
            Cell::Text(&e.aliases.join(";")),
            Cell::Num(e.mentions.to_string()),
            Cell::Num(e.documents.len().to_string()),
            Cell::Num(community.map_or_else(String::new, |c| c.to_string())),
        ])?;
    }
    t.finish()
}

/// `concept` → `Concept`: Neo4j labels are conventionally capitalized.
fn neo4j_label(kind: &str) -> String {
    let mut chars = kind.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// Writes the links that `opts` keep.
///
/// ```
/// use kg_core::export::csv::{write_edges, CsvProfile};
/// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
/// let mut out = Vec::new();
/// write_edges(&g, &Default::default(), CsvProfile::Tool, &mut out).unwrap();
/// let mut rows = csv::Reader::from_reader(out.as_slice());
/// assert_eq!(&rows.headers().unwrap()[2], "Type");
/// let row = rows.records().next().unwrap().unwrap();
/// assert_eq!((&row[2], &row[3]), ("Undirected", "1"));
/// assert_eq!((&row[7], &row[9]), ("1.0000", "数据要素"));
/// ```
pub fn write_edges(
    graph: &KnowledgeGraph,
    opts: &ExportOptions,
    profile: CsvProfile,
    out: impl Write,
) -> io::Result<()> {
    edges(graph, opts, profile, out).map_err(into_io)
}

fn edges(
    graph: &KnowledgeGraph,
    opts: &ExportOptions,
    profile: CsvProfile,
    out: impl Write,
) -> ::csv::Result<()> {
    let g = graph.graph();
    let mut t = Table::new(out, profile)?;
    let neo4j = profile == CsvProfile::Neo4j;
    if neo4j {
        t.header(&[
            ":START_ID",
            ":END_ID",
            ":TYPE",
            "weight:float",
            "sentences:int",
            "documents:int",
            "npmi:float",
            "jaccard:float",
            "strength:float",
        ])?;
    } else {
        t.header(&[
            "Source",
            "Target",
            "Type",
            "Weight",
            "Sentences",
            "Documents",
            "NPMI",
            "Jaccard",
            "Strength",
            "Source Label",
            "Target Label",
        ])?;
    }
    for edge in select(graph, opts).edges {
        let Some((a, b)) = g.edge_endpoints(edge) else {
            continue;
        };
        let link = &g[edge];
        let sentences: u32 = link
            .evidence
            .iter()
            .map(|ev| ev.last.saturating_sub(ev.first) + 1)
            .sum();
        let (source, target) = (node_id(a), node_id(b));
        let mut cells = vec![
            Cell::Text(&source),
            Cell::Text(&target),
            Cell::Text(if neo4j { "CO_OCCURS" } else { "Undirected" }),
            Cell::Num(super::weight_text(opts.weight, link)),
            Cell::Num(sentences.to_string()),
            Cell::Num(link.documents.to_string()),
            Cell::Num(format!("{:.4}", link.npmi)),
            Cell::Num(format!("{:.4}", link.jaccard)),
            Cell::Num(format!("{:.4}", link.strength)),
        ];
        if !neo4j {
            cells.push(Cell::Text(&g[a].name));
            cells.push(Cell::Text(&g[b].name));
        }
        t.row(&cells)?;
    }
    t.finish()
}

/// Writes the sentences behind the links that `opts` keep.
///
/// ```
/// use kg_core::export::csv::{write_evidence, CsvProfile};
/// let g = kg_core::GraphBuilder::new().build_from_texts([("a.txt", "前言。数据要素赋能数字经济。")]);
/// let mut out = Vec::new();
/// write_evidence(&g, &Default::default(), CsvProfile::Excel, &mut out).unwrap();
/// assert!(out.starts_with(kg_core::export::csv::BOM));
/// let mut rows = csv::Reader::from_reader(&out[3..]);
/// let row = rows.records().next().unwrap().unwrap();
/// assert_eq!(&row[2], "a.txt");
/// assert_eq!((&row[3], &row[4], &row[5]), ("1", "3", "14"));
/// assert_eq!(&row[6], "数据要素赋能数字经济。");
/// ```
pub fn write_evidence(
    graph: &KnowledgeGraph,
    opts: &ExportOptions,
    profile: CsvProfile,
    out: impl Write,
) -> io::Result<()> {
    evidence(graph, opts, profile, out).map_err(into_io)
}

fn evidence(
    graph: &KnowledgeGraph,
    opts: &ExportOptions,
    profile: CsvProfile,
    out: impl Write,
) -> ::csv::Result<()> {
    let g = graph.graph();
    let mut t = Table::new(out, profile)?;
    if profile == CsvProfile::Neo4j {
        t.header(&[
            "source", "target", "document", "sentence", "start", "end", "text",
        ])?;
    } else {
        t.header(&[
            "Source", "Target", "Document", "Sentence", "Start", "End", "Text",
        ])?;
    }
    for edge in select(graph, opts).edges {
        let Some((a, b)) = g.edge_endpoints(edge) else {
            continue;
        };
        let (source, target) = (node_id(a), node_id(b));
        for ev in &g[edge].evidence {
            let Some(sentences) = graph.sentences().range(ev.first, ev.last) else {
                continue;
            };
            for s in sentences {
                let document = graph
                    .documents()
                    .get(s.record.document as usize)
                    .map_or("", |d| d.name.as_str());
                t.row(&[
                    Cell::Text(&source),
                    Cell::Text(&target),
                    Cell::Text(document),
                    Cell::Num(s.record.index.to_string()),
                    Cell::Num(s.record.start.to_string()),
                    Cell::Num(s.record.end.to_string()),
                    Cell::Text(&s.text),
                ])?;
            }
        }
    }
    t.finish()
}

/// The csv crate's own conversion wraps I/O errors as `Other`, which would
/// hide a closed pipe from callers; unwrap them instead.
fn into_io(err: ::csv::Error) -> io::Error {
    if !matches!(err.kind(), ::csv::ErrorKind::Io(_)) {
        return io::Error::other(err);
    }
    match err.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        kind => io::Error::other(format!("{kind:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GraphBuilder;

    fn rows(bytes: &[u8]) -> Vec<::csv::StringRecord> {
        let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
        ::csv::Reader::from_reader(body)
            .records()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn cells_with_commas_quotes_and_newlines_round_trip() {
        let g = GraphBuilder::new()
            .build_from_texts([("a,\"b\".txt", "数据要素赋能数字经济,推动\"新质生产力\"。")]);
        let mut out = Vec::new();
        write_evidence(&g, &ExportOptions::default(), CsvProfile::Tool, &mut out).unwrap();
        let rows = rows(&out);
        assert!(!rows.is_empty());
        assert!(rows.iter().all(|row| row.len() == 7));
        assert_eq!(&rows[0][2], "a,\"b\".txt");
        assert!(rows[0][6].contains("\"新质生产力\""));
    }

    #[test]
    fn tables_agree_on_ids_in_every_profile() {
        let g = GraphBuilder::new()
            .build_from_texts([("a", "数据要素赋能数字经济。数字经济与新质生产力。")]);
        let opts = ExportOptions::default();
        for profile in [CsvProfile::Tool, CsvProfile::Excel, CsvProfile::Neo4j] {
            let (mut nodes, mut edges) = (Vec::new(), Vec::new());
            write_nodes(&g, &opts, profile, &mut nodes).unwrap();
            write_edges(&g, &opts, profile, &mut edges).unwrap();
            assert_eq!(nodes.starts_with(BOM), profile == CsvProfile::Excel);
            assert_eq!(edges.starts_with(BOM), profile == CsvProfile::Excel);
            let ids: Vec<String> = rows(&nodes).iter().map(|r| r[0].to_string()).collect();
            assert_eq!(ids.len(), g.graph().node_count());
            for row in rows(&edges) {
                assert!(ids.contains(&row[0].to_string()) && ids.contains(&row[1].to_string()));
            }
        }
    }

    #[test]
    fn excel_neutralizes_text_but_not_numbers() {
        // A document name that would run as a formula.
        let g = GraphBuilder::new()
            .build_from_texts([("=cmd|' /C calc'!A0", "数据要素赋能数字经济。")]);
        let opts = ExportOptions::default();
        let mut excel = Vec::new();
        write_evidence(&g, &opts, CsvProfile::Excel, &mut excel).unwrap();
        let mut tool = Vec::new();
        write_evidence(&g, &opts, CsvProfile::Tool, &mut tool).unwrap();
        assert_eq!(&rows(&excel)[0][2], "'=cmd|' /C calc'!A0");
        assert_eq!(&rows(&tool)[0][2], "=cmd|' /C calc'!A0");
        for lead in ["+", "-", "@", "\t", "\r", "\0"] {
            assert!(
                neutralize(&format!("{lead}x")).starts_with('\''),
                "{lead:?}"
            );
        }
        // Numbers stay numbers, a negative NPMI included.
        let g = GraphBuilder::new().build_from_texts([(
            "a",
            "数据要素赋能数字经济。数据要素。数据要素。数字经济。数字经济。新质生产力。新质生产力。",
        )]);
        let mut edges = Vec::new();
        write_edges(&g, &opts, CsvProfile::Excel, &mut edges).unwrap();
        let rows = rows(&edges);
        assert!(rows.iter().all(|r| r[6].parse::<f64>().is_ok()), "{rows:?}");
        assert!(rows.iter().any(|r| r[6].starts_with('-')), "{rows:?}");
        assert!(rows.iter().all(|r| !r[3].starts_with('\'')));
    }

    #[test]
    fn neo4j_labels_are_capitalized() {
        assert_eq!(neo4j_label("organization"), "Organization");
        assert_eq!(neo4j_label(""), "");
    }
}
