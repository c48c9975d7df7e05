//! A batch of border events written in one transaction with its enforcement outcomes, statistics roll-up, marks and audit entry (COPY on PostgreSQL).

use super::*;
use copy::copy_events;

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
