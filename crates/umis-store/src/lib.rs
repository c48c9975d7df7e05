//! UMIS persistence: one [`Store`] over SQLite (the zero-configuration default) and PostgreSQL
//! (production), with embedded migrations for both and a shared error type.
//!
//! SQL is written once where the dialects agree (`$1` placeholders work on both drivers); the
//! [`on_pool!`] macro expands a body once per typed pool so every query is compiled for both.

mod applications;
mod audit;
mod audit_group;
mod border;
mod bulk;
mod checkpoints;
mod connect;
mod duplicates;
mod enforcement;
mod error;
mod inspections;
mod persons;
mod registrations;
mod sessions;
mod settings;
mod sql;
mod stats;
mod system_alerts;
mod tokens;
mod tx;
mod users;
mod watch;

#[cfg(feature = "testing")]
pub mod testing;

pub use applications::{
    ApplicationRow, AttachmentMeta, CaseChange, CaseEvent, CaseFilter, CheckRow, PermitEvent,
    PermitRecord, PolicyRuleRow, STALE,
};
pub use audit::{AuditFilter, AuditHead};
pub use border::{BatchOutcomes, BorderEvent, OverstayRow, StayRow};
pub use checkpoints::{AuditCheckpoint, NewAuditCheckpoint};
pub use connect::{Db, redact_url};
pub use duplicates::{DuplicateCandidate, MergeRecord, PairDecision, ordered_pair};
pub use enforcement::{BanRow, ControlAlert, ExpulsionOrder, Fulfilment};
pub use error::StoreError;
pub use inspections::{Finding, Inspection};
pub use persons::{
    Document, HistoryEntry, NewDocument, NewPersonRow, Person, PersonName, PersonUpdate,
};
pub use registrations::{OverdueRegistrationRow, StayRegistration};
pub use sessions::{NewSession, Session};
pub use stats::{
    DecidedApplication, DecidedByType, FindingCounts, FlowCell, FlowDim, FlowFilter, PermitSpan,
    StockDim,
};
pub use system_alerts::SystemAlert;
pub use tokens::{ApiToken, NewApiToken};
pub use users::{NewUser, Office, User};
pub use watch::{NewWatchEntry, WatchEntry};

pub(crate) use sql::{IN_CHUNK, placeholders, select_in};
pub(crate) use tx::{BeginWrite, append_audit_tx, audited, lock_head_sql};

/// Runs `$body` with `$pool` bound to the typed pool of whichever backend `$db` is.
#[macro_export]
macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite($pool) => $body,
            $crate::Db::Postgres($pool) => $body,
        }
    };
}

/// The UMIS store: all persistence goes through it.
#[derive(Debug, Clone)]
pub struct Store {
    db: Db,
    /// Audit entries of concurrent requests, written together.
    audit_group: std::sync::Arc<audit_group::AuditGroup>,
    /// On SQLite, rebuilt stays are written one chunk at a time in the process: waiting here
    /// wakes at once, where SQLite's busy handler sleeps.
    stays_write_turn: std::sync::Arc<tokio::sync::Mutex<()>>,
}

impl Store {
    /// Wraps an open database.
    pub fn new(db: Db) -> Self {
        Self {
            db,
            audit_group: Default::default(),
            stays_write_turn: Default::default(),
        }
    }

    /// The underlying database.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Whether the backend is SQLite (bind placeholders differ for very long statements).
    pub(crate) fn is_sqlite(&self) -> bool {
        matches!(self.db, Db::Sqlite(_))
    }

    /// Whether the database answers a trivial query.
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_pool!(&self.db, pool => {
            sqlx::query("SELECT 1").execute(pool).await?;
        });
        Ok(())
    }
}
