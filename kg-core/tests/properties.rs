//! Property tests: arbitrary text through normalize, segment, extract and
//! link never panics, and every offset the pipeline hands out is sound.

use kg_core::{normalize, Document, Extractor, Linker, Window};
use proptest::prelude::*;

/// Text that mixes what policy files hold with what breaks naive code:
/// CJK (Simplified and Traditional), full-width forms, quotes and 《》,
/// combining marks, emoji and other astral characters, lone punctuation,
/// control characters, stray `?` runs and very long runs without breaks.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[数据要素新质生产力數據經濟深圳市国家数据局]{1,12}",
        "[《》“”「」()()、。,;:!?？！…—]{1,6}",
        "[0-9０-９.%万亿元年]{1,8}",
        "[a-zA-Zａ-ｚ ]{1,10}",
        "\\PC{1,8}",
        "[\u{300}-\u{36f}\u{1F600}-\u{1F64F}\u{10000}-\u{10010}\u{FFFD}\u{FEFF}\u{200B}]{1,4}",
        "[\\x00-\\x1f\\x7f]{1,3}",
        "[? \n\r\t\u{3000}]{1,6}",
        Just("以下简称《办法》".to_string()),
        Just("增长12.5%".to_string()),
        Just("数".repeat(700)),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn extractor() -> &'static Extractor {
    static EXTRACTOR: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn sentences_map_back_into_the_original(text in hostile_text()) {
        let doc = normalize::normalize(&Document::from_text("p", text.clone()));
        let total = text.chars().count() as u32;
        for s in &doc.sentences {
            prop_assert!(s.start < s.end && s.end <= total, "{:?} outside 0..{}", (s.start, s.end), total);
            prop_assert!(s.text.chars().count() <= normalize::MAX_SENTENCE_CHARS);
            prop_assert!(!s.text.trim().is_empty());
        }
        for a in &doc.articles {
            prop_assert!(a.sentences.end <= doc.sentences.len());
        }
    }

    #[test]
    fn segments_cover_the_sentence(text in hostile_text()) {
        let seg = extractor().segmenter();
        let doc = normalize::normalize(&Document::from_text("p", text));
        for s in &doc.sentences {
            let tokens = seg.cut(&s.text);
            let mut at = 0;
            for t in tokens {
                prop_assert_eq!(t.start, at);
                prop_assert_eq!(s.text.get(t.start..t.end), Some(t.word));
                at = t.end;
            }
            prop_assert_eq!(at, s.text.len());
        }
    }

    #[test]
    fn mentions_are_found_at_their_offsets(text in hostile_text()) {
        let doc = normalize::normalize(&Document::from_text("p", text));
        let extraction = extractor().extract(&doc);
        prop_assert_eq!(extraction.mentions.len(), doc.sentences.len());
        for (s, mentions) in doc.sentences.iter().zip(&extraction.mentions) {
            let mut last_end = 0;
            for m in mentions {
                prop_assert!(s.text.get(m.start..m.end).is_some(), "{:?} not on char boundaries of {:?}", (m.start, m.end), s.text);
                prop_assert!(m.start >= last_end, "overlapping mentions in {:?}", s.text);
                prop_assert!(!m.name.trim().is_empty());
                last_end = m.end;
            }
        }
    }

    #[test]
    fn linking_keeps_evidence_inside_the_corpus(texts in prop::collection::vec(hostile_text(), 1..4)) {
        let mut linker = Linker::new(Window::Sentences(2));
        let mut docs = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            let doc = normalize::normalize(&Document::from_text(format!("d{i}"), t.clone()));
            linker.add(&doc, &extractor().extract(&doc));
            docs.push(t.chars().count() as u32);
        }
        let graph = linker.finish();
        for e in graph.graph().edge_indices() {
            let link = graph.link(e);
            prop_assert!(link.count as usize == link.evidence.len());
            prop_assert!((-1.0..=1.0).contains(&link.npmi));
            for ev in &link.evidence {
                prop_assert!(ev.first <= ev.last);
                let s = &graph.sentences().records()[ev.last as usize];
                prop_assert!(s.end <= docs[s.document as usize]);
            }
        }
    }
}
