//! Border event ingestion: each row validated on its own, idempotency on the source's event id,
//! linking to a person (person number, document, a confident identity match, or a new person
//! flagged for review), and every person a batch touches marked, in the same transaction as
//! the events, for a rebuild of their stays (`settle_stays`), so the overstay report never
//! rescans events. Batches are prepared (validated, checked for re-sends, looked up) side by
//! side and written one at a time.

mod ingest;
mod link;
mod recompute;
mod settle;
mod state;
mod validate;

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

pub(crate) use state::IngestState;
use validate::*;

/// Most events accepted in one request or call.
pub const MAX_BATCH_EVENTS: usize = 10_000;

/// A traveller without a known document is linked to a registered person only at or above
/// this score, and only when no other candidate comes within [`MATCH_MARGIN`].
pub const IDENTITY_MATCH_MIN: f32 = 0.95;

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

/// A rejected row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[schema(as = RowErrorOut)]
pub struct RowError {
    /// Position in the request, from 1.
    pub row: usize,
    /// The row's event id, if it had one.
    pub event_id: Option<String>,
    /// The field at fault.
    pub field: String,
    /// Stable code.
    pub code: String,
    /// What is wrong.
    pub message: String,
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[schema(as = IngestReportOut)]
pub struct IngestReport {
    /// Rows received.
    pub received: usize,
    /// Events newly recorded.
    pub accepted: u64,
    /// Events already recorded with the same content.
    pub duplicates: u64,
    /// Rows refused, with reasons; the other rows were kept.
    pub rejected: Vec<RowError>,
    /// Travellers registered as new persons (flagged for review).
    pub persons_created: u64,
    /// Events linked by an identity match.
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

impl Services {
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
            if self.ingestion.last_mark.swap(random, Ordering::SeqCst) != random {
                return random;
            }
        }
    }
}
