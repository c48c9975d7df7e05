//! Fuzzy person search for UMIS: an in-memory index that finds a person from any subset of
//! name (any script, order or spelling), partial date of birth, nationality and document number,
//! with a score and an explanation per candidate; plus a synthetic population and the benchmark
//! that measures speed and recall on it.
//!
//! ```
//! use umis_matching::{NameVariant, PersonIndex, PersonRecord, Query};
//!
//! let mut index = PersonIndex::new();
//! index.upsert(&PersonRecord {
//!     person_id: 1,
//!     names: vec![NameVariant {
//!         surname: "Məmmədov".into(),
//!         given_names: Some("Elçin".into()),
//!         patronymic: Some("Əli oğlu".into()),
//!     }],
//!     birth_date: "1980-05-12".parse().ok(),
//!     ..PersonRecord::default()
//! })?;
//! let hits = index.search(&Query { name: Some("MAMEDOV ELCHIN".into()), limit: 10, ..Query::default() })?;
//! assert_eq!(hits[0].person_id, 1);
//! # Ok::<(), umis_matching::SearchError>(())
//! ```

pub mod bench;
mod explain;
mod hash;
mod index;
mod jw;
mod record;
mod score;
pub mod synth;
mod text;

pub use bench::{BenchReport, run_bench};
pub use explain::{
    Candidate, DateMatch, DocumentMatch, Explanation, MatchKind, NameMatch, NationalityMatch,
    REFER_THRESHOLD, Thresholds, TokenMatch,
};
pub use index::{PersonIndex, SearchStats};
pub use record::{
    MAX_FIELD_CHARS, MAX_LIMIT, MAX_QUERY_TOKENS, MAX_VARIANTS, NameVariant, PartialDate,
    PersonRecord, Query, SearchError,
};
pub use text::NameRole;
