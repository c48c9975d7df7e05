//! Registrations at the place of stay (R4) and the list of stays whose registration is overdue.

use crate::{Store, StoreError, audited, on_pool};
use umis_domain::NewAuditEntry;

mod overdue;

pub use overdue::OverdueRegistrationRow;

/// A registration at the place of stay.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StayRegistration {
    /// Person registered.
    pub person_id: i64,
    /// Number within the person's registrations (0 for a new one).
    pub registration_id: i64,
    /// `arrival` or `move`.
    pub kind: String,
    /// `hotel`, `landlord`, `employer`, `portal` or `other`.
    pub host_kind: String,
    /// Host's name.
    pub host_name: String,
    /// Host's tax number.
    pub host_tax_id: Option<String>,
    /// Address of the place of stay.
    pub address: String,
    /// Region or city.
    pub region: Option<String>,
    /// Arrival (or move) date.
    pub arrival_date: String,
    /// Planned departure.
    pub departure_date: Option<String>,
    /// The day it was due by.
    pub deadline: String,
    /// Submitted after the deadline.
    pub late: bool,
    /// The submitter's reference.
    pub external_ref: Option<String>,
    /// Date of submission (country time zone).
    pub submitted_on: String,
    /// When submitted (Unix µs).
    pub submitted_at: i64,
    /// Who submitted it.
    pub submitted_by: String,
}

const COLUMNS: &str = "person_id, registration_id, kind, host_kind, host_name, host_tax_id, \
    address, region, arrival_date, departure_date, deadline, late, external_ref, submitted_on, \
    submitted_at, submitted_by";

impl Store {
    /// Records a registration; returns its number within the person's registrations. A
    /// reference the submitter already used for this person is a conflict.
    pub async fn add_stay_registration(
        &self,
        r: &StayRegistration,
        audit: NewAuditEntry,
    ) -> Result<i64, StoreError> {
        Ok(audited!(&self.db, tx => {
            // The person's row lock (an update that changes nothing) serialises registrations
            // of one person, so two at once cannot take the same number.
            sqlx::query("UPDATE persons SET person_id = person_id WHERE person_id = $1")
                .bind(r.person_id)
                .execute(&mut *tx)
                .await?;
            let (next,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(registration_id), 0) + 1 FROM stay_registrations \
                 WHERE person_id = $1",
            )
            .bind(r.person_id)
            .fetch_one(&mut *tx)
            .await?;
            let sql = format!(
                "INSERT INTO stay_registrations ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, \
                 $8, $9, $10, $11, $12, $13, $14, $15, $16)"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(r.person_id)
                .bind(next)
                .bind(&r.kind)
                .bind(&r.host_kind)
                .bind(&r.host_name)
                .bind(&r.host_tax_id)
                .bind(&r.address)
                .bind(&r.region)
                .bind(&r.arrival_date)
                .bind(&r.departure_date)
                .bind(&r.deadline)
                .bind(r.late)
                .bind(&r.external_ref)
                .bind(&r.submitted_on)
                .bind(r.submitted_at)
                .bind(&r.submitted_by)
                .execute(&mut *tx)
                .await?;
            next
        }, audit))
    }

    /// The registrations of one person, oldest arrival first.
    pub async fn registrations_of(
        &self,
        person_id: i64,
    ) -> Result<Vec<StayRegistration>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM stay_registrations WHERE person_id = $1 \
             ORDER BY arrival_date, registration_id"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(person_id)
                .fetch_all(pool)
                .await?
        }))
    }
}
