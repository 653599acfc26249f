//! DOT export: the graph as a Graphviz picture.
//!
//! The picture is built as a graphviz-rust AST ([`to_graph`]) and printed
//! by its printer ([`write_dot`]). It is an undirected `graph`:
//!
//! - node ids are ASCII ([`super::node_id`]: `n0`, `n1`, …) and the Chinese
//!   names are labels, so no tool ever has to quote a CJK id;
//! - `charset="UTF-8"` and a CJK font on the graph, nodes and edges:
//!   [`FONTNAME`] lists Noto Sans CJK SC first, then Source Han Sans SC,
//!   WenQuanYi Micro Hei, Microsoft YaHei, PingFang SC and `sans-serif`.
//!   Graphviz hands the list to Pango/fontconfig, which takes the first
//!   family installed; SVG output carries it as a CSS `font-family` list, so
//!   browsers fall back the same way (on Debian, `fonts-noto-cjk` provides
//!   the first);
//! - each kind has its own shape and colour ([`style`]), node font size
//!   grows with mentions and edge pen width with units together, both on a
//!   log scale from the smallest to the largest value exported, so a
//!   corpus's few giants do not dwarf everything else;
//! - the layout is `neato` with overlap removal: co-occurrence has no
//!   direction, so a spring layout reads better than `dot`'s ranks; with
//!   [`ExportOptions::clusters`] each community is a cluster and the layout
//!   is `fdp`, the spring layout that draws clusters;
//! - a legend, an HTML-like table as the graph's label, gives each kind
//!   shown with its colour, shape and Chinese name.
//!
//! graphviz-rust prints ids exactly as given, so every quoted string is
//! escaped here ([`quote`]).

use std::io::{self, Write};

use graphviz_rust::cmd::{CommandArg, Format};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use super::{node_id, select, ExportOptions};
use crate::error::{Error, Result};
use crate::extract::EntityKind;
use crate::graph::{KnowledgeGraph, Window};

/// The font families asked for, best first (see the module docs).
pub const FONTNAME: &str =
    "Noto Sans CJK SC,Source Han Sans SC,WenQuanYi Micro Hei,Microsoft YaHei,PingFang SC,sans-serif";

/// How a kind is drawn: `(shape, fill colour, border colour)`.
///
/// Fills are light tints of the Okabe–Ito palette (told apart with the
/// common forms of colour blindness), borders the full colour; the shapes
/// differ as well, so a greyscale print still tells the kinds apart.
///
/// ```
/// use kg_core::{export::dot::style, EntityKind};
/// assert_eq!(style(EntityKind::Concept).0, "ellipse");
/// assert_ne!(style(EntityKind::Policy), style(EntityKind::Region));
/// ```
pub fn style(kind: EntityKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        EntityKind::Policy => ("note", "#fbe3d3", "#d55e00"),
        EntityKind::Programme => ("hexagon", "#fdf0c8", "#e69f00"),
        EntityKind::Metric => ("parallelogram", "#f7e1ee", "#cc79a7"),
        EntityKind::Organization => ("box", "#d6eaf8", "#0072b2"),
        EntityKind::Region => ("octagon", "#d4f0e6", "#009e73"),
        EntityKind::Concept => ("ellipse", "#eeeeee", "#555555"),
    }
}

/// A DOT quoted string holding `text`: `"` and `\` escaped, line breaks
/// as `\n` (Graphviz's centred line break), other control characters
/// dropped, and `&` written `&amp;`, because Graphviz decodes HTML entities
/// in every label and tooltip: unescaped, a name holding `&lt;` would be
/// drawn as `<`.
///
/// ```
/// use kg_core::export::dot::quote;
/// assert_eq!(quote("数据要素"), "\"数据要素\"");
/// assert_eq!(quote("a\"b\\c\nd\r"), r#""a\"b\\c\nd""#);
/// assert_eq!(quote("R&D &lt;"), "\"R&amp;D &amp;lt;\"");
/// ```
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '&' => out.push_str("&amp;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn attr(key: &str, value: impl Into<String>) -> Attribute {
    Attribute(Id::Plain(key.to_string()), Id::Plain(value.into()))
}

fn attr_quoted(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_string()), Id::Escaped(quote(value)))
}

