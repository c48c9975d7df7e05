//! Ranked candidates and the explanation of each score: which fields matched, and how.

mod kinds;

pub use kinds::{DateMatch, DocumentMatch, MatchKind, NationalityMatch};

use serde::Serialize;
use std::fmt;

use crate::text::NameRole;

/// Scores at or above which a hit is a "refer" in screening: an officer must look at it.
///
/// Calibrated on the synthetic benchmark: the right person queried with a variant spelling
/// (another script, MRZ form, one typo) and a matching or tolerated date scores 0.9–1.0, a
/// document match alone 0.92–1.0; the same name with a different date scores 0.71, the same
/// surname with another given name and the same date about 0.8. A namesake whose date is only
/// partly known (same year) still refers: screening cannot rule it out.
pub const REFER_THRESHOLD: f32 = 0.85;

/// Score thresholds used by screening and duplicate detection.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds {
    /// At or above: refer the case to an officer (default [`REFER_THRESHOLD`]).
    pub refer: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            refer: REFER_THRESHOLD,
        }
    }
}

/// One ranked search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The UMIS person number.
    pub person_id: i64,
    /// The partner's id, where the person was imported with one.
    pub external_id: Option<String>,
    /// Overall score in `0.0..=1.0`.
    pub score: f32,
    /// Why this score.
    pub explanation: Explanation,
}

/// Which fields matched and how; fields the query did not give are absent.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Explanation {
    /// The name comparison.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<NameMatch>,
    /// The date-of-birth comparison.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<DateMatch>,
    /// The nationality comparison.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nationality: Option<NationalityMatch>,
    /// The document-number comparison.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentMatch>,
}

/// How well the name matched its best variant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NameMatch {
    /// The weakest kind among the matched tokens.
    pub kind: MatchKind,
    /// Name similarity in `0.0..=1.0`.
    pub similarity: f32,
    /// Index of the record's name variant that matched best.
    pub variant: usize,
    /// The query gave the parts in another order than surname, given names, patronymic.
    pub order_swapped: bool,
    /// Per query token.
    pub tokens: Vec<TokenMatch>,
}

/// How one query token matched.
#[derive(Clone, PartialEq, Serialize)]
pub struct TokenMatch {
    /// The query token, normalised.
    pub query: String,
    /// The record token it was paired with, normalised.
    pub matched: Option<String>,
    /// The part of the record's name it matched.
    pub role: Option<NameRole>,
    /// How.
    pub kind: MatchKind,
    /// Token similarity in `0.0..=1.0`.
    pub similarity: f32,
}

impl fmt::Debug for TokenMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenMatch")
            .field("role", &self.role)
            .field("kind", &self.kind)
            .field("similarity", &self.similarity)
            .finish_non_exhaustive()
    }
}
