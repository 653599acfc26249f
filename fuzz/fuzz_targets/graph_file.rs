//! Graph files whose header and checksum are right but whose payload is
//! anything: a CRC-32 catches damage, not a crafted or buggy writer. Loading
//! must refuse such a file or give a graph that every query, export and
//! merge can use without panicking.
#![no_main]

use kg_core::export::{self, ExportOptions};
use kg_core::{store, NeighborQuery};
use libfuzzer_sys::fuzz_target;

// The input is a 4-byte little-endian text length, then the graph section,
// then that many bytes of sentence text (or what is left).
fuzz_target!(|input: &[u8]| {
    let (len, rest) = input.split_at(input.len().min(4));
    let mut le = [0u8; 4];
    le[..len.len()].copy_from_slice(len);
    let text_len = (u32::from_le_bytes(le) as usize).min(rest.len());
    let (payload, text) = rest.split_at(rest.len() - text_len);
    let mut bytes = Vec::with_capacity(36 + input.len());
    bytes.extend_from_slice(store::MAGIC);
    bytes.extend_from_slice(&store::FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    bytes.extend_from_slice(&(text.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(text).to_le_bytes());
    bytes.extend_from_slice(payload);
    bytes.extend_from_slice(text);
    let Ok(graph) = store::from_bytes(&bytes, "fuzz.kg") else {
        return;
    };
    let query = NeighborQuery::default();
    let nodes: Vec<_> = graph.graph().node_indices().collect();
    for &node in &nodes {
        let _ = graph.neighbors(node, &query);
        let _ = graph.card(node, &query);
        let _ = graph.why(node, nodes[0]);
        let _ = graph.resolve(&graph.entity(node).name);
    }
    let opts = ExportOptions::default();
    export::dot::write_dot(&graph, &opts, std::io::sink()).expect("DOT to a sink");
    export::csv::write_nodes(&graph, &opts, Default::default(), std::io::sink()).expect("nodes");
    export::csv::write_edges(&graph, &opts, Default::default(), std::io::sink()).expect("edges");
    export::csv::write_evidence(&graph, &opts, Default::default(), std::io::sink())
        .expect("evidence");
    let mut twice = graph.clone();
    if twice.merge(&graph).is_ok() {
        let again = store::to_bytes(&twice).expect("a merged graph encodes");
        store::from_bytes(&again, "merged").expect("a merged graph loads");
    }
});
