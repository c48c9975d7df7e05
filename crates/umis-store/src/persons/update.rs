//! Person records corrected: core facts and primary name changed, with their history.

use super::*;

impl Store {
    /// Changes a person's core facts and primary name if the stored version is `expected_version`
    /// (otherwise [`StoreError::Conflict`]), recording `changes` (before/after) in the history.
    pub async fn update_person(
        &self,
        update: &PersonUpdate,
        expected_version: i32,
        changes: &serde_json::Value,
        actor: &str,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        let changes = changes.to_string();
        audited!(&self.db, tx => {
            let done = sqlx::query(
                "UPDATE persons SET sex = $1, birth_date = $2, birth_year = $3, place_of_birth = $4, \
                 version = version + 1, updated_at = $5 WHERE person_id = $6 AND version = $7",
            )
            .bind(&update.sex)
            .bind(&update.birth_date)
            .bind(update.birth_year)
            .bind(&update.place_of_birth)
            .bind(update.at)
            .bind(update.person_id)
            .bind(expected_version)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Conflict("the person was changed by someone else".into()));
            }
            sqlx::query(
                "UPDATE person_names SET surname = $1, given_names = $2, patronymic = $3 \
                 WHERE person_id = $4 AND seq = 0",
            )
            .bind(&update.name.surname)
            .bind(&update.name.given_names)
            .bind(&update.name.patronymic)
            .bind(update.person_id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM person_nationalities WHERE person_id = $1")
                .bind(update.person_id)
                .execute(&mut *tx)
                .await?;
            for c in &update.nationalities {
                sqlx::query("INSERT INTO person_nationalities (person_id, country) VALUES ($1, $2)")
                    .bind(update.person_id)
                    .bind(c)
                    .execute(&mut *tx)
                    .await?;
            }
            let (seq,): (i32,) = sqlx::query_as(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM person_history WHERE person_id = $1",
            )
            .bind(update.person_id)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO person_history (person_id, seq, at, actor, action, changes) \
                 VALUES ($1, $2, $3, $4, 'update', $5)",
            )
            .bind(update.person_id)
            .bind(seq)
            .bind(update.at)
            .bind(actor)
            .bind(&changes)
            .execute(&mut *tx)
            .await?;
        }, audit);
        Ok(())
    }
}
