//! Stays whose registration at the place of stay is overdue: listed page by page and counted,
//! with the cutoff of each nationality group.

use crate::{Store, StoreError, on_pool};

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

impl Store {
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
