//! GraphML export, for Gephi, Cytoscape, yEd and networkx
//! (`networkx.read_graphml`).
//!
//! Every attribute is declared with a `<key>` and a type (`string`, `int`,
//! `double`), so readers get numbers as numbers. Node ids are the ASCII
//! ids of every export ([`super::node_id`]); names are `label` data. Text
//! is XML-escaped by quick-xml, and the characters XML 1.0 cannot carry at
//! all (most C0 controls), which untrusted text may hold, are replaced by
//! U+FFFD so the file always parses.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{node_id, select, ExportOptions};
use crate::graph::KnowledgeGraph;

/// The `<key>` declarations: (id, for, attr.name, attr.type).
const KEYS: [(&str, &str, &str, &str); 12] = [
    ("label", "node", "label", "string"),
    ("kind", "node", "kind", "string"),
    ("aliases", "node", "aliases", "string"),
    ("mentions", "node", "mentions", "int"),
    ("documents", "node", "documents", "int"),
    ("community", "node", "community", "int"),
    ("weight", "edge", "weight", "double"),
    ("count", "edge", "count", "int"),
    ("edge_documents", "edge", "documents", "int"),
    ("npmi", "edge", "npmi", "double"),
    ("jaccard", "edge", "jaccard", "double"),
    ("strength", "edge", "strength", "double"),
];

/// Text safe inside an XML element or a quoted attribute.
///
/// ```
/// use kg_core::export::graphml::xml_text;
/// assert_eq!(xml_text("<b>\"A&B\"</b>"), "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;");
/// assert_eq!(xml_text("a\u{1}b"), "a\u{FFFD}b");
/// ```
pub fn xml_text(text: &str) -> Cow<'_, str> {
    // XML 1.0 allows tab, newline and carriage return among the C0 controls,
    // and no U+FFFE/U+FFFF.
    let allowed = |c: char| !matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}');
    if text.chars().all(|c| allowed(c) && c != '\r') {
        return quick_xml::escape::escape(text);
    }
    let clean: String = text
        .chars()
        .map(|c| if allowed(c) { c } else { '\u{FFFD}' })
        .collect();
    // A parser turns a raw carriage return into a line feed; a character
    // reference keeps it.
    Cow::Owned(quick_xml::escape::escape(&clean).replace('\r', "&#13;"))
}

/// Text safe inside a quoted XML attribute, white space included: a parser
/// turns raw tabs and line breaks in an attribute into spaces, character
/// references keep them.
///
/// ```
/// use kg_core::export::graphml::xml_attr;
/// assert_eq!(xml_attr("a\tb\n\"c\""), "a&#9;b&#10;&quot;c&quot;");
/// ```
pub fn xml_attr(text: &str) -> Cow<'_, str> {
    let escaped = xml_text(text);
    if escaped.contains(['\t', '\n']) {
        Cow::Owned(escaped.replace('\t', "&#9;").replace('\n', "&#10;"))
    } else {
        escaped
    }
}

/// Writes the part of `graph` that `opts` keep as GraphML.
///
/// ```
/// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
/// let mut out = Vec::new();
/// kg_core::export::graphml::write_graphml(&g, &Default::default(), &mut out)?;
/// let xml = String::from_utf8(out).unwrap();
/// assert!(xml.contains(r#"<graph id="kg" edgedefault="undirected">"#));
/// assert!(xml.contains(r#"<data key="label">数据要素</data>"#));
/// assert!(xml.contains(r#"<edge id="e0" source="n0" target="n1">"#));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_graphml(
    graph: &KnowledgeGraph,
    opts: &ExportOptions,
    out: impl Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let sel = select(graph, opts);
    let g = graph.graph();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, target, name, ty) in KEYS {
        writeln!(
            out,
            r#"  <key id="{id}" for="{target}" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="kg" edgedefault="undirected">"#)?;
    for (&n, community) in sel.nodes.iter().zip(&sel.communities) {
        let e = &g[n];
        writeln!(out, r#"    <node id="{}">"#, node_id(n))?;
        let data = |out: &mut io::BufWriter<_>, key: &str, value: &str| {
            writeln!(out, r#"      <data key="{key}">{}</data>"#, xml_text(value))
        };
        data(&mut out, "label", &e.name)?;
        data(&mut out, "kind", e.kind.as_str())?;
        data(&mut out, "aliases", &e.aliases.join(";"))?;
        data(&mut out, "mentions", &e.mentions.to_string())?;
        data(&mut out, "documents", &e.documents.len().to_string())?;
        if let Some(c) = community {
            data(&mut out, "community", &c.to_string())?;
        }
        writeln!(out, "    </node>")?;
    }
    for (i, &edge) in sel.edges.iter().enumerate() {
        let Some((a, b)) = g.edge_endpoints(edge) else {
            continue;
        };
        let l = &g[edge];
        writeln!(
            out,
            r#"    <edge id="e{i}" source="{}" target="{}">"#,
            node_id(a),
            node_id(b)
        )?;
        for (key, value) in [
            ("weight", super::weight_text(opts.weight, l)),
            ("count", l.count.to_string()),
            ("edge_documents", l.documents.to_string()),
            ("npmi", l.npmi.to_string()),
            ("jaccard", l.jaccard.to_string()),
            ("strength", l.strength.to_string()),
        ] {
            writeln!(out, r#"      <data key="{key}">{value}</data>"#)?;
        }
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_replaced_and_markup_escaped() {
        assert_eq!(xml_text("plain 数据"), "plain 数据");
        assert_eq!(xml_text("a\u{0}b\u{1F}c\td"), "a\u{FFFD}b\u{FFFD}c\td");
        assert_eq!(xml_text("]]><x a='1'>"), "]]&gt;&lt;x a=&apos;1&apos;&gt;");
        assert_eq!(xml_text("a\r\nb"), "a&#13;\nb");
    }
}
