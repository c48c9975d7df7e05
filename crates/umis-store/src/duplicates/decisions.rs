//! Officers' decisions about candidate pairs (not a duplicate, reopened), and the list of
//! merges.

use super::{MergeRecord, PairDecision, ordered_pair};
use crate::{Store, StoreError, audited, on_pool};
use umis_domain::NewAuditEntry;

impl Store {
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
