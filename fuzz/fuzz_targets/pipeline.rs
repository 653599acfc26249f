//! Arbitrary bytes through decode → normalize → extract → link → store:
//! nothing may panic, and a graph must survive a save and load.
#![no_main]

use kg_core::{store, GraphBuilder, Window};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the window, the rest is the text, decoded as
    // kg decodes a file (BOM, UTF-8, GBK…), or lossily if it is not text.
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let window = match choice % 3 {
        0 => Window::Sentence,
        1 => Window::Paragraph,
        _ => Window::Sentences(u32::from(choice % 5) + 2),
    };
    let text = match kg_core::read::decode(bytes) {
        Ok((text, _)) => text,
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    };
    let graph = GraphBuilder::new()
        .window(window)
        .threads(1)
        .build_from_texts([("fuzz.txt", text)]);
    let bytes = store::to_bytes(&graph).expect("a graph encodes");
    let back = store::from_bytes(&bytes, "fuzz").expect("a saved graph loads");
    assert_eq!(back.graph().node_count(), graph.graph().node_count());
    assert_eq!(back.graph().edge_count(), graph.graph().edge_count());
});
