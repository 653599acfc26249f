//! Arbitrary bytes through decode → normalize → extract → link → store:
//! nothing may panic, and a graph must survive a save and load.
#![no_main]

use std::sync::OnceLock;

use kg_core::{normalize, store, Document, Extractor, Linker, Window};
use libfuzzer_sys::fuzz_target;

/// Loading the lexicons and jieba's dictionary takes far longer than one
/// input, so the extractor is built once; the rest is what
/// `GraphBuilder::build_from_texts` does with one document.
fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the window and the article splitting, the rest
    // is the text, decoded as kg decodes a file (BOM, UTF-8, GBK…), or
    // lossily if it is not text.
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
    let doc = Document::from_text("fuzz.txt", text);
    let doc = if choice & 0x80 == 0 {
        normalize::normalize(&doc)
    } else {
        normalize::normalize_article(&doc)
    };
    let extraction = extractor().extract(&doc);
    assert_eq!(extraction.mentions.len(), doc.sentences.len());
    for (sentence, mentions) in doc.sentences.iter().zip(&extraction.mentions) {
        for m in mentions {
            // Offsets must cut the sentence at character boundaries.
            assert!(sentence.text.get(m.start..m.end).is_some(), "{m:?} in {sentence:?}");
        }
    }
    let mut linker = Linker::new(window);
    linker.add(&doc, &extraction);
    let graph = linker.finish();
    let bytes = store::to_bytes(&graph).expect("a graph encodes");
    let back = store::from_bytes(&bytes, "fuzz").expect("a saved graph loads");
    assert_eq!(back.graph().node_count(), graph.graph().node_count());
    assert_eq!(back.graph().edge_count(), graph.graph().edge_count());
});
