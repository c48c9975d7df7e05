//! Border events, the stays derived from them and the permits that extend them: the tables
//! behind ingestion, the stay of a person and the overstay report.

use crate::{Store, StoreError, append_audit_tx, on_pool};
use umis_domain::NewAuditEntry;

/// Rows per multi-row INSERT (PostgreSQL slows sharply past ~1,000 parameters).
const INSERT_CHUNK: usize = 50;
use crate::IN_CHUNK;

/// A border event ready to store.
#[derive(Clone, sqlx::FromRow)]
pub struct BorderEvent {
    /// The source's id (idempotency key).
    pub event_id: String,
    /// The person it is linked to.
    pub person_id: i64,
    /// `entry` or `exit`.
    pub direction: String,
    /// Unix microseconds, UTC.
    pub occurred_at: i64,
    /// Calendar date in the country's time zone.
    pub local_date: String,
    /// Border crossing point code.
    pub bcp: String,
    /// `air`, `land`, `sea`, `rail`.
    pub travel_mode: String,
    /// Document number as read.
    pub document_number: Option<String>,
    /// Issuing state of the document.
    pub document_issuing_state: Option<String>,
    /// Nationality declared with the event.
    pub nationality: Option<String>,
    /// Stay granted at entry.
    pub permitted_days: Option<i64>,
    /// Visa or e-visa reference.
    pub visa_ref: Option<String>,
    /// `person_id`, `document`, `identity_match` or `created`.
    pub link_method: String,
    /// SHA-256 of the content as sent.
    pub fingerprint: String,
    /// When UMIS received it (Unix µs).
    pub received_at: i64,
    /// Who sent it.
    pub received_by: String,
}

impl std::fmt::Debug for BorderEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BorderEvent")
            .field("event_id", &self.event_id)
            .field("person_id", &self.person_id)
            .field("direction", &self.direction)
            .finish_non_exhaustive()
    }
}

/// What a batch of events also changes: expulsion orders its exits fulfil and alerts its
/// entries raise.
#[derive(Debug, Clone, Default)]
pub struct BatchOutcomes {
    /// Orders fulfilled.
    pub fulfilments: Vec<crate::Fulfilment>,
    /// Alerts raised.
    pub alerts: Vec<crate::ControlAlert>,
}

/// One stay as stored (derived from the person's events; replaced whenever they change).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StayRow {
    /// Person.
    pub person_id: i64,
    /// Order within the person's stays.
    pub seq: i64,
    /// Entry date.
    pub entry_date: Option<String>,
    /// Exit date.
    pub exit_date: Option<String>,
    /// The day the stay certainly ended (exit, or a later entry); `None` while present.
    pub ends_on: Option<String>,
    /// Last day of the entry's own period.
    pub period_until: Option<String>,
    /// Last lawful day counting permits.
    pub lawful_until: Option<String>,
    /// Stay rule applied.
    pub rule_code: Option<String>,
    /// Days granted at entry.
    pub permitted_days: Option<i64>,
    /// Comma-separated flags.
    pub flags: String,
    /// Nationality on the entry.
    pub nationality: Option<String>,
    /// Document used at entry.
    pub document_number: Option<String>,
    /// Its issuing state.
    pub document_issuing_state: Option<String>,
}

/// Application types whose timely filing keeps a stay lawful until the decision (R2).
pub const STAY_KEEPING: &str =
    "'stay_extension', 'temporary_residence', 'permanent_residence', 'refugee_status'";

/// A permit or status that makes a stay lawful.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PermitRow {
    /// Holder.
    pub person_id: i64,
    /// Number within the holder's permits.
    pub permit_id: i64,
    /// Kind (`temporary_residence`, `permanent_residence`, `stay_extension`…).
    pub kind: String,
    /// Permit number.
    pub number: String,
    /// First valid day.
    pub valid_from: String,
    /// Last valid day.
    pub valid_to: String,
    /// `valid` or `revoked`.
    pub status: String,
    /// When recorded (Unix µs).
    pub created_at: i64,
}

