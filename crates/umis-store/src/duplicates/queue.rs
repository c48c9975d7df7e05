//! The duplicate-review queue fed and read: pairs noted with their score, open pairs paged and
//! counted, one pair found, the pairs decided apart.

use super::{CANDIDATE_COLUMNS, DuplicateCandidate, ordered_pair};
use crate::{Store, StoreError, on_pool};

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
}
