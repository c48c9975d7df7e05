//! Stays rebuilt from stored events for the persons ingestion marked: in chunks, in the background or before a reader reads.

use super::*;

/// Persons whose stays are rebuilt per transaction.
pub(super) const SETTLE_CHUNK: i64 = 2_000;

/// The answer of a task; a task that panicked or was cancelled is an internal error.
pub(super) async fn joined<T>(
    task: tokio::task::JoinHandle<Result<T, ServiceError>>,
) -> Result<T, ServiceError> {
    task.await
        .map_err(|e| ServiceError::Internal(format!("a background task failed: {e}")))?
}

impl Services {
    /// Rebuilds and stores the stays of `persons` from their stored events (after a merge, an
    /// undone merge or a new permit). They are marked first, like persons of an ingested batch,
    /// so that a rebuild already under way, which read the old permits or records, cannot
    /// store its result over this one.
    pub(crate) async fn refresh_stays(&self, persons: &[i64]) -> Result<(), ServiceError> {
        self.store.mark_stays(persons, self.next_mark()).await?;
        self.settle_stays_of(persons).await
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
        let _guard = self.ingestion.settle_lock.lock().await;
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
    pub(super) async fn settle_batch(
        &self,
        mut pending: Vec<(i64, i64)>,
    ) -> Result<u64, ServiceError> {
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
        let _guard = self.ingestion.settle_lock.lock().await;
        self.settle_batch(pending).await?;
        Ok(())
    }

    /// [`Services::settle_stays`] on a task of its own, logging a failure (the marks stay, so
    /// the next run or the next reader settles them).
    pub(crate) fn settle_stays_in_background(&self) {
        use std::sync::atomic::Ordering;
        // One rebuild waiting is enough: it reads the marks only once it has the turn, so it
        // settles those of every batch written before then. Batches that arrive meanwhile
        // share it instead of each queueing a rebuild of its own.
        if self.ingestion.settle_queued.swap(true, Ordering::AcqRel) {
            return;
        }
        let services = self.clone();
        tokio::spawn(async move {
            let guard = services.ingestion.settle_lock.clone().lock_owned().await;
            // From here on, marks written later need a rebuild after this one.
            services
                .ingestion
                .settle_queued
                .store(false, Ordering::Release);
            drop(guard);
            if let Err(e) = services.settle_stays().await {
                tracing::warn!(error = %e, "rebuilding stays after ingestion failed");
            }
        });
    }
}
