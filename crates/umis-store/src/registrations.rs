//! Registrations at the place of stay (R4) and the list of stays whose registration is overdue.

use crate::{Store, StoreError, audited, on_pool};
use umis_domain::NewAuditEntry;

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

/// A present person whose registration is overdue.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OverdueRegistrationRow {
    /// Person.
    pub person_id: i64,
    /// Nationality at entry.
    pub nationality: Option<String>,
    /// Document used at entry.
    pub document_number: Option<String>,
    /// Its issuing state.
    pub document_issuing_state: Option<String>,
    /// Entry date.
    pub entry_date: Option<String>,
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

    /// Persons present on `as_of` with no permit and no registration since their entry, whose
    /// entry is before the cutoff of their nationality group: `groups` lists
    /// `(nationalities, cutoff)` for the named groups, `other_cutoff` applies to everyone else.
    pub async fn list_overdue_registrations(
        &self,
        as_of: &str,
        groups: &[(Vec<String>, String)],
        other_cutoff: &str,
        office: Option<&str>,
        after: Option<i64>,
        limit: i64,
    ) -> Result<Vec<OverdueRegistrationRow>, StoreError> {
        // Parameters: $1 as_of, $2 after, $3 limit, $4 office, $5 other cutoff, then each
        // group's nationalities and cutoff.
        let (cutoffs, params) = overdue_cutoffs(groups, 5);
        let in_office = crate::border::in_office_sql("$4", "$1");
        let sql = format!(
            "SELECT s.person_id, s.nationality, s.document_number, s.document_issuing_state, \
             s.entry_date FROM stays s \
             WHERE s.entry_date <= $1 AND (s.ends_on IS NULL OR s.ends_on > $1) \
             AND s.person_id > $2 AND ({cutoffs}) \
             AND NOT EXISTS (SELECT 1 FROM stay_registrations r WHERE r.person_id = s.person_id \
               AND r.arrival_date >= s.entry_date AND r.arrival_date <= $1) \
             AND NOT EXISTS (SELECT 1 FROM permits p WHERE p.person_id = s.person_id \
               AND p.status = 'valid' AND p.valid_from <= $1 AND p.valid_to >= $1) \
             AND {in_office} ORDER BY s.person_id LIMIT $3"
        );
        Ok(on_pool!(&self.db, pool => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(as_of)
                .bind(after.unwrap_or(i64::MIN))
                .bind(limit)
                .bind(office)
                .bind(other_cutoff);
            for p in &params {
                q = q.bind(p);
            }
            q.fetch_all(pool).await?
        }))
    }

    /// How many persons [`Store::list_overdue_registrations`] would list (for statistics).
    /// `current` says `as_of` is today or later: only open stays count then (read through the
    /// index of open stays).
    pub async fn count_overdue_registrations(
        &self,
        as_of: &str,
        groups: &[(Vec<String>, String)],
        other_cutoff: &str,
        current: bool,
    ) -> Result<i64, StoreError> {
        // Parameters: $1 as_of, $2 other cutoff, then each group's nationalities and cutoff.
        let (cutoffs, params) = overdue_cutoffs(groups, 2);
        let presence = if current {
            "s.ends_on IS NULL"
        } else {
            "(s.ends_on IS NULL OR s.ends_on > $1)"
        };
        // Today SQLite reads the open stays from their covering index instead of every stay
        // through the index on `entry_date`.
        let hint = match (&self.db, current) {
            (crate::Db::Sqlite(_), true) => " INDEXED BY stays_open",
            _ => "",
        };
        let sql = format!(
            "SELECT COUNT(*) FROM stays s{hint} \
             WHERE s.entry_date <= $1 AND {presence} \
             AND ({cutoffs}) \
             AND NOT EXISTS (SELECT 1 FROM stay_registrations r WHERE r.person_id = s.person_id \
               AND r.arrival_date >= s.entry_date AND r.arrival_date <= $1) \
             AND NOT EXISTS (SELECT 1 FROM permits p WHERE p.person_id = s.person_id \
               AND p.status = 'valid' AND p.valid_from <= $1 AND p.valid_to >= $1)"
        );
        Ok(on_pool!(&self.db, pool => {
            let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .bind(as_of)
                .bind(other_cutoff);
            for p in &params {
                q = q.bind(p);
            }
            q.fetch_one(pool).await?
        }))
    }
}

/// The condition "entered before the cutoff of the nationality's group" for the overdue
/// registration queries: `$other` is the cutoff for everyone else (bound by the caller), the
/// groups' nationalities and cutoffs follow as the returned parameters, numbered from
/// `$other + 1`.
fn overdue_cutoffs(groups: &[(Vec<String>, String)], other: usize) -> (String, Vec<String>) {
    let mut params: Vec<String> = Vec::new();
    let mut next = other + 1;
    let mut conds = Vec::new();
    let mut named = Vec::new();
    for (nats, cutoff) in groups {
        if nats.is_empty() {
            continue;
        }
        let list: Vec<String> = nats
            .iter()
            .map(|n| {
                params.push(n.clone());
                next += 1;
                format!("${}", next - 1)
            })
            .collect();
        params.push(cutoff.clone());
        conds.push(format!(
            "(s.nationality IN ({}) AND s.entry_date < ${next})",
            list.join(", ")
        ));
        next += 1;
        named.extend(list);
    }
    let rest = if named.is_empty() {
        format!("s.entry_date < ${other}")
    } else {
        format!(
            "((s.nationality IS NULL OR s.nationality NOT IN ({})) AND s.entry_date < ${other})",
            named.join(", ")
        )
    };
    conds.push(rest);
    (conds.join(" OR "), params)
}