/// A person present past the end of their stay on the report date.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OverstayRow {
    /// Person.
    pub person_id: i64,
    /// Document used at the last entry.
    pub document_number: Option<String>,
    /// Its issuing state.
    pub document_issuing_state: Option<String>,
    /// Nationality on the last entry.
    pub nationality: Option<String>,
    /// Last entry.
    pub entry_date: Option<String>,
    /// Last lawful day.
    pub lawful_until: Option<String>,
}

const EVENT_COLUMNS: &str = "event_id, person_id, direction, occurred_at, local_date, bcp, \
    travel_mode, document_number, document_issuing_state, nationality, permitted_days, visa_ref, \
    link_method, fingerprint, received_at, received_by";
const STAY_COLUMNS: &str = "person_id, seq, entry_date, exit_date, ends_on, period_until, \
    lawful_until, rule_code, permitted_days, flags, nationality, document_number, \
    document_issuing_state";

fn rows_sql(
    sqlite: bool,
    table: &str,
    columns: &str,
    width: usize,
    rows: usize,
    suffix: &str,
) -> String {
    let values = (0..rows)
        .map(|r| format!("({})", crate::placeholders(sqlite, r * width + 1, width)))
        .collect::<Vec<_>>()
        .join(", ");
    format!("INSERT INTO {table} ({columns}) VALUES {values}{suffix}")
}

/// Inserts events (skipping ids already stored) and replaces the stays of `persons`, in `$tx`.
macro_rules! write_batch {
    ($sqlite:expr, $tx:expr, $events:expr, $persons:expr, $stays:expr) => {{
        let sqlite: bool = $sqlite;
        // SQLite takes long multi-row statements well; PostgreSQL slows past ~1,000 parameters.
        let rows_per_insert = if sqlite { 500 } else { INSERT_CHUNK };
        let mut inserted: u64 = 0;
        // Only the rows really inserted (RETURNING skips ids stored meanwhile) count in the
        // statistics roll-up, in this same transaction.
        let mut rollup = std::collections::BTreeMap::<crate::stats::RollupKey, i64>::new();
        for chunk in $events.chunks(rows_per_insert) {
            let sql = rows_sql(
                sqlite,
                "border_events",
                EVENT_COLUMNS,
                16,
                chunk.len(),
                " ON CONFLICT (event_id) DO NOTHING \
                 RETURNING local_date, direction, bcp, COALESCE(nationality, 'XXX'), travel_mode",
            );
            let mut q = sqlx::query_as::<_, crate::stats::RollupKey>(sqlx::AssertSqlSafe(sql));
            for e in chunk {
                q = q
                    .bind(&e.event_id)
                    .bind(e.person_id)
                    .bind(&e.direction)
                    .bind(e.occurred_at)
                    .bind(&e.local_date)
                    .bind(&e.bcp)
                    .bind(&e.travel_mode)
                    .bind(&e.document_number)
                    .bind(&e.document_issuing_state)
                    .bind(&e.nationality)
                    .bind(e.permitted_days)
                    .bind(&e.visa_ref)
                    .bind(&e.link_method)
                    .bind(&e.fingerprint)
                    .bind(e.received_at)
                    .bind(&e.received_by);
            }
            let stored = q.fetch_all(&mut *$tx).await?;
            inserted += stored.len() as u64;
            for key in stored {
                *rollup.entry(key).or_insert(0) += 1;
            }
        }
        crate::stats::add_to_rollup!(sqlite, $tx, rollup);
        // Only the stays that changed are written: a stay stored as computed is kept, one no
        // longer computed is deleted, a changed or new one is (re)inserted. Events mostly
        // arrive in time order, so a batch usually changes only each person's latest stay, and
        // the indexes of stays are spared rewriting the rest.
        let mut stored: std::collections::HashMap<(i64, i64), StayRow> =
            std::collections::HashMap::new();
        for chunk in $persons.chunks(IN_CHUNK) {
            let sql = format!(
                "SELECT {STAY_COLUMNS} FROM stays WHERE person_id IN ({})",
                crate::placeholders(sqlite, 1, chunk.len())
            );
            let mut q = sqlx::query_as::<_, StayRow>(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id);
            }
            for row in q.fetch_all(&mut *$tx).await? {
                stored.insert((row.person_id, row.seq), row);
            }
        }
        let mut changed: Vec<&StayRow> = Vec::new();
        let mut stale: Vec<(i64, i64)> = Vec::new();
        for s in $stays.iter() {
            match stored.remove(&(s.person_id, s.seq)) {
                Some(old) if old == *s => {}
                Some(_) => {
                    stale.push((s.person_id, s.seq));
                    changed.push(s);
                }
                None => changed.push(s),
            }
        }
        stale.extend(stored.into_keys());
        stale.sort_unstable();
        for chunk in stale.chunks(IN_CHUNK) {
            // Typed, so that PostgreSQL compares numbers with numbers.
            let pairs = (0..chunk.len())
                .map(|r| {
                    let (a, b) = if sqlite {
                        ("?".to_owned(), "?".to_owned())
                    } else {
                        (format!("${}", r * 2 + 1), format!("${}", r * 2 + 2))
                    };
                    format!("(CAST({a} AS BIGINT), CAST({b} AS BIGINT))")
                })
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!("DELETE FROM stays WHERE (person_id, seq) IN (VALUES {pairs})");
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (person, seq) in chunk {
                q = q.bind(*person).bind(*seq);
            }
            q.execute(&mut *$tx).await?;
        }
        for chunk in changed.chunks(rows_per_insert) {
            let sql = rows_sql(sqlite, "stays", STAY_COLUMNS, 13, chunk.len(), "");
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for s in chunk {
                q = q
                    .bind(s.person_id)
                    .bind(s.seq)
                    .bind(&s.entry_date)
                    .bind(&s.exit_date)
                    .bind(&s.ends_on)
                    .bind(&s.period_until)
                    .bind(&s.lawful_until)
                    .bind(&s.rule_code)
                    .bind(s.permitted_days)
                    .bind(&s.flags)
                    .bind(&s.nationality)
                    .bind(&s.document_number)
                    .bind(&s.document_issuing_state);
            }
            q.execute(&mut *$tx).await?;
        }
        inserted
    }};
}

