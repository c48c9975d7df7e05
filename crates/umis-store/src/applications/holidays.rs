//! The holiday calendar: seeded once, changed with an audit entry.

use super::*;

impl Store {
    /// The holiday calendar: (day, name), by day.
    pub async fn holidays(&self) -> Result<Vec<(String, String)>, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as("SELECT day, name FROM holidays ORDER BY day").fetch_all(pool).await?
        }))
    }

    /// Stores the default holidays when the calendar is empty (first start): one statement,
    /// so concurrent first requests cannot insert twice or deadlock.
    pub async fn seed_holidays(&self, days: &[(String, String)]) -> Result<(), StoreError> {
        if days.is_empty() {
            return Ok(());
        }
        let sqlite = self.is_sqlite();
        let values: Vec<String> = (0..days.len())
            .map(|i| {
                if sqlite {
                    "(?, ?)".to_owned()
                } else {
                    format!("(${}, ${})", 2 * i + 1, 2 * i + 2)
                }
            })
            .collect();
        let sql = format!(
            "WITH v(day, name) AS (VALUES {}) INSERT INTO holidays (day, name) \
             SELECT day, name FROM v WHERE NOT EXISTS (SELECT 1 FROM holidays) \
             ON CONFLICT (day) DO NOTHING",
            values.join(", ")
        );
        on_pool!(&self.db, pool => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (day, name) in days {
                q = q.bind(day).bind(name);
            }
            q.execute(pool).await?;
        });
        Ok(())
    }

    /// Adds (or renames) a holiday, or removes it when `name` is `None`.
    pub async fn set_holiday(
        &self,
        day: &str,
        name: Option<&str>,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            sqlx::query("DELETE FROM holidays WHERE day = $1")
                .bind(day)
                .execute(&mut *tx)
                .await?;
            if let Some(name) = name {
                sqlx::query("INSERT INTO holidays (day, name) VALUES ($1, $2)")
                    .bind(day)
                    .bind(name)
                    .execute(&mut *tx)
                    .await?;
            }
        }, audit);
        Ok(())
    }
}
