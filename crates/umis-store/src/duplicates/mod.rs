//! The duplicate-review queue: candidate pairs of persons, the officers' decisions about them,
//! and the list of merges administrators may undo.

mod decisions;
mod queue;

/// A pair of persons that are likely the same, and what was decided about it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct DuplicateCandidate {
    /// The lower person number of the pair.
    pub person_a: i64,
    /// The higher person number of the pair.
    pub person_b: i64,
    /// How alike they are (0–1).
    pub score: f64,
    /// `open`, `not_duplicate` or `merged`.
    pub status: String,
    /// When the pair was first found (Unix µs).
    pub found_at: i64,
    /// Who decided.
    pub decided_by: Option<String>,
    /// When (Unix µs).
    pub decided_at: Option<i64>,
    /// Why (for "not a duplicate").
    pub reason: Option<String>,
}

/// A "not a duplicate" decision about a pair.
#[derive(Debug, Clone, Copy)]
pub struct PairDecision<'a> {
    /// How alike the pair scored when decided.
    pub score: f32,
    /// Why they are different persons.
    pub reason: &'a str,
    /// Who decided.
    pub actor: &'a str,
    /// When (Unix µs).
    pub at: i64,
}

/// A record merged into another, for the undo list.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MergeRecord {
    /// The merged (no longer active) record.
    pub merged: i64,
    /// The record it was merged into.
    pub survivor: i64,
    /// When (Unix µs).
    pub merged_at: i64,
    /// Who merged.
    pub actor: Option<String>,
}

/// The pair in stored order (lower number first).
pub fn ordered_pair(x: i64, y: i64) -> (i64, i64) {
    if x <= y { (x, y) } else { (y, x) }
}

pub(super) const CANDIDATE_COLUMNS: &str =
    "c.person_a, c.person_b, c.score, c.status, c.found_at, c.decided_by, c.decided_at, c.reason";

/// Marks the pair merged (inside the merge's transaction).
macro_rules! mark_pair {
    ($tx:expr, $x:expr, $y:expr, $from:literal, $to:literal) => {{
        let (a, b) = $crate::duplicates::ordered_pair($x, $y);
        sqlx::query(concat!(
            "UPDATE duplicate_candidates SET status = '",
            $to,
            "' WHERE person_a = $1 AND person_b = $2 AND status = '",
            $from,
            "'"
        ))
        .bind(a)
        .bind(b)
        .execute(&mut *$tx)
        .await?;
    }};
}
pub(crate) use mark_pair;
