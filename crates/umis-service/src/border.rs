//! Border event ingestion: each row validated on its own, idempotency on the source's event id,
//! linking to a person (person number, document, a confident identity match, or a new person
//! flagged for review), and every person a batch touches marked, in the same transaction as
//! the events, for a rebuild of their stays (`settle_stays`), so the overstay report never
//! rescans events. Batches are prepared (validated, checked for re-sends, looked up) side by
//! side and written one at a time.

use crate::persons::today;
use crate::stay::stay_rows;
use crate::{Ctx, NewPersonInput, SearchInput, ServiceError, Services};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use umis_domain::border::{BorderEventInput, EVENT_FIELDS};
use umis_domain::person::{PersonId, fold_document_number};
use umis_domain::stay::Direction;
use umis_domain::{AuditOutcome, Permission};
use umis_store::{BorderEvent, NewDocument};

/// Most events accepted in one request or call.
pub const MAX_BATCH_EVENTS: usize = 10_000;
/// Events written per transaction (a whole request: fewer, larger commits).
const CHUNK: usize = MAX_BATCH_EVENTS;
/// Persons whose stays are rebuilt per transaction.
const SETTLE_CHUNK: i64 = 2_000;
/// A traveller without a known document is linked to a registered person only at or above
/// this score, and only when no other candidate comes within [`MATCH_MARGIN`].
pub const IDENTITY_MATCH_MIN: f32 = 0.95;
const MATCH_MARGIN: f32 = 0.05;
/// Travel modes a border event may carry.
pub const TRAVEL_MODES: [&str; 4] = ["air", "land", "sea", "rail"];

/// Where a batch stands among batches sent in order and in flight together: it is prepared
/// beside the batch before it, but writes only once that batch is written whole (every
/// attempt of it), so the earlier of two rows with one event id always wins, as in the file.
#[derive(Debug, Default)]
pub struct BatchTurn {
    /// Resolves once the batch before is written (or has failed).
    pub after: Option<tokio::sync::oneshot::Receiver<()>>,
    /// Told once this batch is written; dropped, unsent, if it fails.
    pub written: Option<tokio::sync::oneshot::Sender<()>>,
}

/// Why one row was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// Row number: the position in the request (from 1), or the line in a file.
    pub row: usize,
    /// The row's event id, when it had one.
    pub event_id: Option<String>,
    /// The field at fault.
    pub field: String,
    /// A stable machine code.
    pub code: String,
    /// What is wrong.
    pub message: String,
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IngestReport {
    /// Rows received.
    pub received: usize,
    /// Events newly recorded.
    pub accepted: u64,
    /// Events already recorded with the same content (re-sends).
    pub duplicates: u64,
    /// Rows refused, each with its reason.
    pub rejected: Vec<RowError>,
    /// Persons registered because no registered person matched (flagged for review).
    pub persons_created: u64,
    /// Events linked by an identity match rather than a document or person number.
    pub linked_by_identity: u64,
    /// How each row that was not refused ended, by row (to split a merged batch's report).
    #[serde(skip)]
    pub(crate) fates: Vec<(usize, Fate)>,
}

/// How a row that was not refused ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fate {
    /// Stored, linked to a registered person.
    Stored,
    /// Stored, linked to a person registered for it.
    StoredNewPerson,
    /// Stored, linked by an identity match.
    StoredByIdentity,
    /// Already recorded with the same content.
    Duplicate,
}

impl IngestReport {
    /// Adds another part's counts to this one.
    pub fn absorb(&mut self, other: IngestReport) {
        self.received += other.received;
        self.accepted += other.accepted;
        self.duplicates += other.duplicates;
        self.rejected.extend(other.rejected);
        self.persons_created += other.persons_created;
        self.linked_by_identity += other.linked_by_identity;
        self.fates.extend(other.fates);
    }
}