/// Where `x` lies between `min` and `max` on a log scale, in [0, 1] (0.5
/// when there is no range at all: every value 1, or none). Scaling within the exported range
/// (not from zero) keeps differences visible after `--min-count` or
/// `--top` cut the weak end away; the range spans at least a factor of
/// [`MIN_SPAN`], so near-equal values are not blown up into big and small.
fn log_scale(x: u32, (min, max): (u32, u32)) -> f64 {
    let hi = f64::from(max.max(1));
    let lo = f64::from(min.max(1)).min(hi / MIN_SPAN).max(1.0);
    let (lx, lo, hi) = (f64::from(x.max(1)).ln(), lo.ln(), hi.ln());
    if hi <= lo {
        return 0.5;
    }
    ((lx - lo) / (hi - lo)).clamp(0.0, 1.0)
}

/// The smallest ratio of largest to smallest value that [`log_scale`]
/// spreads over the whole range.
const MIN_SPAN: f64 = 20.0;

fn range(values: impl Iterator<Item = u32>) -> (u32, u32) {
    values.fold((u32::MAX, 0), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

/// The part of `graph` that `opts` keep, as a graphviz-rust AST, ready to
/// print or to adjust before printing.
///
/// ```
/// use graphviz_rust::dot_structures::Graph;
/// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
/// let Graph::Graph { stmts, strict, .. } = kg_core::export::dot::to_graph(&g, &Default::default())
/// else { panic!("an undirected graph") };
/// assert!(!strict);
/// assert_eq!(stmts.len(), 3 + 2 + 1); // graph/node/edge defaults, 2 nodes, 1 edge
/// ```
pub fn to_graph(graph: &KnowledgeGraph, opts: &ExportOptions) -> Graph {
    let sel = select(graph, opts);
    let g = graph.graph();
    let mut stmts: Vec<Stmt> = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr_quoted("charset", "UTF-8"),
            attr_quoted("fontname", FONTNAME),
            attr("layout", if opts.clusters { "fdp" } else { "neato" }),
            attr("overlap", "false"),
            attr("splines", "true"),
            attr("outputorder", "edgesfirst"),
            Attribute(
                Id::Plain("label".into()),
                Id::Html(legend(graph, &sel.nodes)),
            ),
            attr("labelloc", "b"),
            attr("labeljust", "l"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr_quoted("fontname", FONTNAME),
            attr_quoted("style", "filled"),
            attr("penwidth", "1.2"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr_quoted("fontname", FONTNAME),
            attr_quoted("color", "#88888899"),
        ])),
    ];
    let mentions = range(sel.nodes.iter().map(|&n| g[n].mentions));
    let mut clusters: std::collections::BTreeMap<usize, Vec<Stmt>> = Default::default();
    for (&n, community) in sel.nodes.iter().zip(&sel.communities) {
        let e = &g[n];
        let (shape, fill, border) = style(e.kind);
        let mut attributes = vec![
            attr_quoted("label", &e.name),
            attr("shape", shape),
            attr_quoted("fillcolor", fill),
            attr_quoted("color", border),
            attr(
                "fontsize",
                format!("{:.1}", 10.0 + 16.0 * log_scale(e.mentions, mentions)),
            ),
            attr_quoted(
                "tooltip",
                &format!(
                    "{} ({}), {} mentions",
                    e.name,
                    e.kind.label_zh(),
                    e.mentions
                ),
            ),
        ];
        if opts.ego.is_some_and(|ego| ego.centre == n) {
            // The centre of a neighbourhood stands out by its border.
            attributes.push(attr("penwidth", "3.5"));
        }
        if e.kind == EntityKind::Organization {
            // Rounded corners tell a body's box from a plain box at a glance.
            attributes.push(attr_quoted("style", "rounded,filled"));
        }
        let node = Stmt::Node(Node::new(NodeId(Id::Plain(node_id(n)), None), attributes));
        match community {
            Some(c) if opts.clusters => clusters.entry(*c).or_default().push(node),
            _ => stmts.push(node),
        }
    }
    for (c, members) in clusters {
        let mut cluster = vec![
            Stmt::Attribute(attr_quoted("label", &format!("community {c}"))),
            Stmt::Attribute(attr_quoted("style", "rounded,dashed")),
            Stmt::Attribute(attr_quoted("color", "#999999")),
        ];
        cluster.extend(members);
        stmts.push(Stmt::Subgraph(Subgraph {
            id: Id::Plain(format!("cluster_{c}")),
            stmts: cluster,
        }));
    }
    let units = match graph.window() {
        Window::Sentence => "sentences",
        Window::Paragraph => "paragraphs",
        Window::Sentences(_) => "windows",
    };
    let counts = range(sel.edges.iter().map(|&e| g[e].count));
    let measure = opts.weight;
    let (lo, hi) = sel
        .edges
        .iter()
        .map(|&e| measure.weight(&g[e]))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), w| {
            (lo.min(w), hi.max(w))
        });
    // Counts spread on a log scale (a few giants); the association
    // measures, already ratios, on a linear one.
    let width = |link: &crate::graph::Link| match measure {
        crate::query::SortBy::Count => log_scale(link.count, counts),
        _ if hi > lo => (measure.weight(link) - lo) / (hi - lo),
        _ => 0.5,
    };
    for &edge in &sel.edges {
        let Some((a, b)) = g.edge_endpoints(edge) else {
            continue;
        };
        let link = &g[edge];
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(
                Vertex::N(NodeId(Id::Plain(node_id(a)), None)),
                Vertex::N(NodeId(Id::Plain(node_id(b)), None)),
            ),
            attributes: vec![
                attr("penwidth", format!("{:.2}", 0.6 + 5.4 * width(link))),
                attr("weight", link.count.to_string()),
                attr_quoted(
                    "tooltip",
                    &format!(
                        "{} — {}: {} {units} together, NPMI {:.3}, Jaccard {:.3}",
                        g[a].name, g[b].name, link.count, link.npmi, link.jaccard
                    ),
                ),
            ],
        }));
    }
    Graph::Graph {
        id: Id::Plain("kg".to_string()),
        strict: false,
        stmts,
    }
}

