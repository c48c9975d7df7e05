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
mod stats;
mod system_alerts;
mod tokens;
mod users;
mod watch;

#[cfg(feature = "testing")]
pub mod testing;

pub use applications::{
    ApplicationRow, AttachmentMeta, CaseChange, CaseEvent, CaseFilter, CheckRow, PermitEvent,
    PermitRecord, PolicyRuleRow, STALE,
};
pub use audit::{AuditFilter, AuditHead};
pub use border::{BatchOutcomes, BorderEvent, OverstayRow, PermitRow, StayRow};
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

/// Values per `IN (…)` list.
pub(crate) const IN_CHUNK: usize = 500;

/// `n` bind placeholders numbered from `from`: `$from, …` on PostgreSQL, plain `?` on SQLite
/// (SQLite looks numbered and named parameters up by a linear scan when binding, which makes
/// statements with thousands of them quadratic; anonymous ones bind in order).
pub(crate) fn placeholders(sqlite: bool, from: usize, n: usize) -> String {
    if sqlite {
        return vec!["?"; n].join(", ");
    }
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs a query whose only parameters are one `IN (…)` list over `$values`: `$sql` builds the
/// statement from the list `$list`. On SQLite the list is placeholders, in chunks of
/// [`IN_CHUNK`]; on PostgreSQL it is one array parameter unnested, so any number of values is
/// one statement. Evaluates to every row (of type `$row`).
macro_rules! select_in {
    ($store:expr, $values:expr, $row:ty, |$list:ident| $sql:expr) => {{
        let mut out: Vec<$row> = Vec::new();
        match &$store.db {
            $crate::Db::Sqlite(pool) => {
                for chunk in $values.chunks($crate::IN_CHUNK) {
                    let $list = $crate::placeholders(true, 1, chunk.len());
                    let sql: String = $sql;
                    let mut q = sqlx::query_as::<_, $row>(sqlx::AssertSqlSafe(sql));
                    for v in chunk {
                        q = q.bind(v);
                    }
                    out.extend(q.fetch_all(pool).await?);
                }
            }
            $crate::Db::Postgres(pool) => {
                if !$values.is_empty() {
                    let $list = "SELECT UNNEST($1)".to_owned();
                    let sql: String = $sql;
                    let all: Vec<_> = $values.iter().cloned().collect();
                    out = sqlx::query_as::<_, $row>(sqlx::AssertSqlSafe(sql))
                        .bind(all)
                        .fetch_all(pool)
                        .await?;
                }
            }
        }
        out
    }};
}
pub(crate) use select_in;

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

/// Appends an audit entry inside an open transaction `$tx` (a `&mut Transaction` of either
/// backend). It first takes the chain head's lock (`SELECT … FOR UPDATE` on PostgreSQL, so
/// concurrent appends serialise; on SQLite an update that changes nothing, which takes the
/// write lock: a deferred transaction would otherwise fail to upgrade a read lock when another
/// writer got in between), then inserts the entry, then moves the head onto it, seq and hash in one
/// statement: the database refuses a head that does not land on the newest entry.
/// How a transaction takes the audit chain head's lock and reads it (see [`append_audit_tx`]).
pub(crate) trait LockHead {
    /// The statement: it returns `(seq, hash)`.
    const LOCK_HEAD: &'static str;
}

impl LockHead for sqlx::SqliteConnection {
    // An update that changes nothing takes the write lock at once.
    const LOCK_HEAD: &'static str =
        "UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash";
}

impl LockHead for sqlx::PgConnection {
    // A row lock that writes no new row version: the one row every audited write touches
    // gains one dead version per transaction (the final move of the head), not two.
    const LOCK_HEAD: &'static str = "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE";
}

/// The head-locking statement for the connection `_conn`'s backend.
pub(crate) fn lock_head_sql<C: LockHead + ?Sized>(_conn: &C) -> &'static str {
    C::LOCK_HEAD
}

macro_rules! append_audit_tx {
    ($tx:expr, $entry:expr) => {{
        let entry: umis_domain::NewAuditEntry = $entry;
        let (head_seq, prev_hash): (i64, String) = sqlx::query_as($crate::lock_head_sql(&*$tx))
            .fetch_one(&mut *$tx)
            .await?;
        let seq = head_seq + 1;
        let record = entry.seal(seq, &prev_hash);
        $crate::audit_group::insert_records!($tx, std::slice::from_ref(&record));
        sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
            .bind(record.seq)
            .bind(&record.hash)
            .execute(&mut *$tx)
            .await?;
        record
    }};
}
pub(crate) use append_audit_tx;

/// Runs `$body` in a transaction `$tx` of either backend, then appends the audit entry built by
/// the last argument (which may use the body's result, named by `|$out|`) in the same
/// transaction, and commits: a write and its audit entry land together or not at all.
macro_rules! audited {
    ($db:expr, $tx:ident => $body:block, |$out:ident| $audit:expr) => {
        $crate::on_pool!($db, pool => {
            let mut $tx = $crate::BeginWrite::begin_write(pool).await?;
            let $out = $body;
            $crate::append_audit_tx!($tx, $audit);
            $tx.commit().await?;
            $out
        })
    };
    ($db:expr, $tx:ident => $body:block, $audit:expr) => {
        $crate::audited!($db, $tx => $body, |_done| $audit)
    };
}
pub(crate) use audited;

/// Begins a transaction that will write. On SQLite it is `BEGIN IMMEDIATE`, which takes the
/// write lock at once (waiting up to the busy timeout): a deferred transaction that reads before
/// it writes fails at once with "database is locked" when another writer commits in between,
/// since its snapshot can no longer be upgraded. On PostgreSQL it is an ordinary `BEGIN`.
pub(crate) trait BeginWrite {
    /// The backend.
    type Backend: sqlx::Database;
    /// Begins the transaction.
    fn begin_write(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, Self::Backend>, sqlx::Error>,
    > + Send;
}

impl BeginWrite for sqlx::SqlitePool {
    type Backend = sqlx::Sqlite;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, Self::Backend>, sqlx::Error>,
    > + Send {
        self.begin_with("BEGIN IMMEDIATE")
    }
}

impl BeginWrite for sqlx::PgPool {
    type Backend = sqlx::Postgres;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, Self::Backend>, sqlx::Error>,
    > + Send {
        self.begin()
    }
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