/// A row that passed validation.
struct Valid {
    row: usize,
    event_id: String,
    direction: Direction,
    occurred_at: i64,
    local_date: String,
    bcp: String,
    travel_mode: String,
    person_id: Option<i64>,
    document: Option<(String, String)>,
    nationality: Option<String>,
    surname: Option<String>,
    given_names: Option<String>,
    birth_date: Option<String>,
    permitted_days: Option<i64>,
    visa_ref: Option<String>,
    fingerprint: String,
}

fn row_error(
    row: usize,
    event_id: Option<&str>,
    field: &str,
    code: &str,
    message: &str,
) -> RowError {
    RowError {
        row,
        event_id: event_id.map(str::to_owned),
        field: field.into(),
        code: code.into(),
        message: message.into(),
    }
}

fn plain(s: &str, max: usize) -> bool {
    !s.is_empty() && s.chars().count() <= max && !s.chars().any(char::is_control)
}

impl Services {
    fn validate_event(&self, row: usize, input: &BorderEventInput) -> Result<Valid, RowError> {
        let id = input.get("event_id");
        let err = |field: &str, code: &str, msg: &str| row_error(row, id, field, code, msg);
        let event_id = id.ok_or_else(|| err("event_id", "required", "event_id is required"))?;
        if !plain(event_id, 128) {
            return Err(err(
                "event_id",
                "invalid_event_id",
                "event_id must be 1–128 printable characters",
            ));
        }
        let direction: Direction = input
            .get("direction")
            .ok_or_else(|| err("direction", "required", "direction is required"))?
            .parse()
            .map_err(|_| {
                err(
                    "direction",
                    "unknown_direction",
                    "direction must be entry or exit",
                )
            })?;
        let at = input
            .get("occurred_at")
            .ok_or_else(|| err("occurred_at", "required", "occurred_at is required"))?;
        let ts: jiff::Timestamp = at.parse().map_err(|_| {
            err("occurred_at", "invalid_time", "occurred_at must be an RFC 3339 time with an offset, e.g. 2026-05-01T08:30:00+04:00")
        })?;
        let occurred_at = ts.as_microsecond();
        if occurred_at > self.now() + 300_000_000 {
            return Err(err(
                "occurred_at",
                "future_event",
                "occurred_at is in the future",
            ));
        }
        if ts.as_second() < 631_152_000 {
            return Err(err("occurred_at", "too_old", "occurred_at is before 1990"));
        }
        let local = ts.to_zoned(self.tz.clone()).date();
        let local_date = format!(
            "{:04}-{:02}-{:02}",
            local.year(),
            local.month(),
            local.day()
        );
        let bcp = input
            .get("bcp")
            .ok_or_else(|| {
                err(
                    "bcp",
                    "required",
                    "bcp (the border crossing point code) is required",
                )
            })?
            .to_ascii_uppercase();
        if !umis_domain::validate::is_bcp_code(&bcp) {
            return Err(err(
                "bcp",
                "invalid_bcp",
                "bcp must be 1–16 letters, digits, '-' or '_'",
            ));
        }
        let travel_mode = input
            .get("travel_mode")
            .ok_or_else(|| err("travel_mode", "required", "travel_mode is required"))?
            .to_ascii_lowercase();
        if !TRAVEL_MODES.contains(&travel_mode.as_str()) {
            return Err(err(
                "travel_mode",
                "unknown_travel_mode",
                "travel_mode must be air, land, sea or rail",
            ));
        }
        let person_id = match input.get("person_id") {
            None => None,
            Some(p) => Some(
                p.parse::<PersonId>()
                    .map_err(|e| err("person_id", "invalid_person_id", &e.to_string()))?
                    .as_i64(),
            ),
        };
        let country = |field: &str| -> Result<Option<String>, RowError> {
            match input.get(field) {
                None => Ok(None),
                Some(c) => {
                    let c = c.to_ascii_uppercase();
                    if crate::known_country(&c) {
                        Ok(Some(c))
                    } else {
                        Err(err(field, "unknown_country", "not an ICAO country code"))
                    }
                }
            }
        };
        let state = country("document_issuing_state")?;
        let nationality = country("nationality")?;
        let document = match (input.get("document_number"), state) {
            (Some(n), Some(s)) => {
                if !plain(n, 32) {
                    return Err(err(
                        "document_number",
                        "invalid_document_number",
                        "document_number must be 1–32 printable characters",
                    ));
                }
                let folded = fold_document_number(n);
                if folded.is_empty() {
                    return Err(err(
                        "document_number",
                        "invalid_document_number",
                        "document_number has no letters or digits",
                    ));
                }
                Some((s, n.to_owned()))
            }
            (Some(_), None) => {
                return Err(err(
                    "document_issuing_state",
                    "required",
                    "document_issuing_state is required with document_number",
                ));
            }
            (None, _) if person_id.is_none() => {
                return Err(err(
                    "document_number",
                    "missing_document",
                    "a person_id or a document_number with its issuing state is required",
                ));
            }
            (None, _) => None,
        };
        let name = |field: &str| -> Result<Option<String>, RowError> {
            match input.get(field) {
                None => Ok(None),
                Some(s) if plain(s, crate::MAX_NAME_CHARS) => Ok(Some(s.to_owned())),
                Some(_) => Err(err(
                    field,
                    "invalid_name",
                    "too long or contains control characters",
                )),
            }
        };
        let surname = name("surname")?;
        let given_names = name("given_names")?;
        let birth_date = match input.get("birth_date") {
            None => None,
            Some(b) => {
                let d = crate::persons::parse_partial_date(b).ok_or_else(|| {
                    err(
                        "birth_date",
                        "invalid_date",
                        "birth_date must be YYYY, YYYY-MM or YYYY-MM-DD",
                    )
                })?;
                if d.is_after(today(self.now())) {
                    return Err(err(
                        "birth_date",
                        "future_date",
                        "birth_date is in the future",
                    ));
                }
                Some(d.to_string())
            }
        };
        let permitted_days = match input.get("permitted_days") {
            None => None,
            Some(p) => match p.parse::<i64>() {
                Ok(n) if (1..=3650).contains(&n) => Some(n),
                _ => {
                    return Err(err(
                        "permitted_days",
                        "invalid_permitted_days",
                        "permitted_days must be a whole number from 1 to 3650",
                    ));
                }
            },
        };
        let visa_ref = match input.get("visa_ref") {
            None => None,
            Some(v) if plain(v, 64) => Some(v.to_owned()),
            Some(_) => {
                return Err(err(
                    "visa_ref",
                    "invalid_visa_ref",
                    "visa_ref must be 1–64 printable characters",
                ));
            }
        };
        let mut h = Sha256::new();
        for k in EVENT_FIELDS {
            h.update(k.as_bytes());
            h.update([0]);
            h.update(input.get(k).unwrap_or("").as_bytes());
            h.update([0]);
        }
        // The instant, not its spelling: the same moment with another offset is the same event.
        h.update(occurred_at.to_le_bytes());
        Ok(Valid {
            row,
            event_id: event_id.to_owned(),
            direction,
            occurred_at,
            local_date,
            bcp,
            travel_mode,
            person_id,
            document,
            nationality,
            surname,
            given_names,
            birth_date,
            permitted_days,
            visa_ref,
            fingerprint: hex::encode(h.finalize()),
        })
    }

