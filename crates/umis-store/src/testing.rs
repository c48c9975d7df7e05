//! Test support: a fresh database on every backend the machine offers.
//!
//! In-memory SQLite always; PostgreSQL at `UMIS_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`) in a fresh schema per call. When PostgreSQL is
//! unreachable the PostgreSQL half is skipped with a loud message, unless
//! `UMIS_REQUIRE_POSTGRES=1`, where that is a failure.

use crate::{Db, Store};
use std::sync::atomic::{AtomicU64, Ordering};

/// The default PostgreSQL URL for tests.
pub const DEFAULT_TEST_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A migrated, empty store on a test backend.
#[derive(Debug)]
pub struct TestDb {
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
    /// The store.
    pub store: Store,
    schema: Option<String>,
    url: Option<String>,
}

impl TestDb {
    /// Drops the PostgreSQL schema (call at the end of a passing test; a failing test leaves
    /// its schema behind for inspection).
    pub async fn cleanup(self) {
        self.store.db().close().await;
        // A fresh connection: the test may have closed the pool on purpose.
        if let (Some(schema), Some(url)) = (&self.schema, &self.url)
            && let Ok(Db::Postgres(pool)) = Db::connect(url).await
        {
            let sql = sqlx::AssertSqlSafe(format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
            let _ = sqlx::query(sql).execute(&pool).await;
            pool.close().await;
        }
    }
}

fn require_postgres() -> bool {
    std::env::var("UMIS_REQUIRE_POSTGRES").is_ok_and(|v| v == "1")
}

/// A fresh in-memory SQLite store, migrated.
pub async fn sqlite() -> TestDb {
    let db = Db::connect("sqlite::memory:")
        .await
        .unwrap_or_else(|e| panic!("in-memory SQLite: {e}"));
    db.migrate()
        .await
        .unwrap_or_else(|e| panic!("migrate SQLite: {e}"));
    TestDb {
        backend: "sqlite",
        store: Store::new(db),
        schema: None,
        url: None,
    }
}

/// A fresh PostgreSQL store in its own schema, migrated; `None` (with a loud message) when
/// PostgreSQL is unreachable and not required.
pub async fn postgres() -> Option<TestDb> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let url = std::env::var("UMIS_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| DEFAULT_TEST_POSTGRES_URL.to_owned());
    let mut rnd = [0u8; 4];
    let _ = getrandom::fill(&mut rnd);
    let schema = format!(
        "umis_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        hex::encode(rnd)
    );
    match Db::connect_postgres_schema(&url, &schema).await {
        Ok(db) => {
            db.migrate()
                .await
                .unwrap_or_else(|e| panic!("migrate PostgreSQL schema {schema}: {e}"));
            Some(TestDb {
                backend: "postgres",
                store: Store::new(db),
                schema: Some(schema),
                url: Some(url),
            })
        }
        Err(e) if require_postgres() => {
            panic!("UMIS_REQUIRE_POSTGRES=1 but PostgreSQL at {url} is unreachable: {e}")
        }
        Err(e) => {
            eprintln!(
                "\n!!!!!!!! PostgreSQL at {url} unreachable ({e}): PostgreSQL tests SKIPPED !!!!!!!!\n"
            );
            None
        }
    }
}

/// One fresh store per available backend: SQLite first, then PostgreSQL when reachable.
pub async fn all() -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    dbs.extend(postgres().await);
    dbs
}
