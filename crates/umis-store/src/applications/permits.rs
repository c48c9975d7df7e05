//! Issued permits and their history: read, changed, counted.

use super::*;

impl Store {
    /// A person's permits, every status, newest first.
    pub async fn permit_records(&self, person_id: i64) -> Result<Vec<PermitRecord>, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "SELECT person_id, permit_id, kind, number, valid_from, valid_to, status, \
                 created_at, application_id, conditions FROM permits WHERE person_id = $1 \
                 ORDER BY permit_id DESC",
            )
            .bind(person_id)
            .fetch_all(pool)
            .await?
        }))
    }

    /// A permit by its number.
    pub async fn permit_by_number(&self, number: &str) -> Result<PermitRecord, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "SELECT person_id, permit_id, kind, number, valid_from, valid_to, status, \
                 created_at, application_id, conditions FROM permits WHERE number = $1",
            )
            .bind(number)
            .fetch_one(pool)
            .await?
        }))
    }

    /// A permit's history, oldest first.
    pub async fn permit_events(
        &self,
        person_id: i64,
        permit_id: i64,
    ) -> Result<Vec<PermitEvent>, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "SELECT person_id, permit_id, seq, at, actor, action, details FROM permit_events \
                 WHERE person_id = $1 AND permit_id = $2 ORDER BY seq",
            )
            .bind(person_id)
            .bind(permit_id)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Changes a valid permit: `extended` (new `valid_to`), `replaced` (new `number`, for a
    /// lost or damaged card) or `revoked`; records the event. A permit that is not valid is a
    /// conflict.
    #[allow(clippy::too_many_arguments)]
    pub async fn change_permit(
        &self,
        person_id: i64,
        permit_id: i64,
        action: &str,
        valid_to: Option<&str>,
        number: Option<&str>,
        at: i64,
        actor: &str,
        details: &str,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            if let Some(new_number) = number {
                // The case that issued the permit follows a replacement card's new number.
                sqlx::query(
                    "UPDATE applications SET permit_number = $1 WHERE permit_number = \
                     (SELECT number FROM permits WHERE person_id = $2 AND permit_id = $3)",
                )
                .bind(new_number)
                .bind(person_id)
                .bind(permit_id)
                .execute(&mut *tx)
                .await?;
            }
            let done = sqlx::query(
                "UPDATE permits SET valid_to = COALESCE($1, valid_to), \
                 number = COALESCE($2, number), \
                 status = CASE WHEN $3 = 'revoked' THEN 'revoked' ELSE status END \
                 WHERE person_id = $4 AND permit_id = $5 AND status = 'valid'",
            )
            .bind(valid_to)
            .bind(number)
            .bind(action)
            .bind(person_id)
            .bind(permit_id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Conflict("the permit is not valid".into()));
            }
            insert_permit_event!(tx, person_id, permit_id, at, actor, action, details);
        }, audit);
        Ok(())
    }

    /// Permits of `kind` issued with a validity starting in `year`.
    pub async fn count_permits_in_year(&self, kind: &str, year: i32) -> Result<i64, StoreError> {
        let from = format!("{year:04}-01-01");
        let to = format!("{year:04}-12-31");
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as::<_, (i64,)>(
                "SELECT COUNT(*) FROM permits WHERE kind = $1 AND valid_from >= $2 \
                 AND valid_from <= $3",
            )
            .bind(kind)
            .bind(from)
            .bind(to)
            .fetch_one(pool)
            .await?
            .0
        }))
    }
}
