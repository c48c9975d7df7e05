//! The duplicate-review queue: candidate pairs of persons, the officers' decisions about them,
//! and the list of merges administrators may undo.

use crate::{Store, StoreError, audited, on_pool};
use umis_domain::NewAuditEntry;

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

const CANDIDATE_COLUMNS: &str =
    "c.person_a, c.person_b, c.score, c.status, c.found_at, c.decided_by, c.decided_at, c.reason";

impl Store {
    /// Records pairs found likely the same (`(x, y, score)`, either order). A new pair enters the
    /// queue as `open`; an open pair keeps its best score; a decided pair stays decided.
    pub async fn note_duplicate_candidates(
        &self,
        pairs: &[(i64, i64, f32)],
        at: i64,
    ) -> Result<(), StoreError> {
        if pairs.is_empty() {
            return Ok(());
        }
        on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            for &(x, y, score) in pairs {
                let (a, b) = ordered_pair(x, y);
                if a == b {
                    continue;
                }
                sqlx::query(
                    "INSERT INTO duplicate_candidates (person_a, person_b, score, status, found_at) \
                     VALUES ($1, $2, $3, 'open', $4) ON CONFLICT (person_a, person_b) DO UPDATE \
                     SET score = CASE WHEN excluded.score > duplicate_candidates.score \
                     THEN excluded.score ELSE duplicate_candidates.score END \
                     WHERE duplicate_candidates.status = 'open'",
                )
                .bind(a)
                .bind(b)
                .bind(f64::from(score))
                .bind(at)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Open pairs whose two records are both still active, best first; `offset` pages on.
    pub async fn open_duplicate_candidates(
        &self,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<DuplicateCandidate>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {CANDIDATE_COLUMNS} FROM duplicate_candidates c \
             JOIN persons pa ON pa.person_id = c.person_a AND pa.status = 'active' \
             JOIN persons pb ON pb.person_id = c.person_b AND pb.status = 'active' \
             WHERE c.status = 'open' ORDER BY c.score DESC, c.person_a, c.person_b \
             LIMIT $1 OFFSET $2"
        ));
        Ok(on_pool!(&self.db, pool =>
            sqlx::query_as(sql).bind(limit).bind(offset).fetch_all(pool).await?))
    }

    /// How many open pairs wait for review.
    pub async fn count_open_duplicate_candidates(&self) -> Result<i64, StoreError> {
        let (n,): (i64,) = on_pool!(&self.db, pool => sqlx::query_as(
            "SELECT COUNT(*) FROM duplicate_candidates c \
             JOIN persons pa ON pa.person_id = c.person_a AND pa.status = 'active' \
             JOIN persons pb ON pb.person_id = c.person_b AND pb.status = 'active' \
             WHERE c.status = 'open'",
        )
        .fetch_one(pool)
        .await?);
        Ok(n)
    }

    /// The stored pair of `x` and `y`, in either order.
    pub async fn find_duplicate_candidate(
        &self,
        x: i64,
        y: i64,
    ) -> Result<Option<DuplicateCandidate>, StoreError> {
        let (a, b) = ordered_pair(x, y);
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {CANDIDATE_COLUMNS} FROM duplicate_candidates c \
             WHERE c.person_a = $1 AND c.person_b = $2"
        ));
        Ok(on_pool!(&self.db, pool =>
            sqlx::query_as(sql).bind(a).bind(b).fetch_optional(pool).await?))
    }

    /// Pairs decided "not a duplicate", lower number first.
    pub async fn not_duplicate_pairs(&self) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(on_pool!(&self.db, pool => sqlx::query_as(
            "SELECT person_a, person_b FROM duplicate_candidates WHERE status = 'not_duplicate'",
        )
        .fetch_all(pool)
        .await?))
    }

    /// Records that `x` and `y` are not the same person, with the audit entry in the same
    /// transaction. A pair not yet in the queue is added as decided; a pair already decided is
    /// a [`StoreError::Conflict`].
    pub async fn decide_not_duplicate(
        &self,
        x: i64,
        y: i64,
        decision: &PairDecision<'_>,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        let (a, b) = ordered_pair(x, y);
        audited!(&self.db, tx => {
            let done = sqlx::query(
                "INSERT INTO duplicate_candidates (person_a, person_b, score, status, found_at, \
                 decided_by, decided_at, reason) VALUES ($1, $2, $3, 'not_duplicate', $4, $5, $4, $6) \
                 ON CONFLICT (person_a, person_b) DO UPDATE SET status = 'not_duplicate', \
                 decided_by = excluded.decided_by, decided_at = excluded.decided_at, \
                 reason = excluded.reason WHERE duplicate_candidates.status = 'open'",
            )
            .bind(a)
            .bind(b)
            .bind(f64::from(decision.score))
            .bind(decision.at)
            .bind(decision.actor)
            .bind(decision.reason)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Conflict("the pair has already been decided".into()));
            }
        }, audit);
        Ok(())
    }

    /// Puts a pair decided "not a duplicate" back in the queue.
    pub async fn reopen_duplicate_candidate(
        &self,
        x: i64,
        y: i64,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        let (a, b) = ordered_pair(x, y);
        audited!(&self.db, tx => {
            let done = sqlx::query(
                "UPDATE duplicate_candidates SET status = 'open', decided_by = NULL, \
                 decided_at = NULL, reason = NULL \
                 WHERE person_a = $1 AND person_b = $2 AND status = 'not_duplicate'",
            )
            .bind(a)
            .bind(b)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
        }, audit);
        Ok(())
    }

    /// Records merged into another, newest first.
    pub async fn list_merges(&self, limit: i64) -> Result<Vec<MergeRecord>, StoreError> {
        Ok(on_pool!(&self.db, pool => sqlx::query_as(
            "SELECT p.person_id AS merged, p.merged_into AS survivor, p.updated_at AS merged_at, \
             (SELECT h.actor FROM person_history h WHERE h.person_id = p.person_id \
              AND h.action = 'merged_into' ORDER BY h.seq DESC LIMIT 1) AS actor \
             FROM persons p WHERE p.status = 'merged' AND p.merged_into IS NOT NULL \
             ORDER BY p.updated_at DESC, p.person_id LIMIT $1",
        )
        .bind(limit)
        .fetch_all(pool)
        .await?))
    }
}

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
