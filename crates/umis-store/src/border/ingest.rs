//! A batch of border events written in one transaction with its enforcement outcomes, statistics roll-up, marks and audit entry (COPY on PostgreSQL).

use super::*;

/// One CSV field for COPY: `None` is NULL (unquoted, empty), text is quoted.
pub(super) fn csv_field(out: &mut String, v: Option<&str>) {
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
pub(super) async fn copy_events(
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
pub(super) fn rollup_of(
    events: &[BorderEvent],
) -> std::collections::BTreeMap<crate::stats::RollupKey, i64> {
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

impl Store {
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
}