/// The legend: one row per kind shown, with its colours, shape and name,
/// and what sizes mean; an HTML-like label, which every layout draws.
fn legend(graph: &KnowledgeGraph, nodes: &[petgraph::graph::NodeIndex]) -> String {
    let mut rows = String::new();
    for kind in EntityKind::ALL {
        if !nodes.iter().any(|&n| graph.entity(n).kind == kind) {
            continue;
        }
        let (shape, fill, border) = style(kind);
        rows.push_str(&format!(
            r#"<tr><td bgcolor="{fill}" color="{border}" width="24"> </td><td align="left">{} {} ({shape})</td></tr>"#,
            kind.as_str(),
            kind.label_zh()
        ));
    }
    let units = match graph.window() {
        Window::Sentence => "sentences",
        Window::Paragraph => "paragraphs",
        Window::Sentences(_) => "windows",
    };
    format!(
        r#"<<table border="0" cellborder="1" cellspacing="2" cellpadding="3">{rows}<tr><td colspan="2" border="0" align="left">text size: mentions · line width: {units} together</td></tr></table>>"#
    )
}

/// What [`render`] produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    /// Scalable vector graphics; labels stay text.
    Svg,
    /// A bitmap, at 96 dpi.
    Png,
    /// A PDF page.
    Pdf,
}

/// Lays out and draws the part of `graph` that `opts` keep by running
/// Graphviz's `dot` (arguments passed as a list, no shell). Without
/// Graphviz installed, an [`Error::Export`] says how to install it.
///
/// ```no_run
/// use kg_core::export::dot::{render, Picture};
/// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
/// let svg = render(&g, &Default::default(), Picture::Svg)?;
/// assert!(String::from_utf8_lossy(&svg).contains("数据要素"));
/// # Ok::<(), kg_core::Error>(())
/// ```
pub fn render(graph: &KnowledgeGraph, opts: &ExportOptions, picture: Picture) -> Result<Vec<u8>> {
    let format = match picture {
        Picture::Svg => Format::Svg,
        Picture::Png => Format::Png,
        Picture::Pdf => Format::Pdf,
    };
    let mut ctx = PrinterContext::default();
    ctx.with_semi();
    graphviz_rust::exec(to_graph(graph, opts), &mut ctx, vec![CommandArg::Format(format)]).map_err(
        |e| {
            if e.kind() == io::ErrorKind::NotFound {
                Error::Export(
                    "Graphviz's `dot` program was not found. Install Graphviz and a CJK font \
                     (Debian/Ubuntu: sudo apt-get install graphviz fonts-noto-cjk; Fedora: sudo dnf \
                     install graphviz google-noto-sans-cjk-fonts; macOS: brew install graphviz), \
                     or export --format dot and render it elsewhere"
                        .into(),
                )
            } else {
                Error::Export(format!("Graphviz failed: {}", e.to_string().trim()))
            }
        },
    )
}

