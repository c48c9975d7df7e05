//! Group commit of audit entries: entries appended by concurrent requests are written in one
//! transaction, in the order they arrived, so the chain stays strictly ordered while the
//! database commits once per group instead of once per entry. Every caller gets its answer
//! only after the transaction holding its entry has committed.

use crate::{Store, StoreError, on_pool};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;
use umis_domain::{AuditRecord, NewAuditEntry};

mod insert;

pub(crate) use insert::insert_records;

/// Most entries written in one transaction.
const MAX_GROUP: usize = 1_000;

type Answer = oneshot::Sender<Result<AuditRecord, StoreError>>;

/// Entries waiting for the next group, and the turn to write one.
#[derive(Debug, Default)]
pub(crate) struct AuditGroup {
    pending: Mutex<Vec<(NewAuditEntry, Answer)>>,
    writer: Arc<tokio::sync::Mutex<()>>,
    /// Set only by the load benchmark's baseline (see [`Store::skip_audit_appends`]).
    skip: AtomicBool,
}

impl Store {
    /// Appends one entry to the chain and returns it once it is committed; entries of
    /// concurrent callers share a transaction.
    pub async fn append_audit(&self, entry: NewAuditEntry) -> Result<AuditRecord, StoreError> {
        let group = &self.audit_group;
        if group.skip.load(Ordering::Relaxed) {
            return Ok(entry.seal(0, &"0".repeat(64)));
        }
        let (answer, mut answered) = oneshot::channel();
        lock(&group.pending).push((entry, answer));
        // Whoever holds the turn writes every entry waiting, ours perhaps among them.
        let turn = group.writer.clone().lock_owned().await;
        match answered.try_recv() {
            Ok(result) => return result,
            Err(oneshot::error::TryRecvError::Closed) => return Err(lost()),
            Err(oneshot::error::TryRecvError::Empty) => {}
        }
        let store = self.clone();
        // The group is written by a task of its own: a caller that stops waiting (a request
        // that timed out) neither cancels the others' entries nor frees the turn early.
        let written = tokio::spawn(async move {
            let _turn = turn;
            loop {
                let batch = {
                    let mut pending = lock(&store.audit_group.pending);
                    let n = pending.len().min(MAX_GROUP);
                    pending.drain(..n).collect::<Vec<_>>()
                };
                if batch.is_empty() {
                    break;
                }
                store.write_group(batch).await;
            }
        });
        let _ = written.await;
        answered.await.unwrap_or_else(|_| Err(lost()))
    }

    /// Writes `batch` in one transaction and answers each caller.
    async fn write_group(&self, batch: Vec<(NewAuditEntry, Answer)>) {
        let (entries, answers): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
        let result = self.append_group(entries).await;
        match result {
            Ok(records) => {
                for (answer, record) in answers.into_iter().zip(records) {
                    let _ = answer.send(Ok(record));
                }
            }
            Err(e) => {
                tracing::error!(error = %e, entries = answers.len(), "audit group not written");
                let message = e.to_string();
                for answer in answers {
                    let _ = answer.send(Err(StoreError::Other(sqlx::Error::Protocol(
                        message.clone(),
                    ))));
                }
            }
        }
    }

    /// Appends `entries` in order in one transaction with three statements whatever their
    /// number: the head's row lock, one insert of every sealed entry, the head moved onto the
    /// last one.
    async fn append_group(
        &self,
        entries: Vec<NewAuditEntry>,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        if entries.is_empty() {
            return Ok(Vec::new());
        }
        Ok(on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            let (head_seq, head_hash): (i64, String) =
                sqlx::query_as(crate::lock_head_sql(&*tx))
                    .fetch_one(&mut *tx)
                    .await?;
            let mut records = Vec::with_capacity(entries.len());
            let mut prev = head_hash;
            for (i, entry) in entries.into_iter().enumerate() {
                let record = entry.seal(head_seq + 1 + i as i64, &prev);
                prev.clone_from(&record.hash);
                records.push(record);
            }
            insert_records!(tx, &records);
            let last = records.last().map(|r| (r.seq, r.hash.clone()));
            if let Some((seq, hash)) = last {
                sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
                    .bind(seq)
                    .bind(hash)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            records
        }))
    }

    /// Whether the load benchmark's baseline is running (audit writes skipped).
    pub(crate) fn skipping_audit(&self) -> bool {
        self.audit_group.skip.load(Ordering::Relaxed)
    }

    /// For the load benchmark's baseline only (`umis bench load`): when `skip` is set, entries
    /// appended on their own, and those of border event batches, are not written at all.
    /// Nothing else may call this.
    pub fn skip_audit_appends(&self, skip: bool) {
        self.audit_group.skip.store(skip, Ordering::Relaxed);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn lost() -> StoreError {
    StoreError::Other(sqlx::Error::Protocol(
        "the task writing the audit group ended without an answer".into(),
    ))
}