    /// Ingests border events (`rows` carry their row numbers for the report): the good rows
    /// are kept, bad rows reported, re-sent events counted as duplicates. Small requests sent
    /// at once by one client are written together (see `border_merge`).
    pub async fn ingest_border_events(
        &self,
        ctx: &Ctx,
        rows: Vec<(usize, BorderEventInput)>,
    ) -> Result<IngestReport, ServiceError> {
        if rows.len() <= crate::border_merge::MERGE_MAX_ROWS {
            // Refused alone, before anything is merged with another request.
            self.authorize(ctx, Permission::WriteBorderEvents, "border_events.ingest")
                .await?;
            return self.ingest_merged(ctx, rows).await;
        }
        self.ingest_border_events_in_turn(ctx, rows, BatchTurn::default())
            .await
    }

    /// The use case of a border system posting events: [`Services::ingest_border_events`], then
    /// the stays of their persons rebuilt in the background (any report settles what is still
    /// pending before it reads). Bulk loaders settle once at the end instead.
    pub async fn record_border_events(
        &self,
        ctx: &Ctx,
        rows: Vec<(usize, BorderEventInput)>,
    ) -> Result<IngestReport, ServiceError> {
        let report = self.ingest_border_events(ctx, rows).await?;
        self.settle_stays_in_background();
        Ok(report)
    }