/// Writes the part of `graph` that `opts` keep as DOT to `out`.
///
/// ```
/// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
/// let mut out = Vec::new();
/// kg_core::export::dot::write_dot(&g, &Default::default(), &mut out).unwrap();
/// let dot = String::from_utf8(out).unwrap();
/// assert!(dot.starts_with("graph kg {"));
/// assert!(dot.contains("charset=\"UTF-8\""));
/// assert!(dot.contains("n0 -- n1"));
/// ```
pub fn write_dot(
    graph: &KnowledgeGraph,
    opts: &ExportOptions,
    mut out: impl Write,
) -> io::Result<()> {
    let mut ctx = PrinterContext::default();
    ctx.with_semi();
    let text = to_graph(graph, opts).print(&mut ctx);
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GraphBuilder;

    fn dot(graph: &KnowledgeGraph, opts: &ExportOptions) -> String {
        let mut out = Vec::new();
        write_dot(graph, opts, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn ids_are_ascii_and_labels_chinese() {
        let g = GraphBuilder::new().build_from_texts([("a", "數據要素赋能数字经济。")]);
        let text = dot(&g, &ExportOptions::default());
        assert!(text.contains("label=\"数据要素\""), "{text}");
        assert!(text.contains("label=\"数字经济\""), "{text}");
        for line in text.lines().filter(|l| l.trim_start().starts_with('n')) {
            let id: String = line
                .trim_start()
                .chars()
                .take_while(|c| !"[ ".contains(*c))
                .collect();
            assert!(id.is_ascii(), "{line}");
        }
        assert_eq!(text.matches(" -- ").count(), 1);
        assert!(!text.contains("->"));
    }

    #[test]
    fn filters_by_kind_and_count() {
        let g = GraphBuilder::new().build_from_texts([(
            "a",
            "数据要素赋能数字经济。数据要素赋能数字经济。新质生产力。",
        )]);
        let opts = ExportOptions {
            min_count: 2,
            ..Default::default()
        };
        let text = dot(&g, &opts);
        assert!(
            text.contains("数据要素") && !text.contains("新质生产力"),
            "{text}"
        );
        let opts = ExportOptions {
            kinds: vec![EntityKind::Region],
            ..Default::default()
        };
        assert!(!dot(&g, &opts).contains("[label="));
    }

    #[test]
    fn clusters_legend_and_ego_centre() {
        let g = GraphBuilder::new().build_from_texts([(
            "a",
            "数据要素赋能数字经济。东数西算与算力网络。国家数据局。",
        )]);
        let plain = dot(&g, &ExportOptions::default());
        assert!(
            plain.contains("layout=neato") && !plain.contains("subgraph"),
            "{plain}"
        );
        // The legend lists exactly the kinds shown.
        assert!(
            plain.contains("concept 概念") && plain.contains("programme 行动"),
            "{plain}"
        );
        assert!(plain.contains("organization 机构"), "{plain}");
        assert!(!plain.contains("region 地区"), "{plain}");
        let clustered = dot(
            &g,
            &ExportOptions {
                clusters: true,
                ..Default::default()
            },
        );
        assert!(clustered.contains("layout=fdp"), "{clustered}");
        assert_eq!(
            clustered.matches("subgraph cluster_").count(),
            2,
            "{clustered}"
        );
        let ego = ExportOptions {
            ego: Some(super::super::EgoOptions {
                centre: g.find("数据要素").unwrap(),
                depth: 1,
                fan_out: 0,
            }),
            ..Default::default()
        };
        let text = dot(&g, &ego);
        assert_eq!(text.matches("[label=").count(), 2, "{text}");
        assert_eq!(text.matches("penwidth=3.5").count(), 1, "{text}");
        // graphviz-rust's parser reads every variant back.
        for text in [plain, clustered, text] {
            graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        }
    }

    #[test]
    fn scale_spans_the_exported_range() {
        assert_eq!(log_scale(5, (5, 500)), 0.0);
        assert_eq!(log_scale(500, (5, 500)), 1.0);
        assert_eq!(log_scale(7, (7, 7)), 1.0);
        assert_eq!(log_scale(0, (0, 0)), 0.5);
        let mid = log_scale(50, (5, 500));
        assert!((mid - 0.5).abs() < 1e-9, "{mid}");
        // Near-equal values stay near each other.
        let (small, big) = (log_scale(114, (114, 196)), log_scale(196, (114, 196)));
        assert!(big - small < 0.25, "{small} {big}");
    }

    #[test]
    fn quote_neutralizes_dot_syntax() {
        // A name that would close the string and add an attribute.
        assert_eq!(quote("a\" shape=box x=\"b"), r#""a\" shape=box x=\"b""#);
        assert_eq!(quote("\\N"), r#""\\N""#);
    }
}
