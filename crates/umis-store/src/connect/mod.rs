//! Opening a database from its URL, and running the embedded migrations.

use crate::StoreError;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use sqlx::{ConnectOptions, Connection};
use std::str::FromStr;
use std::time::Duration;

mod checkpoint;
mod migrations;

use checkpoint::checkpoint_in_background;

/// An open database: the URL scheme picks the backend.
#[derive(Debug, Clone)]
pub enum Db {
    /// Embedded SQLite (WAL, foreign keys, busy timeout).
    Sqlite(SqlitePool),
    /// PostgreSQL, the production database.
    Postgres(PgPool),
}

impl Db {
    /// Opens `url` (`sqlite://path`, `sqlite::memory:`, `postgres://…`), creating a SQLite file
    /// if missing. Does not migrate.
    pub async fn connect(url: &str) -> Result<Db, StoreError> {
        if url.starts_with("sqlite:") {
            let memory = url.contains(":memory:") || url.contains("mode=memory");
            let opts = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // With WAL, NORMAL is durable across application crashes and much faster.
                .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
                .journal_mode(if memory {
                    SqliteJournalMode::Memory
                } else {
                    SqliteJournalMode::Wal
                })
                // A larger page cache and memory-mapped reads: statistics and reports scan
                // millions of stays, which otherwise costs a system call per page.
                .pragma("cache_size", "-65536")
                .pragma("mmap_size", "4294967296")
                .pragma("temp_store", "memory")
                // Checkpoints run in the background (see `checkpoint_in_background`); a writer
                // checkpoints itself only once the log holds this many pages (200 MiB), and
                // the log file is cut back to 64 MiB after it was reset.
                .pragma("wal_autocheckpoint", "51200")
                .pragma("journal_size_limit", "67108864")
                .log_statements(tracing::log::LevelFilter::Trace);
            // Each connection to an in-memory database is its own database: keep exactly one.
            let pool = SqlitePoolOptions::new()
                .max_connections(if memory { 1 } else { 8 })
                .min_connections(if memory { 1 } else { 0 })
                .idle_timeout(if memory {
                    None
                } else {
                    Some(Duration::from_secs(600))
                })
                .max_lifetime(if memory {
                    None
                } else {
                    Some(Duration::from_secs(3600))
                })
                .connect_with(opts)
                .await?;
            if !memory {
                checkpoint_in_background(pool.clone());
            }
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(url)?;
            Ok(Db::Postgres(pg_pool(opts).await?))
        } else {
            Err(StoreError::UnsupportedUrl(redact_url(url)))
        }
    }

    /// Opens PostgreSQL at `url` with every connection's `search_path` set to `schema`, creating
    /// the schema first. Used to give each test its own empty database.
    pub async fn connect_postgres_schema(url: &str, schema: &str) -> Result<Db, StoreError> {
        if !schema
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(StoreError::Corrupt(format!("bad schema name '{schema}'")));
        }
        let opts = PgConnectOptions::from_str(url)?;
        let mut conn = opts.connect().await?;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "CREATE SCHEMA IF NOT EXISTS {schema}"
        )))
        .execute(&mut conn)
        .await?;
        conn.close().await?;
        let opts = opts.options([("search_path", schema)]);
        Ok(Db::Postgres(pg_pool(opts).await?))
    }

    /// `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Closes every connection.
    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

async fn pg_pool(opts: PgConnectOptions) -> Result<PgPool, StoreError> {
    let opts = opts.log_statements(tracing::log::LevelFilter::Trace);
    Ok(PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(opts)
        .await?)
}

/// The URL with any password removed, for error messages and logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            let user = creds.split(':').next().unwrap_or("");
            format!("{}{}:***{}", &url[..s + 3], user, &url[at..])
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests;
