//! Stays and the permits they are judged against: read, and permits added.

use super::*;
use crate::PermitRecord;

impl Store {
    /// The permits of `persons` that are valid (neither revoked nor replaced).
    pub async fn permits_of(&self, persons: &[i64]) -> Result<Vec<PermitRecord>, StoreError> {
        Ok(crate::select_in!(
            self,
            persons,
            PermitRecord,
            |list| format!(
                "SELECT person_id, permit_id, kind, number, valid_from, valid_to, status, \
                     created_at, application_id, conditions FROM permits WHERE status = 'valid' AND person_id IN ({}) \
                     ORDER BY person_id, valid_from",
                list
            )
        ))
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
    pub async fn add_permit(
        &self,
        record: &PermitRecord,
        audit: NewAuditEntry,
    ) -> Result<i64, StoreError> {
        let actor = audit.actor.clone();
        Ok(crate::audited!(&self.db, tx => {
            crate::applications::insert_permit!(tx, record, &actor)
        }, audit))
    }
}
