//! Write transactions: beginning one that takes the write lock, and appending an audit entry
//! inside it under the audit chain head's lock.

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
