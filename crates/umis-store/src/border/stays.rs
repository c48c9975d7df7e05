//! Stays and the permits they are judged against: marked for a rebuild, settled, read; permits added.

use super::*;

impl Store {
    /// The permits of `persons` that are not revoked.
    pub async fn permits_of(&self, persons: &[i64]) -> Result<Vec<PermitRow>, StoreError> {
        Ok(crate::select_in!(self, persons, PermitRow, |list| format!(
            "SELECT person_id, permit_id, kind, number, valid_from, valid_to, status, \
                     created_at FROM permits WHERE status = 'valid' AND person_id IN ({}) \
                     ORDER BY person_id, valid_from",
            list
        )))
    }

    /// The stored stays of one person, in order.
    pub async fn stays_of(&self, person_id: i64) -> Result<Vec<StayRow>, StoreError> {
        let sql = format!("SELECT {STAY_COLUMNS} FROM stays WHERE person_id = $1 ORDER BY seq");
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(person_id)
                .fetch_all(pool)
                .await?
        }))
    }

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

    /// The person's applications that keep a stay lawful while pending (R2), as (type, day
    /// filed), that were filed and not yet decided or withdrawn on `as_of`.
    pub async fn pending_stay_applications(
        &self,
        person_id: i64,
        as_of: &str,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let sql = format!(
            "SELECT app_type, filed_on FROM applications WHERE person_id = $1 \
             AND app_type IN ({STAY_KEEPING}) AND state <> 'withdrawn' AND filed_on IS NOT NULL \
             AND filed_on <= $2 AND (decided_on IS NULL OR decided_on > $2) ORDER BY filed_on"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(person_id)
                .bind(as_of)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Records a permit; returns its number within the holder's permits.
    pub async fn add_permit(&self, p: &PermitRow, audit: NewAuditEntry) -> Result<i64, StoreError> {
        let record = crate::PermitRecord {
            person_id: p.person_id,
            permit_id: 0,
            kind: p.kind.clone(),
            number: p.number.clone(),
            valid_from: p.valid_from.clone(),
            valid_to: p.valid_to.clone(),
            status: p.status.clone(),
            created_at: p.created_at,
            application_id: None,
            conditions: None,
        };
        let actor = audit.actor.clone();
        Ok(crate::audited!(&self.db, tx => {
            crate::applications::insert_permit!(tx, &record, &actor)
        }, audit))
    }
}
