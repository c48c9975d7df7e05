//! Stay rebuilds: persons marked for one, the marks read and counted, and the rebuilt stays
//! settled.

use super::*;

impl Store {
    /// Up to `limit` persons marked for a rebuild of their stays, after `after` in person
    /// order: `(person_id, mark)`.
    pub async fn pending_stays(
        &self,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "SELECT person_id, mark FROM stays_pending WHERE person_id > $1 \
                 ORDER BY person_id LIMIT $2",
            )
            .bind(after)
            .bind(limit)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Marks `persons` for a rebuild of their stays with `mark` (after something other than a
    /// border event changed them: a permit, a merge).
    pub async fn mark_stays(&self, persons: &[i64], mark: i64) -> Result<(), StoreError> {
        let mut persons = persons.to_vec();
        persons.sort_unstable();
        match &self.db {
            crate::Db::Sqlite(pool) => {
                mark_persons!(sqlite, pool, &persons, mark);
            }
            crate::Db::Postgres(pool) => {
                mark_persons!(postgres, pool, &persons, mark);
            }
        }
        Ok(())
    }

    /// Which of `persons` are marked for a rebuild of their stays: `(person_id, mark)`.
    pub async fn pending_stays_of(&self, persons: &[i64]) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(crate::select_in!(
            self,
            persons,
            (i64, i64),
            |list| format!("SELECT person_id, mark FROM stays_pending WHERE person_id IN ({list})")
        ))
    }

    /// How many persons are marked for a rebuild of their stays.
    pub async fn count_pending_stays(&self) -> Result<i64, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM stays_pending").fetch_one(pool).await?
        }))
    }

    /// Stores the stays rebuilt for `pending` persons (`(person_id, mark)` as read), in one
    /// transaction: a person is cleared and their stays written only while their mark is still
    /// the one read; a person marked again meanwhile keeps the new mark and their stays are left
    /// for the next rebuild. Returns how many persons were settled.
    pub async fn settle_stays(
        &self,
        pending: &[(i64, i64)],
        stays: &[StayRow],
    ) -> Result<u64, StoreError> {
        let sqlite = self.is_sqlite();
        let _turn = if sqlite {
            Some(self.stays_write_turn.lock().await)
        } else {
            None
        };
        Ok(on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            let mut settled = std::collections::HashSet::new();
            if !sqlite {
                // Rows locked in person order, as ingestion marks them, so that a rebuild and a
                // batch touching the same persons cannot deadlock.
                let mut persons: Vec<i64> = pending.iter().map(|(p, _)| *p).collect();
                persons.sort_unstable();
                for chunk in persons.chunks(IN_CHUNK) {
                    let sql = format!(
                        "SELECT person_id FROM stays_pending WHERE person_id IN ({}) \
                         ORDER BY person_id FOR UPDATE",
                        crate::placeholders(false, 1, chunk.len())
                    );
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for id in chunk {
                        q = q.bind(*id);
                    }
                    q.fetch_all(&mut *tx).await?;
                }
            }
            for chunk in pending.chunks(IN_CHUNK) {
                let sql = format!(
                    "DELETE FROM stays_pending WHERE (person_id, mark) IN (VALUES {}) \
                     RETURNING person_id",
                    number_pairs(sqlite, chunk.len())
                );
                let mut q = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql));
                for (person, mark) in chunk {
                    q = q.bind(*person).bind(*mark);
                }
                settled.extend(q.fetch_all(&mut *tx).await?);
            }
            let persons: Vec<i64> = pending
                .iter()
                .map(|(p, _)| *p)
                .filter(|p| settled.contains(p))
                .collect();
            let mine: Vec<&StayRow> = stays
                .iter()
                .filter(|s| settled.contains(&s.person_id))
                .collect();
            write_stays!(sqlite, tx, persons, mine);
            tx.commit().await?;
            settled.len() as u64
        }))
    }
}