    /// [`Services::ingest_border_events`] for batches sent in order and in flight together
    /// (`umis import border-events`): prepared side by side, written in `turn`.
    pub async fn ingest_border_events_in_turn(
        &self,
        ctx: &Ctx,
        rows: Vec<(usize, BorderEventInput)>,
        mut turn: BatchTurn,
    ) -> Result<IngestReport, ServiceError> {
        self.authorize(ctx, Permission::WriteBorderEvents, "border_events.ingest")
            .await?;
        if rows.len() > MAX_BATCH_EVENTS {
            return Err(ServiceError::invalid(
                "events",
                "too_many",
                format!("at most {MAX_BATCH_EVENTS} events per batch"),
            ));
        }
        // Told when every chunk of this batch is written; dropped on an error, which lets the
        // next batch go on as well.
        let written = turn.written.take();
        let mut report = IngestReport::default();
        let mut rows = rows;
        // How travellers were linked in an attempt that was rolled back: the persons it
        // registered or matched stay, and a retry finds them by document.
        let mut carried: HashMap<String, &'static str> = HashMap::new();
        while !rows.is_empty() {
            let rest = rows.split_off(rows.len().min(CHUNK));
            // A chunk some of whose events another writer stored meanwhile is written by
            // none of them: it is checked again, and those events count as re-sends.
            let mut part = None;
            for _ in 0..3 {
                part = self
                    .ingest_chunk(ctx, &rows, &mut turn, &mut carried)
                    .await?;
                if part.is_some() {
                    break;
                }
            }
            let Some(part) = part else {
                return Err(ServiceError::Conflict(
                    "other writers kept storing the same events; send the batch again".into(),
                ));
            };
            report.absorb(part);
            rows = rest;
        }
        if let Some(written) = written {
            let _ = written.send(());
        }
        Ok(report)
    }

