//! Planner statistics and reclaimed space after a bulk load or a mass change.

use crate::{Store, StoreError};

/// The tables whose statistics a bulk load changes most.
const BULK_TABLES: &[&str] = &[
    "persons",
    "person_names",
    "person_nationalities",
    "identity_documents",
    "border_events",
    "stays",
    "stays_pending",
];

impl Store {
    /// Brings the query planner's statistics up to date after a bulk load. Without it,
    /// PostgreSQL plans prepared statements with the row counts it saw before the load (a
    /// look-up by document number scanned all 100,000 documents of a freshly loaded registry
    /// instead of using the index); autovacuum would catch up only later.
    pub async fn refresh_statistics(&self) -> Result<(), StoreError> {
        match &self.db {
            crate::Db::Sqlite(pool) => {
                sqlx::query("PRAGMA optimize").execute(pool).await?;
            }
            crate::Db::Postgres(pool) => {
                let sql = format!("ANALYZE {}", BULK_TABLES.join(", "));
                sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await?;
            }
        }
        Ok(())
    }

    /// Reclaims the space of updated rows and refreshes the planner's statistics of every
    /// table, as autovacuum does in the background on a PostgreSQL left at its defaults
    /// (PostgreSQL: `VACUUM (ANALYZE)` of the store's schema, which also marks pages
    /// all-visible so that counts read indexes alone; SQLite: `ANALYZE`). For benchmarks and
    /// operators after a mass change, and for databases where autovacuum is off.
    pub async fn vacuum_analyze(&self) -> Result<(), StoreError> {
        match &self.db {
            crate::Db::Sqlite(pool) => {
                sqlx::query("ANALYZE").execute(pool).await?;
            }
            crate::Db::Postgres(pool) => {
                let tables: Vec<String> = sqlx::query_scalar(
                    "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() \
                     ORDER BY tablename",
                )
                .fetch_all(pool)
                .await?;
                if !tables.is_empty() {
                    let list: Vec<String> = tables
                        .iter()
                        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
                        .collect();
                    let sql = format!("VACUUM (ANALYZE) {}", list.join(", "));
                    sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::Db;

    #[tokio::test]
    async fn a_bulk_load_leaves_the_planner_statistics_fresh() {
        for db in crate::testing::all().await {
            db.store.refresh_statistics().await.expect("refresh");
            if let Db::Postgres(pool) = &db.store.db {
                // ANALYZE sets the row estimate of a table it has read (-1: never analysed).
                let tuples: f32 = sqlx::query_scalar(
                    "SELECT reltuples FROM pg_class WHERE oid = 'identity_documents'::regclass",
                )
                .fetch_one(pool)
                .await
                .expect("pg_class");
                assert!(tuples >= 0.0, "identity_documents not analysed: {tuples}");
            }
            db.cleanup().await;
        }
    }

    #[tokio::test]
    async fn vacuum_analyze_leaves_every_table_analysed() {
        for db in crate::testing::all().await {
            db.store.vacuum_analyze().await.expect("vacuum");
            match &db.store.db {
                Db::Postgres(pool) => {
                    // A table never vacuumed nor analysed has no row estimate (-1).
                    let never: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM pg_class c \
                         JOIN pg_namespace n ON n.oid = c.relnamespace \
                         WHERE n.nspname = current_schema() AND c.relkind = 'r' \
                         AND c.reltuples < 0",
                    )
                    .fetch_one(pool)
                    .await
                    .expect("pg_class");
                    assert_eq!(never, 0, "tables left without statistics");
                }
                Db::Sqlite(pool) => {
                    let stats: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM sqlite_master \
                         WHERE name = 'sqlite_stat1'",
                    )
                    .fetch_one(pool)
                    .await
                    .expect("sqlite_master");
                    assert_eq!(stats, 1, "ANALYZE left no statistics table");
                }
            }
            db.cleanup().await;
        }
    }
}
