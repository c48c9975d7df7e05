//! Inspections and what they found: persons, violations, decisions and fines.

use crate::{Store, StoreError, audited, on_pool};
use umis_domain::NewAuditEntry;

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

/// A person found at an inspection.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Finding {
    /// Person.
    pub person_id: i64,
    /// Number within the person's findings (0 for a new one).
    pub finding_id: i64,
    /// Inspection.
    pub inspection_id: i64,
    /// Date found.
    pub found_on: String,
    /// Basis of stay at that moment.
    pub basis: String,
    /// Lawful until, at that moment.
    pub lawful_until: Option<String>,
    /// Days over, at that moment.
    pub overstay_days: i64,
    /// Article of the Code of Administrative Offences.
    pub violation_article: Option<String>,
    /// Description of the violation.
    pub violation_text: Option<String>,
    /// `warning`, `fine`, `regularisation` or `expulsion`.
    pub decision: Option<String>,
    /// Fine, AZN.
    pub fine_amount: Option<i64>,
    /// Fine due date.
    pub fine_due: Option<String>,
    /// Date the fine was paid.
    pub fine_paid_on: Option<String>,
    /// The expulsion order it led to (order number within the person's orders).
    pub expulsion_order: Option<i64>,
    /// Recorded (Unix µs).
    pub created_at: i64,
    /// By whom.
    pub created_by: String,
}

const INSPECTION_COLUMNS: &str = "inspection_id, office_code, place, employer, employer_tax_id, \
    planned_on, carried_out_on, inspectors, status, notes, created_at, created_by";
const FINDING_COLUMNS: &str = "person_id, finding_id, inspection_id, found_on, basis, \
    lawful_until, overstay_days, violation_article, violation_text, decision, fine_amount, \
    fine_due, fine_paid_on, expulsion_order, created_at, created_by";

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

    /// Records a person found; returns the finding's number within the person's findings.
    pub async fn add_finding(&self, f: &Finding, audit: NewAuditEntry) -> Result<i64, StoreError> {
        Ok(audited!(&self.db, tx => {
            let (next,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(finding_id), 0) + 1 FROM inspection_findings WHERE person_id = $1",
            )
            .bind(f.person_id)
            .fetch_one(&mut *tx)
            .await?;
            let sql = format!(
                "INSERT INTO inspection_findings ({FINDING_COLUMNS}) VALUES ($1, $2, $3, $4, $5, \
                 $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(f.person_id)
                .bind(next)
                .bind(f.inspection_id)
                .bind(&f.found_on)
                .bind(&f.basis)
                .bind(&f.lawful_until)
                .bind(f.overstay_days)
                .bind(&f.violation_article)
                .bind(&f.violation_text)
                .bind(&f.decision)
                .bind(f.fine_amount)
                .bind(&f.fine_due)
                .bind(&f.fine_paid_on)
                .bind(f.expulsion_order)
                .bind(f.created_at)
                .bind(&f.created_by)
                .execute(&mut *tx)
                .await?;
            next
        }, audit))
    }

    /// The findings of an inspection.
    pub async fn findings_of(&self, inspection_id: i64) -> Result<Vec<Finding>, StoreError> {
        let sql = format!(
            "SELECT {FINDING_COLUMNS} FROM inspection_findings WHERE inspection_id = $1 \
             ORDER BY created_at, person_id"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(inspection_id).fetch_all(pool).await?
        }))
    }

    /// Records that a fine was paid on `on`; a fine already paid or absent is a conflict.
    pub async fn mark_fine_paid(
        &self,
        person_id: i64,
        finding_id: i64,
        on: &str,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            let done = sqlx::query(
                "UPDATE inspection_findings SET fine_paid_on = $1 WHERE person_id = $2 \
                 AND finding_id = $3 AND fine_amount IS NOT NULL AND fine_paid_on IS NULL",
            )
            .bind(on)
            .bind(person_id)
            .bind(finding_id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Conflict("no unpaid fine".into()));
            }
        }, audit);
        Ok(())
    }
}