impl Store {
    /// The stored fingerprints of whichever of `event_ids` are already recorded.
    pub async fn event_fingerprints(
        &self,
        event_ids: &[&str],
    ) -> Result<Vec<(String, String)>, StoreError> {
        Ok(crate::select_in!(
            self,
            event_ids,
            (String, String),
            |list| format!(
                "SELECT event_id, fingerprint FROM border_events WHERE event_id IN ({})",
                list
            )
        ))
    }

    /// The persons holding a document with this folded number from this issuing state
    /// (merged records resolved to their survivor), most recently created first.
    pub async fn document_holders(
        &self,
        issuing_state: &str,
        number_folded: &str,
    ) -> Result<Vec<i64>, StoreError> {
        let rows: Vec<(i64,)> = on_pool!(&self.db, pool => {
            sqlx::query_as(
                "SELECT DISTINCT COALESCE(p.merged_into, p.person_id) FROM identity_documents d \
                 JOIN persons p ON p.person_id = d.person_id \
                 WHERE d.number_folded = $1 AND d.issuing_state = $2",
            )
            .bind(number_folded)
            .bind(issuing_state)
            .fetch_all(pool)
            .await?
        });
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// For each `(issuing_state, folded number)` in `keys`, the persons holding such a document
    /// (merged records resolved to their survivor): `(state, folded, person_id)` rows.
    pub async fn document_holders_many(
        &self,
        keys: &[(String, String)],
    ) -> Result<Vec<(String, String, i64)>, StoreError> {
        let wanted: std::collections::HashSet<(&str, &str)> =
            keys.iter().map(|(s, n)| (s.as_str(), n.as_str())).collect();
        let mut numbers: Vec<&str> = keys.iter().map(|(_, n)| n.as_str()).collect();
        numbers.sort_unstable();
        numbers.dedup();
        let rows = crate::select_in!(self, numbers, (String, String, i64), |list| format!(
            "SELECT d.issuing_state, d.number_folded, COALESCE(p.merged_into, p.person_id) \
             FROM identity_documents d JOIN persons p ON p.person_id = d.person_id \
             WHERE d.number_folded IN ({list})"
        ));
        Ok(rows
            .into_iter()
            .filter(|(s, n, _)| wanted.contains(&(s.as_str(), n.as_str())))
            .collect())
    }

    /// For each stored person among `ids`, `(id, survivor)`: the record itself, or the one it
    /// was merged into.
    pub async fn resolve_persons(&self, ids: &[i64]) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(crate::select_in!(self, ids, (i64, i64), |list| format!(
            "SELECT person_id, COALESCE(merged_into, person_id) FROM persons \
                     WHERE person_id IN ({})",
            list
        )))
    }

