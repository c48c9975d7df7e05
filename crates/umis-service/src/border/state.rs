//! What ingestion keeps between requests: the turn to write, the slots to prepare batches, the
//! turn and queue of the background stay rebuild, the last settle mark, and the small requests
//! waiting to be merged. Only the border component uses it.

use crate::border_merge::BorderMerge;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64};
use tokio::sync::{Mutex, Semaphore};

/// Ingestion's locks and counters, shared by every clone of the services.
#[derive(Clone)]
pub(crate) struct IngestState {
    /// One batch writes at a time.
    pub(crate) ingest_lock: Arc<Mutex<()>>,
    /// Border event batches being prepared (validated, looked up) at once: two.
    pub(crate) prepare_slots: Arc<Semaphore>,
    /// One stay rebuild at a time.
    pub(crate) settle_lock: Arc<Mutex<()>>,
    /// Whether a background rebuild of stays is waiting for its turn (it will settle every
    /// mark made before it starts, so a second one need not wait as well).
    pub(crate) settle_queued: Arc<AtomicBool>,
    /// The last settle mark this process made.
    pub(crate) last_mark: Arc<AtomicI64>,
    /// Small border event requests waiting to be merged.
    pub(crate) merge: Arc<BorderMerge>,
}

impl Default for IngestState {
    fn default() -> Self {
        Self {
            ingest_lock: Default::default(),
            prepare_slots: Arc::new(Semaphore::new(2)),
            settle_lock: Default::default(),
            settle_queued: Default::default(),
            last_mark: Default::default(),
            merge: Default::default(),
        }
    }
}
