//! Small border event requests sent at once by one client are merged into one batch, written
//! in one transaction, and each request gets the part of the report about its own rows. A
//! border system that posts events one at a time from many terminals then costs one commit
//! per group instead of one per event, with the same checks as any batch.

use crate::border::{Fate, IngestReport};
use crate::{BatchTurn, BorderEventInput, Ctx, ServiceError, Services};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// Requests of at most this many rows are merged with others.
pub(crate) const MERGE_MAX_ROWS: usize = 100;
/// Most rows of one merged batch.
const MERGE_MAX_TOTAL: usize = 2_000;

type Answer = oneshot::Sender<Result<IngestReport, ServiceError>>;

/// Who sent a request: the client's name and address.
type Sender = (String, Option<String>);

struct Waiting {
    ctx: Ctx,
    rows: Vec<(usize, BorderEventInput)>,
    answer: Answer,
}

/// Requests waiting to be merged, by client, and the turn to write a merged batch.
#[derive(Default)]
pub(crate) struct BorderMerge {
    pending: Mutex<HashMap<Sender, Vec<Waiting>>>,
    turn: Arc<tokio::sync::Mutex<()>>,
}

impl std::fmt::Debug for BorderMerge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BorderMerge").finish_non_exhaustive()
    }
}

/// Requests are merged only with requests of the same client from the same address, so the
/// audit entry of the merged batch names who sent every row of it.
fn key(ctx: &Ctx) -> Sender {
    (ctx.actor_name(), ctx.client_addr.clone())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Services {
    /// Ingests a small request, merged with the small requests its client sends meanwhile.
    pub(crate) async fn ingest_merged(
        &self,
        ctx: &Ctx,
        rows: Vec<(usize, BorderEventInput)>,
    ) -> Result<IngestReport, ServiceError> {
        let k = key(ctx);
        let (answer, mut answered) = oneshot::channel();
        lock(&self.border_merge.pending)
            .entry(k.clone())
            .or_default()
            .push(Waiting {
                ctx: ctx.clone(),
                rows,
                answer,
            });
        let turn = self.border_merge.turn.clone().lock_owned().await;
        match answered.try_recv() {
            Ok(result) => return result,
            Err(oneshot::error::TryRecvError::Closed) => return Err(lost()),
            Err(oneshot::error::TryRecvError::Empty) => {}
        }
        let services = self.clone();
        // Written by a task of its own: a request that stops waiting does not cancel the
        // others' rows.
        let written = tokio::spawn(async move {
            let _turn = turn;
            loop {
                let group = services.take_group(&k);
                if group.is_empty() {
                    break;
                }
                services.write_group(group).await;
            }
        });
        let _ = written.await;
        answered.await.unwrap_or_else(|_| Err(lost()))
    }

    /// The requests of client `k` waiting, up to [`MERGE_MAX_TOTAL`] rows (at least one).
    fn take_group(&self, k: &Sender) -> Vec<Waiting> {
        let mut pending = lock(&self.border_merge.pending);
        let Some(list) = pending.get_mut(k) else {
            return Vec::new();
        };
        let mut rows = 0;
        let mut n = 0;
        while n < list.len() && (n == 0 || rows + list[n].rows.len() <= MERGE_MAX_TOTAL) {
            rows += list[n].rows.len();
            n += 1;
        }
        let group: Vec<Waiting> = list.drain(..n).collect();
        if list.is_empty() {
            pending.remove(k);
        }
        group
    }

    /// Ingests the rows of `group` as one batch and answers each request with its part.
    async fn write_group(&self, group: Vec<Waiting>) {
        let ctx = group[0].ctx.clone();
        let mut merged = Vec::new();
        let mut originals: Vec<Vec<usize>> = Vec::with_capacity(group.len());
        let mut answers = Vec::with_capacity(group.len());
        for w in group {
            let mut rows = Vec::with_capacity(w.rows.len());
            for (row, input) in w.rows {
                rows.push(row);
                merged.push((merged.len() + 1, input));
            }
            originals.push(rows);
            answers.push(w.answer);
        }
        let result = self
            .ingest_border_events_in_turn(&ctx, merged, BatchTurn::default())
            .await;
        match result {
            Ok(report) => {
                for (answer, part) in answers.into_iter().zip(split(report, &originals)) {
                    let _ = answer.send(Ok(part));
                }
            }
            Err(e) => {
                for answer in answers {
                    let _ = answer.send(Err(e.clone()));
                }
            }
        }
    }
}

/// The report of each request of a merged batch, its rows numbered as the request had them.
fn split(report: IngestReport, originals: &[Vec<usize>]) -> Vec<IngestReport> {
    // Merged row n (from 1) belongs to request `owner[n - 1]`, where it was row `orig`.
    let mut owner: Vec<(usize, usize)> = Vec::new();
    for (i, rows) in originals.iter().enumerate() {
        owner.extend(rows.iter().map(|&r| (i, r)));
    }
    let mut parts: Vec<IngestReport> = originals
        .iter()
        .map(|rows| IngestReport {
            received: rows.len(),
            ..Default::default()
        })
        .collect();
    for (row, fate) in report.fates {
        let Some(&(i, orig)) = row.checked_sub(1).and_then(|r| owner.get(r)) else {
            continue;
        };
        let part = &mut parts[i];
        match fate {
            Fate::Duplicate => part.duplicates += 1,
            Fate::Stored => part.accepted += 1,
            Fate::StoredNewPerson => {
                part.accepted += 1;
                part.persons_created += 1;
            }
            Fate::StoredByIdentity => {
                part.accepted += 1;
                part.linked_by_identity += 1;
            }
        }
        part.fates.push((orig, fate));
    }
    for mut e in report.rejected {
        let Some(&(i, orig)) = e.row.checked_sub(1).and_then(|r| owner.get(r)) else {
            continue;
        };
        e.row = orig;
        parts[i].rejected.push(e);
    }
    parts
}

fn lost() -> ServiceError {
    ServiceError::Internal("the task writing merged border events ended without an answer".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RowError;

    #[test]
    fn a_merged_report_is_split_by_request() {
        let report = IngestReport {
            received: 4,
            accepted: 3,
            duplicates: 1,
            rejected: vec![RowError {
                row: 3,
                event_id: Some("E3".into()),
                field: "bcp".into(),
                code: "invalid_bcp".into(),
                message: "bad".into(),
            }],
            persons_created: 1,
            linked_by_identity: 0,
            fates: vec![
                (1, Fate::Stored),
                (2, Fate::StoredNewPerson),
                (4, Fate::Duplicate),
                (5, Fate::Stored),
            ],
        };
        let parts = split(report, &[vec![1, 2], vec![1, 2, 3]]);
        assert_eq!(parts[0].received, 2);
        assert_eq!((parts[0].accepted, parts[0].persons_created), (2, 1));
        assert!(parts[0].rejected.is_empty());
        assert_eq!(parts[1].received, 3);
        assert_eq!((parts[1].accepted, parts[1].duplicates), (1, 1));
        assert_eq!(parts[1].rejected.len(), 1);
        assert_eq!(parts[1].rejected[0].row, 1);
    }
}