    /// The registered nationalities of `persons`: `(person_id, country)` rows.
    pub async fn nationalities_of(
        &self,
        persons: &[i64],
    ) -> Result<Vec<(i64, String)>, StoreError> {
        Ok(crate::select_in!(
            self,
            persons,
            (i64, String),
            |list| format!(
                "SELECT person_id, country FROM person_nationalities WHERE person_id IN ({}) \
                     ORDER BY person_id, country",
                list
            )
        ))
    }

    /// Every stored event of `persons`, by person and time.
    pub async fn events_of(&self, persons: &[i64]) -> Result<Vec<BorderEvent>, StoreError> {
        let sqlite = self.is_sqlite();
        let mut out = Vec::new();
        for chunk in persons.chunks(IN_CHUNK) {
            let sql = format!(
                "SELECT {EVENT_COLUMNS} FROM border_events WHERE person_id IN ({}) \
                 ORDER BY person_id, occurred_at, event_id",
                crate::placeholders(sqlite, 1, chunk.len())
            );
            // Events of records merged into these persons count as theirs.
            let merged_sql = format!(
                "SELECT e.event_id, p.merged_into AS person_id, e.direction, e.occurred_at, e.local_date, \
                 e.bcp, e.travel_mode, e.document_number, e.document_issuing_state, \
                 e.nationality, e.permitted_days, e.visa_ref, e.link_method, e.fingerprint, \
                 e.received_at, e.received_by FROM persons p \
                 JOIN border_events e ON e.person_id = p.person_id \
                 WHERE p.merged_into IN ({})",
                crate::placeholders(sqlite, 1, chunk.len())
            );
            let (rows, merged): (Vec<BorderEvent>, Vec<BorderEvent>) = on_pool!(&self.db, pool => {
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
                let mut m = sqlx::query_as(sqlx::AssertSqlSafe(merged_sql));
                for id in chunk {
                    q = q.bind(*id);
                    m = m.bind(*id);
                }
                (q.fetch_all(pool).await?, m.fetch_all(pool).await?)
            });
            out.extend(rows);
            out.extend(merged);
        }
        Ok(out)
    }

