//! # kg-core: Chinese policy texts into a knowledge graph
//!
//! `kg-core` reads policy documents — plans, opinions, measures,
//! commentary — and finds who and what they talk about: policy documents,
//! named programmes, regions, organizations, metrics with their values and
//! domain concepts. Entities mentioned together are linked, every link keeps
//! the sentences that support it, and the graph lives in petgraph.
//!
//! ## The pipeline
//!
//! Data flows one way; each stage hands a small type to the next:
//!
//! 1. [`read`]: files → [`Document`] (encoding detected and decoded)
//! 2. [`normalize`]: [`Document`] → [`Sentence`]s (NFKC, Traditional →
//!    Simplified, page furniture removed, articles split)
//! 3. [`segment`]: sentences → words ([`Segmenter`], jieba-rs + lexicon)
//! 4. [`extract`]: sentences → [`Mention`]s of six [`EntityKind`]s
//! 5. [`link`]: mentions → [`Entity`] nodes and co-occurrence [`Link`]s with
//!    [`Evidence`], in a [`KnowledgeGraph`]
//! 6. [`store`]: save and load graphs
//! 7. [`query`] and [`export`]: neighbours, evidence, DOT and CSV
//!
//! [`GraphBuilder`] runs stages 1–5 in one call:
//!
//! ```
//! use kg_core::{GraphBuilder, NeighborQuery};
//!
//! let graph = GraphBuilder::new().build_from_texts([(
//!     "note.txt",
//!     "国家数据局推动数据要素市场化配置改革。数据要素是数字经济的关键。",
//! )]);
//! let node = graph.resolve("数据要素")?;
//! let names: Vec<String> = graph
//!     .neighbors(node, &NeighborQuery::default())
//!     .into_iter()
//!     .map(|n| n.name)
//!     .collect();
//! assert!(names.contains(&"数字经济".to_string()));
//! # Ok::<(), kg_core::Error>(())
//! ```
#![deny(missing_docs)]

pub mod analysis;
pub mod community;
pub mod compare;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod lexicon;
pub mod link;
pub mod normalize;
pub mod query;
pub mod read;
pub mod segment;
pub mod store;
pub mod subgraph;

mod builder;
mod merge;

pub use analysis::{Ego, Hop, RankBy, Ranked, Stats};
pub use builder::{Build, GraphBuilder, Progress};
pub use community::{Communities, Community};
pub use error::{Error, Result};
pub use extract::{EntityKind, Extraction, Extractor, Mention, Observation};
pub use graph::{
    DocumentCount, Entity, Evidence, KnowledgeGraph, Link, SentenceRecord, SentenceRef,
    SentenceTable, Window,
};
pub use link::Linker;
pub use normalize::{NormalizedDocument, Sentence};
pub use query::{Neighbor, NeighborQuery, SortBy};
pub use read::Document;
pub use segment::Segmenter;
pub use subgraph::DocumentFilter;
