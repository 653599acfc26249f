//! GEXF export, Gephi's own format (version 1.2, which Gephi and
//! `networkx.read_gexf` both read).
//!
//! Node and edge attributes are declared with their types, the link
//! weight is the edge's `weight`, and names are the nodes' labels; every
//! string goes through [`super::graphml::xml_attr`], so no name can break
//! the XML.

use std::io::{self, Write};

use super::graphml::xml_attr;
use super::{node_id, select, weight_text, ExportOptions};
use crate::graph::KnowledgeGraph;

/// Writes the part of `graph` that `opts` keep as GEXF.
///
/// ```
/// let g = kg_core::GraphBuilder::new().build_from_texts([("a", "数据要素赋能数字经济。")]);
/// let mut out = Vec::new();
/// kg_core::export::gexf::write_gexf(&g, &Default::default(), &mut out)?;
/// let xml = String::from_utf8(out).unwrap();
/// assert!(xml.contains(r#"<graph defaultedgetype="undirected" mode="static">"#));
/// assert!(xml.contains(r#"label="数据要素""#));
/// assert!(xml.contains(r#"<edge id="e0" source="n0" target="n1" weight="1">"#));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_gexf(graph: &KnowledgeGraph, opts: &ExportOptions, out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let sel = select(graph, opts);
    let g = graph.graph();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">"#
    )?;
    writeln!(
        out,
        "  <meta>\n    <creator>kg {}</creator>\n  </meta>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(
        out,
        r#"  <graph defaultedgetype="undirected" mode="static">"#
    )?;
    writeln!(out, r#"    <attributes class="node">"#)?;
    for (id, ty) in [
        ("kind", "string"),
        ("aliases", "string"),
        ("mentions", "integer"),
        ("documents", "integer"),
        ("community", "integer"),
    ] {
        writeln!(
            out,
            r#"      <attribute id="{id}" title="{id}" type="{ty}"/>"#
        )?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, r#"    <attributes class="edge">"#)?;
    for (id, ty) in [
        ("count", "integer"),
        ("documents", "integer"),
        ("npmi", "double"),
        ("jaccard", "double"),
        ("strength", "double"),
    ] {
        writeln!(
            out,
            r#"      <attribute id="{id}" title="{id}" type="{ty}"/>"#
        )?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, "    <nodes>")?;
    for (&n, community) in sel.nodes.iter().zip(&sel.communities) {
        let e = &g[n];
        writeln!(
            out,
            r#"      <node id="{}" label="{}">"#,
            node_id(n),
            xml_attr(&e.name)
        )?;
        writeln!(out, "        <attvalues>")?;
        let mut values = vec![
            ("kind", e.kind.as_str().to_string()),
            ("aliases", e.aliases.join(";")),
            ("mentions", e.mentions.to_string()),
            ("documents", e.documents.len().to_string()),
        ];
        if let Some(c) = community {
            values.push(("community", c.to_string()));
        }
        for (key, value) in values {
            writeln!(
                out,
                r#"          <attvalue for="{key}" value="{}"/>"#,
                xml_attr(&value)
            )?;
        }
        writeln!(out, "        </attvalues>\n      </node>")?;
    }
    writeln!(out, "    </nodes>")?;
    writeln!(out, "    <edges>")?;
    for (i, &edge) in sel.edges.iter().enumerate() {
        let Some((a, b)) = g.edge_endpoints(edge) else {
            continue;
        };
        let l = &g[edge];
        writeln!(
            out,
            r#"      <edge id="e{i}" source="{}" target="{}" weight="{}">"#,
            node_id(a),
            node_id(b),
            weight_text(opts.weight, l)
        )?;
        writeln!(out, "        <attvalues>")?;
        for (key, value) in [
            ("count", l.count.to_string()),
            ("documents", l.documents.to_string()),
            ("npmi", l.npmi.to_string()),
            ("jaccard", l.jaccard.to_string()),
            ("strength", l.strength.to_string()),
        ] {
            writeln!(out, r#"          <attvalue for="{key}" value="{value}"/>"#)?;
        }
        writeln!(out, "        </attvalues>\n      </edge>")?;
    }
    writeln!(out, "    </edges>\n  </graph>\n</gexf>")?;
    out.flush()
}
