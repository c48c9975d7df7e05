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
    /// Crossing point of the entry.
    pub entry_bcp: Option<String>,
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

/// Every column of an event, read through the alias `e`.
const EVENT_COLUMNS_E: &str = "e.event_id, e.person_id, e.direction, e.occurred_at, \
    e.local_date, e.bcp, e.travel_mode, e.document_number, e.document_issuing_state, \
    e.nationality, e.permitted_days, e.visa_ref, e.link_method, e.fingerprint, e.received_at, \
    e.received_by";

/// What the stay engine reads of an event (through the alias `e`); the rest is left empty.
const STAY_EVENT_COLUMNS: &str = "e.event_id, e.person_id, e.direction, e.occurred_at, \
    e.local_date, e.bcp, '' AS travel_mode, e.document_number, e.document_issuing_state, \
    e.nationality, e.permitted_days, CAST(NULL AS TEXT) AS visa_ref, '' AS link_method, \
    '' AS fingerprint, CAST(0 AS BIGINT) AS received_at, '' AS received_by";

const STAY_COLUMNS: &str = "person_id, seq, entry_date, exit_date, ends_on, period_until, \
    lawful_until, rule_code, permitted_days, flags, nationality, document_number, \
    document_issuing_state, entry_bcp";

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

/// The condition that keeps the stays `s` of the persons office `office` (a parameter, e.g.
/// `$6`; NULL keeps everyone) answers for on day `as_of`: those whose latest registration at a
/// place of stay since their entry names one of the office's regions (compared without regard
/// to case), and those whose latest registration names no region any office lists (or who
/// are not registered since their entry) who entered at one of the office's crossing points
/// (its own code when it lists none).
pub(crate) fn in_office_sql(office: &str, as_of: &str) -> String {
    // The latest registration since the entry, in a region that `regions` lists.
    let latest_in = |alias: &str, regions: &str| {
        format!(
            "EXISTS (SELECT 1 FROM stay_registrations {alias} \
             JOIN office_regions {alias}o ON UPPER({alias}o.region) = UPPER(TRIM({alias}.region)) \
             WHERE {regions} AND {alias}.person_id = s.person_id \
             AND {alias}.arrival_date >= s.entry_date AND {alias}.arrival_date <= {as_of} \
             AND NOT EXISTS (SELECT 1 FROM stay_registrations {alias}2 \
               WHERE {alias}2.person_id = s.person_id \
               AND {alias}2.arrival_date > {alias}.arrival_date \
               AND {alias}2.arrival_date <= {as_of}))"
        )
    };
    format!(
        "({office} IS NULL OR {} \
         OR (NOT {} \
           AND (s.entry_bcp IN (SELECT c.bcp FROM office_crossing_points c \
                 WHERE c.office_code = {office}) \
             OR (s.entry_bcp = {office} AND NOT EXISTS (SELECT 1 FROM office_crossing_points c2 \
                 WHERE c2.office_code = {office})))))",
        latest_in("r", &format!("ro.office_code = {office}")),
        latest_in("a", "1 = 1"),
    )
}

/// `n` placeholder pairs for `(a, b) IN (VALUES …)`, typed so that PostgreSQL compares numbers
/// with numbers.
fn number_pairs(sqlite: bool, n: usize) -> String {
    (0..n)
        .map(|r| {
            let (a, b) = if sqlite {
                ("?".to_owned(), "?".to_owned())
            } else {
                (format!("${}", r * 2 + 1), format!("${}", r * 2 + 2))
            };
            format!("(CAST({a} AS BIGINT), CAST({b} AS BIGINT))")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Marks `$persons` (in person order, as rebuilds lock them) with `$mark` for a rebuild of
/// their stays, through the executor `$exec`: multi-row VALUES on SQLite, one array on
/// PostgreSQL.
macro_rules! mark_persons {
    (sqlite, $exec:expr, $persons:expr, $mark:expr) => {
        for chunk in $persons.chunks(500) {
            let sql = format!(
                "INSERT INTO stays_pending (person_id, mark) VALUES {} \
                 ON CONFLICT (person_id) DO UPDATE SET mark = excluded.mark",
                number_pairs(true, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id).bind($mark);
            }
            q.execute($exec).await?;
        }
    };
    (postgres, $exec:expr, $persons:expr, $mark:expr) => {
        sqlx::query(
            "INSERT INTO stays_pending (person_id, mark) \
             SELECT UNNEST($1::BIGINT[]), $2 \
             ON CONFLICT (person_id) DO UPDATE SET mark = excluded.mark",
        )
        .bind($persons)
        .bind($mark)
        .execute($exec)
        .await?;
    };
}

/// Inserts events in `$tx` with multi-row INSERTs (SQLite), skipping ids already stored;
/// evaluates to how many were new.
macro_rules! insert_event_rows {
    ($tx:expr, $events:expr) => {{
        let mut inserted: u64 = 0;
        // SQLite takes long multi-row statements well.
        for chunk in $events.chunks(500) {
            let sql = rows_sql(
                true,
                "border_events",
                EVENT_COLUMNS,
                16,
                chunk.len(),
                " ON CONFLICT (event_id) DO NOTHING",
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
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
            inserted += q.execute(&mut *$tx).await?.rows_affected();
        }
        inserted
    }};
}

/// Replaces the stays of `persons` by `$stays` in `$tx`, writing only what changed.
macro_rules! write_stays {
    ($sqlite:expr, $tx:expr, $persons:expr, $stays:expr) => {{
        let sqlite: bool = $sqlite;
        let rows_per_insert = if sqlite { 500 } else { INSERT_CHUNK };
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
            let s: &StayRow = s;
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
            let sql = format!(
                "DELETE FROM stays WHERE (person_id, seq) IN (VALUES {})",
                number_pairs(sqlite, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (person, seq) in chunk {
                q = q.bind(*person).bind(*seq);
            }
            q.execute(&mut *$tx).await?;
        }
        for chunk in changed.chunks(rows_per_insert) {
            let sql = rows_sql(sqlite, "stays", STAY_COLUMNS, 14, chunk.len(), "");
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
                    .bind(&s.document_issuing_state)
                    .bind(&s.entry_bcp);
            }
            q.execute(&mut *$tx).await?;
        }
    }};
}

// Declared after the statement macros above, which they use.
mod events;
mod ingest;
mod lookup;
mod overstays;
mod stays;