    /// One chunk in one transaction; `None` when some of its events were stored by another
    /// writer after they were checked (nothing was written).
    async fn ingest_chunk(
        &self,
        ctx: &Ctx,
        rows: &[(usize, BorderEventInput)],
        turn: &mut BatchTurn,
        carried: &mut HashMap<String, &'static str>,
    ) -> Result<Option<IngestReport>, ServiceError> {
        let started = std::time::Instant::now();
        // At most two batches are prepared at once, however many requests arrive.
        let slot = self
            .prepare_slots
            .acquire()
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        let mut report = IngestReport {
            received: rows.len(),
            ..Default::default()
        };
        let mut valid = Vec::with_capacity(rows.len());
        for (row, input) in rows {
            match self.validate_event(*row, input) {
                Ok(v) => valid.push(v),
                Err(e) => report.rejected.push(e),
            }
        }
        // Re-sends: within the batch and against what is stored.
        let ids: Vec<&str> = valid.iter().map(|v| v.event_id.as_str()).collect();
        let stored: HashMap<String, String> = self
            .store
            .event_fingerprints(&ids)
            .await?
            .into_iter()
            .collect();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut fresh = Vec::with_capacity(valid.len());
        for v in valid {
            let known = stored.get(&v.event_id).or_else(|| seen.get(&v.event_id));
            match known {
                Some(fp) if *fp == v.fingerprint => {
                    report.duplicates += 1;
                    report.fates.push((v.row, Fate::Duplicate));
                }
                Some(_) => report.rejected.push(row_error(
                    v.row,
                    Some(&v.event_id),
                    "event_id",
                    "event_id_conflict",
                    "this event_id is already recorded with different content",
                )),
                None => {
                    seen.insert(v.event_id.clone(), v.fingerprint.clone());
                    fresh.push(v);
                }
            }
        }
        let checked = started.elapsed();
        let now = self.now();
        let actor = ctx.actor_name();
        // Look up every person number and document of the batch at once; only travellers
        // found by neither go through the identity match one by one.
        let ids: Vec<i64> = fresh.iter().filter_map(|v| v.person_id).collect();
        let by_id: HashMap<i64, i64> = self
            .store
            .resolve_persons(&ids)
            .await?
            .into_iter()
            .collect();
        let keys: Vec<(String, String)> = fresh
            .iter()
            .filter(|v| v.person_id.is_none())
            .filter_map(|v| v.document.as_ref())
            .map(|(state, number)| (state.clone(), fold_document_number(number)))
            .collect();
        let mut by_document: HashMap<(String, String), i64> = HashMap::new();
        for (state, folded, pid) in self.store.document_holders_many(&keys).await? {
            by_document.entry((state, folded)).or_insert(pid);
        }
        // From here on one batch at a time: two batches carrying the same new traveller must
        // not register them twice (a traveller the lookups above missed is looked up again
        // before being registered), and enforcement must see the events written before it.
        // Validation, the re-send check and the lookups run outside, so that a second batch
        // is prepared while the first one writes (on the other core).
        let prefetched = started.elapsed();
        drop(slot);
        if let Some(before) = turn.after.take() {
            // Told, or dropped when the batch before failed: either way it is our turn.
            let _ = before.await;
        }
        // The lock is fair: batches take it in the order they asked.
        let _guard = self.ingest_lock.lock().await;
        let locked = started.elapsed();
        let mut events = Vec::with_capacity(fresh.len());
        for v in fresh {
            let linked = match v.person_id {
                Some(id) => match by_id.get(&id) {
                    Some(survivor) => Ok((*survivor, "person_id")),
                    None => Err(row_error(
                        v.row,
                        Some(&v.event_id),
                        "person_id",
                        "unknown_person",
                        "no person with this number",
                    )),
                },
                None => self.link_traveller(ctx, &v, &mut by_document).await?,
            };
            match linked {
                Ok((person_id, method)) => {
                    let method = match carried.get(&v.event_id) {
                        Some(earlier) if method == "document" => *earlier,
                        _ => method,
                    };
                    if matches!(method, "created" | "identity_match") {
                        carried.insert(v.event_id.clone(), method);
                    }
                    let fate = match method {
                        "created" => {
                            report.persons_created += 1;
                            Fate::StoredNewPerson
                        }
                        "identity_match" => {
                            report.linked_by_identity += 1;
                            Fate::StoredByIdentity
                        }
                        _ => Fate::Stored,
                    };
                    report.fates.push((v.row, fate));
                    let (state, number) = v.document.clone().unzip();
                    events.push(BorderEvent {
                        event_id: v.event_id,
                        person_id,
                        direction: v.direction.as_str().into(),
                        occurred_at: v.occurred_at,
                        local_date: v.local_date,
                        bcp: v.bcp,
                        travel_mode: v.travel_mode,
                        document_number: number,
                        document_issuing_state: state,
                        nationality: v.nationality,
                        permitted_days: v.permitted_days,
                        visa_ref: v.visa_ref,
                        link_method: method.into(),
                        fingerprint: v.fingerprint,
                        received_at: now,
                        received_by: actor.clone(),
                    });
                }
                Err(e) => report.rejected.push(e),
            }
        }
        let linked = started.elapsed();
        if !events.is_empty() {
            // In order, so that concurrent writers of the marks lock them in the same order.
            let mut persons: Vec<i64> = events
                .iter()
                .map(|e| e.person_id)
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            persons.sort_unstable();
            let outcomes = self.batch_outcomes(&events).await?;
            let enforced = started.elapsed();
            let audit = ctx
                .audit(now, "border_events.ingest", AuditOutcome::Ok)
                .object("border_event", events[0].event_id.clone())
                .detail("events", events.len())
                .detail("persons", persons.len())
                .detail("last_event", events[events.len() - 1].event_id.clone());
            let Some(inserted) = self
                .store
                .ingest_border_batch(&events, &persons, self.next_mark(), &outcomes, audit)
                .await?
            else {
                return Ok(None);
            };
            report.accepted += inserted;
            // Where a batch's time goes, for tuning (ids and counts only).
            tracing::debug!(
                events = events.len(),
                persons = persons.len(),
                validate_ms = checked.as_millis() as u64,
                link_ms = (prefetched - checked + linked - locked).as_millis() as u64,
                lock_wait_ms = (locked - prefetched).as_millis() as u64,
                enforcement_ms = (enforced - linked).as_millis() as u64,
                write_ms = (started.elapsed() - enforced).as_millis() as u64,
                "border events batch"
            );
        }
        report.rejected.sort_by_key(|e| e.row);
        Ok(Some(report))
    }

