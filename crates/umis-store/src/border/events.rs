//! Border events read back: a person's events, those a stay is built from, the most recent, the count.

use super::*;

impl Store {
    /// Every stored event of `persons`, by person and time.
    pub async fn events_of(&self, persons: &[i64]) -> Result<Vec<BorderEvent>, StoreError> {
        self.events_with(persons, EVENT_COLUMNS_E).await
    }

    /// The events of `persons` with only what the stay engine reads (id, direction, time, local
    /// date, crossing point, nationality, document and days granted); the other fields are left
    /// empty.
    pub async fn stay_events_of(&self, persons: &[i64]) -> Result<Vec<BorderEvent>, StoreError> {
        self.events_with(persons, STAY_EVENT_COLUMNS).await
    }

    pub(super) async fn events_with(
        &self,
        persons: &[i64],
        columns: &str,
    ) -> Result<Vec<BorderEvent>, StoreError> {
        let sqlite = self.is_sqlite();
        let mut out = Vec::new();
        for chunk in persons.chunks(IN_CHUNK) {
            let sql = format!(
                "SELECT {columns} FROM border_events e WHERE e.person_id IN ({}) \
                 ORDER BY e.person_id, e.occurred_at, e.event_id",
                crate::placeholders(sqlite, 1, chunk.len())
            );
            // Events of records merged into these persons count as theirs.
            let merged_sql = format!(
                "SELECT {} FROM persons p \
                 JOIN border_events e ON e.person_id = p.person_id \
                 WHERE p.merged_into IN ({})",
                columns.replacen("e.person_id", "p.merged_into AS person_id", 1),
                crate::placeholders(sqlite, 1, chunk.len())
            );
            let (rows, merged): (Vec<BorderEvent>, Vec<BorderEvent>) = on_pool!(&self.db, pool => {
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
                let mut m = sqlx::query_as(sqlx::AssertSqlSafe(merged_sql));
                for id in chunk {
                    q = q.bind(*id);
                    m = m.bind(*id);
                }
                (q.fetch_all(pool).await?, m.fetch_all(pool).await?)
            });
            out.extend(rows);
            out.extend(merged);
        }
        Ok(out)
    }

    /// The most recent events of one person, newest first.
    pub async fn recent_events(
        &self,
        person_id: i64,
        limit: i64,
    ) -> Result<Vec<BorderEvent>, StoreError> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM border_events WHERE person_id = $1 \
             OR person_id IN (SELECT person_id FROM persons WHERE merged_into = $1) \
             ORDER BY occurred_at DESC, event_id DESC LIMIT $2"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(person_id)
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }

    /// How many events are stored.
    pub async fn count_border_events(&self) -> Result<i64, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM border_events").fetch_one(pool).await?
        }))
    }
}
