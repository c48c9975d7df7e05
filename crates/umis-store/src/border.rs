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

/// One CSV field for COPY: `None` is NULL (unquoted, empty), text is quoted.
fn csv_field(out: &mut String, v: Option<&str>) {
    if let Some(v) = v {
        out.push('"');
        for c in v.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    }
}

/// Inserts events in the transaction `tx` (PostgreSQL): COPY into a temporary table, then one
/// INSERT … SELECT that skips ids already stored. Returns how many were new.
async fn copy_events(
    tx: &mut sqlx::PgConnection,
    events: &[BorderEvent],
) -> Result<u64, StoreError> {
    sqlx::query("CREATE TEMP TABLE border_events_in (LIKE border_events) ON COMMIT DROP")
        .execute(&mut *tx)
        .await?;
    let mut copy = tx
        .copy_in_raw(&format!(
            "COPY border_events_in ({EVENT_COLUMNS}) FROM STDIN WITH (FORMAT csv)"
        ))
        .await?;
    let mut buf = String::with_capacity(events.len().min(10_000) * 200);
    for e in events {
        let (person, at, days, received) = (
            e.person_id.to_string(),
            e.occurred_at.to_string(),
            e.permitted_days.map(|d| d.to_string()),
            e.received_at.to_string(),
        );
        let fields = [
            Some(e.event_id.as_str()),
            Some(person.as_str()),
            Some(e.direction.as_str()),
            Some(at.as_str()),
            Some(e.local_date.as_str()),
            Some(e.bcp.as_str()),
            Some(e.travel_mode.as_str()),
            e.document_number.as_deref(),
            e.document_issuing_state.as_deref(),
            e.nationality.as_deref(),
            days.as_deref(),
            e.visa_ref.as_deref(),
            Some(e.link_method.as_str()),
            Some(e.fingerprint.as_str()),
            Some(received.as_str()),
            Some(e.received_by.as_str()),
        ];
        for (i, f) in fields.into_iter().enumerate() {
            if i > 0 {
                buf.push(',');
            }
            csv_field(&mut buf, f);
        }
        buf.push('\n');
        if buf.len() > 1 << 20 {
            copy.send(std::mem::take(&mut buf).into_bytes()).await?;
        }
    }
    if !buf.is_empty() {
        copy.send(buf.into_bytes()).await?;
    }
    copy.finish().await?;
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO border_events ({EVENT_COLUMNS}) SELECT {EVENT_COLUMNS} FROM border_events_in \
         ON CONFLICT (event_id) DO NOTHING"
    )))
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected())
}

