//! Inspections and what they found: persons, violations, decisions and fines.

use crate::{Store, StoreError, audited, on_pool};
use umis_domain::NewAuditEntry;

mod findings;

pub use findings::Finding;

/// An inspection.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Inspection {
    /// Id (0 for a new one).
    pub inspection_id: i64,
    /// Office that runs it.
    pub office_code: String,
    /// Place (address, site).
    pub place: String,
    /// Employer inspected.
    pub employer: Option<String>,
    /// Employer's tax number.
    pub employer_tax_id: Option<String>,
    /// Planned date.
    pub planned_on: String,
    /// Date carried out.
    pub carried_out_on: Option<String>,
    /// Inspectors (usernames, comma-separated).
    pub inspectors: String,
    /// `planned`, `done` or `cancelled`.
    pub status: String,
    /// Notes.
    pub notes: Option<String>,
    /// Recorded (Unix µs).
    pub created_at: i64,
    /// By whom.
    pub created_by: String,
}

const INSPECTION_COLUMNS: &str = "inspection_id, office_code, place, employer, employer_tax_id, \
    planned_on, carried_out_on, inspectors, status, notes, created_at, created_by";

impl Store {
    /// Records a planned inspection; returns its id.
    pub async fn create_inspection(
        &self,
        i: &Inspection,
        audit: NewAuditEntry,
    ) -> Result<i64, StoreError> {
        Ok(audited!(&self.db, tx => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO inspections (office_code, place, employer, employer_tax_id, \
                 planned_on, carried_out_on, inspectors, status, notes, created_at, created_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING inspection_id",
            )
            .bind(&i.office_code)
            .bind(&i.place)
            .bind(&i.employer)
            .bind(&i.employer_tax_id)
            .bind(&i.planned_on)
            .bind(&i.carried_out_on)
            .bind(&i.inspectors)
            .bind(&i.status)
            .bind(&i.notes)
            .bind(i.created_at)
            .bind(&i.created_by)
            .fetch_one(&mut *tx)
            .await?;
            id
        }, audit))
    }

    /// Marks an inspection carried out on `on`.
    pub async fn complete_inspection(
        &self,
        id: i64,
        on: &str,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            let done = sqlx::query(
                "UPDATE inspections SET status = 'done', carried_out_on = $1 \
                 WHERE inspection_id = $2 AND status = 'planned'",
            )
            .bind(on)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Conflict("the inspection is not planned".into()));
            }
        }, audit);
        Ok(())
    }

    /// One inspection.
    pub async fn get_inspection(&self, id: i64) -> Result<Inspection, StoreError> {
        let sql = format!("SELECT {INSPECTION_COLUMNS} FROM inspections WHERE inspection_id = $1");
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(pool).await?
        }))
    }

    /// Inspections, latest planned first (optionally of one office).
    pub async fn list_inspections(
        &self,
        office: Option<&str>,
        limit: i64,
    ) -> Result<Vec<Inspection>, StoreError> {
        let sql = format!(
            "SELECT {INSPECTION_COLUMNS} FROM inspections WHERE ($1 IS NULL OR office_code = $1) \
             ORDER BY planned_on DESC, inspection_id DESC LIMIT $2"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(office).bind(limit).fetch_all(pool).await?
        }))
    }
}