    /// Finds (or registers) the person an event belongs to, with how: `person_id`,
    /// `document`, `identity_match` or `created`.
    async fn link_traveller(
        &self,
        ctx: &Ctx,
        v: &Valid,
        by_document: &mut HashMap<(String, String), i64>,
    ) -> Result<Result<(i64, &'static str), RowError>, ServiceError> {
        let err = |field: &str, code: &str, msg: &str| {
            Ok(Err(row_error(v.row, Some(&v.event_id), field, code, msg)))
        };
        if let Some(id) = v.person_id {
            return match self.store.find_person(id).await? {
                Some(p) => Ok(Ok((p.merged_into.unwrap_or(p.person_id), "person_id"))),
                None => err("person_id", "unknown_person", "no person with this number"),
            };
        }
        let Some((state, number)) = &v.document else {
            return err("document_number", "missing_document", "no document");
        };
        let key = (state.clone(), fold_document_number(number));
        if let Some(id) = by_document.get(&key) {
            return Ok(Ok((*id, "document")));
        }
        if let Some(id) = self.store.document_holders(&key.0, &key.1).await?.first() {
            by_document.insert(key, *id);
            return Ok(Ok((*id, "document")));
        }
        let Some(surname) = &v.surname else {
            return err(
                "surname",
                "unknown_traveller",
                "no registered person holds this document; send surname, given_names and birth_date to register the traveller",
            );
        };
        let document = NewDocument {
            doc_type: "passport".into(),
            issuing_state: state.clone(),
            number: number.clone(),
            number_folded: key.1.clone(),
            issue_date: None,
            expiry_date: None,
            status: "valid".into(),
            mrz: None,
        };
        // A confident identity match: a registered person under another document.
        if v.birth_date.is_some() {
            let name = [Some(surname.as_str()), v.given_names.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            let hits = self.search_unaudited(&SearchInput {
                name: Some(name),
                birth_date: v.birth_date.clone(),
                nationality: v.nationality.clone(),
                document_number: None,
                limit: Some(2),
            })?;
            let top = hits.first().map(|h| h.score).unwrap_or(0.0);
            let second = hits.get(1).map(|h| h.score).unwrap_or(0.0);
            if top >= IDENTITY_MATCH_MIN
                && top - second >= MATCH_MARGIN
                && let Some(id) = hits[0]
                    .person_id
                    .parse::<PersonId>()
                    .ok()
                    .map(PersonId::as_i64)
            {
                let pid = PersonId::from_stored(id).to_string();
                let audit = ctx
                    .audit(self.now(), "person.document_add", AuditOutcome::Ok)
                    .object("person", pid.clone())
                    .person(pid)
                    .purpose(Some(format!("border event {}", v.event_id)));
                self.store
                    .add_document(id, &document, self.now(), &ctx.actor_name(), audit)
                    .await?;
                if let Some(p) = self.store.find_person(id).await? {
                    self.index_person(&p);
                }
                by_document.insert(key, id);
                return Ok(Ok((id, "identity_match")));
            }
        }
        let input = NewPersonInput {
            surname: surname.clone(),
            given_names: v.given_names.clone(),
            birth_date: v.birth_date.clone(),
            nationalities: v.nationality.iter().cloned().collect(),
            documents: vec![crate::DocumentInput {
                doc_type: "passport".into(),
                issuing_state: state.clone(),
                number: number.clone(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let row = match self.validate_person(&input, &ctx.actor_name()) {
            Ok(r) => r,
            Err(ServiceError::Validation {
                field,
                message,
                code,
            }) => {
                return err(field, code, &message);
            }
            Err(e) => return Err(e),
        };
        let pid = PersonId::from_stored(row.person_id).to_string();
        let audit = ctx
            .audit(row.created_at, "person.create", AuditOutcome::Ok)
            .object("person", pid.clone())
            .person(pid)
            .purpose(Some(format!("border event {}", v.event_id)));
        self.store.create_person(&row, audit).await?;
        if let Some(p) = self.store.find_person(row.person_id).await? {
            self.index_person(&p);
            self.queue_likely_duplicates(&p).await;
        }
        by_document.insert(key, row.person_id);
        Ok(Ok((row.person_id, "created")))
    }

    /// Rebuilds and stores the stays of `persons` from their stored events (after a merge, an
    /// undone merge or a new permit). They are marked first, like persons of an ingested batch,
    /// so that a rebuild already under way, which read the old permits or records, cannot
    /// store its result over this one.
    pub(crate) async fn refresh_stays(&self, persons: &[i64]) -> Result<(), ServiceError> {
        self.store.mark_stays(persons, self.next_mark()).await?;
        self.settle_stays_of(persons).await
    }

    /// A mark for the persons of one batch: 63 random bits (a mark only has to differ from the
    /// one a rebuild read, in this process or another), never the last one this process used.
    fn next_mark(&self) -> i64 {
        use std::sync::atomic::Ordering;
        loop {
            let mut buf = [0u8; 8];
            let random = match getrandom::fill(&mut buf) {
                Ok(()) => i64::from_le_bytes(buf) & i64::MAX,
                // Without the system's randomness, the clock still changes between batches.
                Err(_) => self.clock.now_micros(),
            };
            if self.last_mark.swap(random, Ordering::SeqCst) != random {
                return random;
            }
        }
    }

    /// Rebuilds the stays of every person ingestion has marked, [`SETTLE_CHUNK`] persons per
    /// transaction; returns how many were settled. Runs after each batch in the background,
    /// at the end of an import, and before a report reads stays, so readers always see the
    /// events stored before they asked.
    pub async fn settle_stays(&self) -> Result<u64, ServiceError> {
        self.settle_stays_reporting(&|_| {}).await
    }

    /// [`Services::settle_stays`], calling `progress` with the number settled so far after
    /// each transaction.
    pub async fn settle_stays_reporting(
        &self,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<u64, ServiceError> {
        let _guard = self.settle_lock.lock().await;
        let mut after = i64::MIN;
        let mut settled = 0;
        // Two chunks in flight: the next one's events are read and its stays computed while
        // the one before is written (chunks hold different persons).
        let mut in_flight: Option<tokio::task::JoinHandle<Result<u64, ServiceError>>> = None;
        loop {
            // On an error, the chunk in flight is waited for before the error is told.
            let pending = match self.store.pending_stays(after, SETTLE_CHUNK).await {
                Ok(p) => p,
                Err(e) => {
                    if let Some(chunk) = in_flight {
                        let _ = chunk.await;
                    }
                    return Err(e.into());
                }
            };
            let Some(&(last, _)) = pending.last() else {
                break;
            };
            after = last;
            let services = self.clone();
            let next = tokio::spawn(async move { services.settle_batch(pending).await });
            if let Some(previous) = in_flight.replace(next) {
                match joined(previous).await {
                    Ok(n) => settled += n,
                    Err(e) => {
                        if let Some(chunk) = in_flight.take() {
                            let _ = chunk.await;
                        }
                        return Err(e);
                    }
                }
                progress(settled);
            }
        }
        if let Some(last) = in_flight {
            settled += joined(last).await?;
            progress(settled);
        }
        Ok(settled)
    }

    /// Rebuilds the stays of `pending` persons (as read: `(person_id, mark)`). A person marked
    /// again while their stays were rebuilt is rebuilt again with the new mark (up to three
    /// rounds), so a reader settling before it reads sees every batch answered before it asked.
    /// Returns how many rebuilds were stored.
    async fn settle_batch(&self, mut pending: Vec<(i64, i64)>) -> Result<u64, ServiceError> {
        let mut settled = 0;
        for _ in 0..3 {
            let persons: Vec<i64> = pending.iter().map(|(p, _)| *p).collect();
            let stays = self.recompute_stays(&persons).await?;
            let done = self.store.settle_stays(&pending, &stays).await?;
            settled += done;
            if done == pending.len() as u64 {
                break;
            }
            pending = self.store.pending_stays_of(&persons).await?;
            if pending.is_empty() {
                break;
            }
        }
        Ok(settled)
    }

    /// Rebuilds the stays of those of `persons` that ingestion has marked (before one person's
    /// stays are read).
    pub(crate) async fn settle_stays_of(&self, persons: &[i64]) -> Result<(), ServiceError> {
        let pending = self.store.pending_stays_of(persons).await?;
        if pending.is_empty() {
            return Ok(());
        }
        let _guard = self.settle_lock.lock().await;
        self.settle_batch(pending).await?;
        Ok(())
    }

    /// [`Services::settle_stays`] on a task of its own, logging a failure (the marks stay, so
    /// the next run or the next reader settles them).
    pub(crate) fn settle_stays_in_background(&self) {
        let services = self.clone();
        tokio::spawn(async move {
            if let Err(e) = services.settle_stays().await {
                tracing::warn!(error = %e, "rebuilding stays after ingestion failed");
            }
        });
    }

    /// The stays of `persons` from their stored events (and those of records merged into them).
    pub(crate) async fn recompute_stays(
        &self,
        persons: &[i64],
    ) -> Result<Vec<umis_store::StayRow>, ServiceError> {
        let stored = self.store.stay_events_of(persons).await?;
        let permits = self.store.permits_of(persons).await?;
        let registered = self.store.nationalities_of(persons).await?;
        let mut events: HashMap<i64, Vec<&BorderEvent>> = HashMap::new();
        for e in &stored {
            events.entry(e.person_id).or_default().push(e);
        }
        let mut nats: HashMap<i64, Vec<String>> = HashMap::new();
        for (p, c) in registered {
            nats.entry(p).or_default().push(c);
        }
        let mut held: HashMap<i64, Vec<&umis_store::PermitRow>> = HashMap::new();
        for p in &permits {
            held.entry(p.person_id).or_default().push(p);
        }
        let mut out = Vec::new();
        for &pid in persons {
            let mut mine = events.remove(&pid).unwrap_or_default();
            mine.sort_by(|a, b| (a.occurred_at, &a.event_id).cmp(&(b.occurred_at, &b.event_id)));
            let mut n = nats.remove(&pid).unwrap_or_default();
            for e in &mine {
                if let Some(c) = &e.nationality
                    && !n.contains(c)
                {
                    n.push(c.clone());
                }
            }
            let my_permits = held.remove(&pid).unwrap_or_default();
            out.extend(stay_rows(pid, &mine, &n, &my_permits, &self.policies));
        }
        Ok(out)
    }
}

/// The answer of a task; a task that panicked or was cancelled is an internal error.
async fn joined<T>(
    task: tokio::task::JoinHandle<Result<T, ServiceError>>,
) -> Result<T, ServiceError> {
    task.await
        .map_err(|e| ServiceError::Internal(format!("a background task failed: {e}")))?
}