/// The statistics roll-up cells of `events`: events per day, direction, crossing point,
/// nationality (`XXX` unknown) and travel mode.
fn rollup_of(events: &[BorderEvent]) -> std::collections::BTreeMap<crate::stats::RollupKey, i64> {
    let mut rollup = std::collections::BTreeMap::new();
    for e in events {
        let key = (
            e.local_date.clone(),
            e.direction.clone(),
            e.bcp.clone(),
            e.nationality.clone().unwrap_or_else(|| "XXX".into()),
            e.travel_mode.clone(),
        );
        *rollup.entry(key).or_insert(0) += 1;
    }
    rollup
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
        self.events_with(persons, EVENT_COLUMNS_E).await
    }

    /// The events of `persons` with only what the stay engine reads (id, direction, time, local
    /// date, crossing point, nationality, document and days granted); the other fields are left
    /// empty.
    pub async fn stay_events_of(&self, persons: &[i64]) -> Result<Vec<BorderEvent>, StoreError> {
        self.events_with(persons, STAY_EVENT_COLUMNS).await
    }

    async fn events_with(
        &self,
        persons: &[i64],
        columns: &str,
    ) -> Result<Vec<BorderEvent>, StoreError> {
        let sqlite = self.is_sqlite();
        let mut out = Vec::new();
        for chunk in persons.chunks(IN_CHUNK) {
            let sql = format!(
                "SELECT {columns} FROM border_events e WHERE e.person_id IN ({}) \
                 ORDER BY e.person_id, e.occurred_at, e.event_id",
                crate::placeholders(sqlite, 1, chunk.len())
            );
            // Events of records merged into these persons count as theirs.
            let merged_sql = format!(
                "SELECT {} FROM persons p \
                 JOIN border_events e ON e.person_id = p.person_id \
                 WHERE p.merged_into IN ({})",
                columns.replacen("e.person_id", "p.merged_into AS person_id", 1),
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

    /// Stores a batch of events with its audit entry and what it changes in enforcement, in
    /// one transaction, adds them to the statistics roll-up, and marks every person it touches
    /// (`persons`) for a rebuild of their stays with `mark`. Returns how many events were
    /// stored, or `None` (nothing written) when some of them were stored meanwhile by another
    /// writer: the caller checks the ids again and retries.
    pub async fn ingest_border_batch(
        &self,
        events: &[BorderEvent],
        persons: &[i64],
        mark: i64,
        outcomes: &BatchOutcomes,
        audit: NewAuditEntry,
    ) -> Result<Option<u64>, StoreError> {
        let sqlite = self.is_sqlite();
        let skip_audit = self.skipping_audit();
        // Events a writer elsewhere stored since the caller checked the ids make the batch
        // incomplete: it is rolled back whole (`None`) for the caller to check again, so that
        // the statistics and the enforcement outcomes count only events stored by this batch.
        macro_rules! rest {
            ($tx:ident, $inserted:expr) => {{
                let inserted: u64 = $inserted;
                if inserted != events.len() as u64 {
                    return Ok(None);
                }
                let rollup = rollup_of(events);
                crate::stats::add_to_rollup!(sqlite, $tx, rollup);
                crate::enforcement::write_outcomes!($tx, &outcomes.fulfilments, &outcomes.alerts);
                if !skip_audit {
                    append_audit_tx!($tx, audit);
                }
                $tx.commit().await?;
                Ok(Some(inserted))
            }};
        }
        match &self.db {
            crate::Db::Sqlite(pool) => {
                let mut tx = pool.begin().await?;
                let inserted = insert_event_rows!(tx, events);
                mark_persons!(sqlite, &mut *tx, persons, mark);
                rest!(tx, inserted)
            }
            crate::Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let inserted = if events.is_empty() {
                    0
                } else {
                    copy_events(&mut tx, events).await?
                };
                mark_persons!(postgres, &mut *tx, persons, mark);
                rest!(tx, inserted)
            }
        }
    }

    /// Up to `limit` persons marked for a rebuild of their stays, after `after` in person
    /// order: `(person_id, mark)`.
    pub async fn pending_stays(
        &self,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "SELECT person_id, mark FROM stays_pending WHERE person_id > $1 \
                 ORDER BY person_id LIMIT $2",
            )
            .bind(after)
            .bind(limit)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Marks `persons` for a rebuild of their stays with `mark` (after something other than a
    /// border event changed them: a permit, a merge).
    pub async fn mark_stays(&self, persons: &[i64], mark: i64) -> Result<(), StoreError> {
        let mut persons = persons.to_vec();
        persons.sort_unstable();
        match &self.db {
            crate::Db::Sqlite(pool) => {
                mark_persons!(sqlite, pool, &persons, mark);
            }
            crate::Db::Postgres(pool) => {
                mark_persons!(postgres, pool, &persons, mark);
            }
        }
        Ok(())
    }

    /// Which of `persons` are marked for a rebuild of their stays: `(person_id, mark)`.
    pub async fn pending_stays_of(&self, persons: &[i64]) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(crate::select_in!(
            self,
            persons,
            (i64, i64),
            |list| format!("SELECT person_id, mark FROM stays_pending WHERE person_id IN ({list})")
        ))
    }

    /// How many persons are marked for a rebuild of their stays.
    pub async fn count_pending_stays(&self) -> Result<i64, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM stays_pending").fetch_one(pool).await?
        }))
    }

    /// Stores the stays rebuilt for `pending` persons (`(person_id, mark)` as read), in one
    /// transaction: a person is cleared and their stays written only while their mark is still
    /// the one read; a person marked again meanwhile keeps the new mark and their stays are left
    /// for the next rebuild. Returns how many persons were settled.
    pub async fn settle_stays(
        &self,
        pending: &[(i64, i64)],
        stays: &[StayRow],
    ) -> Result<u64, StoreError> {
        let sqlite = self.is_sqlite();
        let _turn = if sqlite {
            Some(self.stays_write_turn.lock().await)
        } else {
            None
        };
        Ok(on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            let mut settled = std::collections::HashSet::new();
            if !sqlite {
                // Rows locked in person order, as ingestion marks them, so that a rebuild and a
                // batch touching the same persons cannot deadlock.
                let mut persons: Vec<i64> = pending.iter().map(|(p, _)| *p).collect();
                persons.sort_unstable();
                for chunk in persons.chunks(IN_CHUNK) {
                    let sql = format!(
                        "SELECT person_id FROM stays_pending WHERE person_id IN ({}) \
                         ORDER BY person_id FOR UPDATE",
                        crate::placeholders(false, 1, chunk.len())
                    );
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for id in chunk {
                        q = q.bind(*id);
                    }
                    q.fetch_all(&mut *tx).await?;
                }
            }
            for chunk in pending.chunks(IN_CHUNK) {
                let sql = format!(
                    "DELETE FROM stays_pending WHERE (person_id, mark) IN (VALUES {}) \
                     RETURNING person_id",
                    number_pairs(sqlite, chunk.len())
                );
                let mut q = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql));
                for (person, mark) in chunk {
                    q = q.bind(*person).bind(*mark);
                }
                settled.extend(q.fetch_all(&mut *tx).await?);
            }
            let persons: Vec<i64> = pending
                .iter()
                .map(|(p, _)| *p)
                .filter(|p| settled.contains(p))
                .collect();
            let mine: Vec<&StayRow> = stays
                .iter()
                .filter(|s| settled.contains(&s.person_id))
                .collect();
            write_stays!(sqlite, tx, persons, mine);
            tx.commit().await?;
            settled.len() as u64
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
    /// optional filters keep one nationality, stays lawful only until `lawful_until_max`, and
    /// the persons `office` answers for (see [`in_office_sql`]).
    pub async fn list_overstays(
        &self,
        as_of: &str,
        nationality: Option<&str>,
        lawful_until_max: Option<&str>,
        office: Option<&str>,
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
                 AND {} ORDER BY s.person_id LIMIT $5) {}",
                if open {
                    "s.ends_on IS NULL"
                } else {
                    "s.ends_on > $1"
                },
                in_office_sql("$6", "$1"),
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
                .bind(office)
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
