//! Ingestion of border events: batches prepared side by side, written in turn, idempotent by event id, with their enforcement outcomes and audit.

use super::*;

/// Events written per transaction (a whole request: fewer, larger commits).
pub(super) const CHUNK: usize = MAX_BATCH_EVENTS;

impl Services {
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
    pub(super) async fn ingest_chunk(
        &self,
        ctx: &Ctx,
        rows: &[(usize, BorderEventInput)],
        turn: &mut BatchTurn,
        carried: &mut HashMap<String, &'static str>,
    ) -> Result<Option<IngestReport>, ServiceError> {
        let started = std::time::Instant::now();
        // At most two batches are prepared at once, however many requests arrive.
        let slot = self
            .ingestion
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
        let _guard = self.ingestion.ingest_lock.lock().await;
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
                validate_us = checked.as_micros() as u64,
                lookup_us = (prefetched - checked).as_micros() as u64,
                link_us = (linked - locked).as_micros() as u64,
                lock_wait_us = (locked - prefetched).as_micros() as u64,
                enforcement_us = (enforced - linked).as_micros() as u64,
                write_us = (started.elapsed() - enforced).as_micros() as u64,
                "border events batch"
            );
        }
        report.rejected.sort_by_key(|e| e.row);
        Ok(Some(report))
    }
}
