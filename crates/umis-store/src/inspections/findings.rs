//! Persons found at inspections: the findings recorded, read per inspection, and their fines
//! marked paid.

use crate::{Store, StoreError, audited, on_pool};
use umis_domain::NewAuditEntry;

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

const FINDING_COLUMNS: &str = "person_id, finding_id, inspection_id, found_on, basis, \
    lawful_until, overstay_days, violation_article, violation_text, decision, fine_amount, \
    fine_due, fine_paid_on, expulsion_order, created_at, created_by";

impl Store {
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
