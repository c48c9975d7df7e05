//! The background task that checkpoints a SQLite write-ahead log.

use sqlx::sqlite::SqlitePool;
use std::time::Duration;

/// How often the background task copies the SQLite write-ahead log into the database.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);

/// Copies committed pages from the write-ahead log into the database file every
/// [`CHECKPOINT_EVERY`] (a passive checkpoint: it waits for no reader or writer), until the
/// pool is closed (`Db::close`; the task holds the pool, so one dropped without closing stays
/// open until the runtime ends). Left to the default, the writer that crosses 1,000 logged pages copies
/// them itself, so a large import paid for a checkpoint (and its fsync) inside every commit,
/// and pages its batches rewrite (the indexes) were copied once per batch.
pub(super) fn checkpoint_in_background(pool: SqlitePool) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    runtime.spawn(async move {
        // A failure is logged once, until a checkpoint succeeds again.
        let mut failing = false;
        loop {
            tokio::time::sleep(CHECKPOINT_EVERY).await;
            if pool.is_closed() {
                break;
            }
            match sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&pool)
                .await
            {
                Ok(_) => failing = false,
                Err(_) if pool.is_closed() => break,
                Err(e) => {
                    if !failing {
                        tracing::warn!(error = %e, "background checkpoint failed");
                    }
                    failing = true;
                }
            }
        }
    });
}