    /// The most recent events of one person, newest first.
    pub async fn recent_events(
        &self,
        person_id: i64,
        limit: i64,
    ) -> Result<Vec<BorderEvent>, StoreError> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM border_events WHERE person_id = $1 \
             OR person_id IN (SELECT person_id FROM persons WHERE merged_into = $1) \
             ORDER BY occurred_at DESC, event_id DESC LIMIT $2"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(person_id)
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }

    /// The permits of `persons` that are not revoked.
    pub async fn permits_of(&self, persons: &[i64]) -> Result<Vec<PermitRow>, StoreError> {
        Ok(crate::select_in!(self, persons, PermitRow, |list| format!(
            "SELECT person_id, permit_id, kind, number, valid_from, valid_to, status, \
                     created_at FROM permits WHERE status = 'valid' AND person_id IN ({}) \
                     ORDER BY person_id, valid_from",
            list
        )))
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

    /// Stores a batch of events and the recomputed stays of every person it touches, with
    /// its audit entry, in one transaction. Returns how many events were new (an id stored
    /// meanwhile is skipped, never doubled).
    pub async fn ingest_border_batch(
        &self,
        events: &[BorderEvent],
        persons: &[i64],
        stays: &[StayRow],
        outcomes: &BatchOutcomes,
        audit: NewAuditEntry,
    ) -> Result<u64, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            let inserted = write_batch!(self.is_sqlite(), tx, events, persons, stays);
            crate::enforcement::write_outcomes!(tx, &outcomes.fulfilments, &outcomes.alerts);
            append_audit_tx!(tx, audit);
            tx.commit().await?;
            inserted
        }))
    }

    /// Replaces the stays of `persons` (after a permit or a merge changed them).
    pub async fn replace_stays(
        &self,
        persons: &[i64],
        stays: &[StayRow],
    ) -> Result<(), StoreError> {
        let none: &[BorderEvent] = &[];
        on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            write_batch!(self.is_sqlite(), tx, none, persons, stays);
            tx.commit().await?;
        });
        Ok(())
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
    pub async fn add_permit(&self, p: &PermitRow, audit: NewAuditEntry) -> Result<i64, StoreError> {
        let record = crate::PermitRecord {
            person_id: p.person_id,
            permit_id: 0,
            kind: p.kind.clone(),
            number: p.number.clone(),
            valid_from: p.valid_from.clone(),
            valid_to: p.valid_to.clone(),
            status: p.status.clone(),
            created_at: p.created_at,
            application_id: None,
            conditions: None,
        };
        let actor = audit.actor.clone();
        Ok(crate::audited!(&self.db, tx => {
            crate::applications::insert_permit!(tx, &record, &actor)
        }, audit))
    }

    /// Persons present on `as_of` (YYYY-MM-DD) past the end of their stay and without a
    /// permit covering that day, ordered by person; `after` continues a previous page. The
    /// optional filters keep one nationality, and stays lawful only until `lawful_until_max`.
    pub async fn list_overstays(
        &self,
        as_of: &str,
        nationality: Option<&str>,
        lawful_until_max: Option<&str>,
        after: Option<i64>,
        limit: i64,
    ) -> Result<Vec<OverstayRow>, StoreError> {
        // Two halves, each read in person order through its own index and cut at the page
        // size, so paging through the whole report stays linear: stays still open (partial
        // index on person_id) and stays that ended after the date (index on ends_on).
        let half = |open: bool| {
            format!(
                "SELECT * FROM (SELECT s.person_id, s.document_number, s.document_issuing_state, \
                 s.nationality, s.entry_date, s.lawful_until FROM stays s WHERE {} \
                 AND s.lawful_until < $1 AND s.entry_date <= $1 AND s.person_id > $2 \
                 AND ($3 IS NULL OR s.nationality = $3) AND ($4 IS NULL OR s.lawful_until <= $4) \
                 AND NOT EXISTS (SELECT 1 FROM permits p WHERE p.person_id = s.person_id \
                   AND p.status = 'valid' AND p.valid_from <= $1 AND p.valid_to >= $1) \
                 AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.person_id = s.person_id \
                   AND a.app_type IN ({STAY_KEEPING}) AND a.state <> 'withdrawn' \
                   AND a.filed_on >= s.entry_date AND a.filed_on <= s.lawful_until \
                   AND a.filed_on <= $1 AND (a.decided_on IS NULL OR a.decided_on > $1)) \
                 ORDER BY s.person_id LIMIT $5) {}",
                if open {
                    "s.ends_on IS NULL"
                } else {
                    "s.ends_on > $1"
                },
                if open { "open_stays" } else { "ended_stays" }
            )
        };
        let sql = format!(
            "{} UNION ALL {} ORDER BY person_id LIMIT $5",
            half(true),
            half(false)
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(as_of)
                .bind(after.unwrap_or(i64::MIN))
                .bind(nationality)
                .bind(lawful_until_max)
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }

    /// How many events are stored.
    pub async fn count_border_events(&self) -> Result<i64, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM border_events").fetch_one(pool).await?
        }))
    }
}
