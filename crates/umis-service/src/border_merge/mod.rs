//! Small border event requests sent at once by one client are merged into one batch, written
//! in one transaction, and each request gets the part of the report about its own rows. A
//! border system that posts events one at a time from many terminals then costs one commit
//! per group instead of one per event, with the same checks as any batch.

use crate::border::IngestReport;
use crate::{BatchTurn, BorderEventInput, Ctx, ServiceError, Services};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

mod split;

use split::split;

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
        lock(&self.ingestion.merge.pending)
            .entry(k.clone())
            .or_default()
            .push(Waiting {
                ctx: ctx.clone(),
                rows,
                answer,
            });
        let turn = self.ingestion.merge.turn.clone().lock_owned().await;
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
        let mut pending = lock(&self.ingestion.merge.pending);
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

fn lost() -> ServiceError {
    ServiceError::Internal("the task writing merged border events ended without an answer".into())
}
