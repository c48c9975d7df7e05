//! A benchmark database: a fresh SQLite file or PostgreSQL schema, dropped afterwards unless kept.

use anyhow::Context;

/// A benchmark database: a fresh SQLite file, or a fresh PostgreSQL schema.
pub(crate) struct BenchDb {
    pub(crate) backend: &'static str,
    pub(super) url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(std::path::PathBuf),
    Schema(String, String),
    /// A database the benchmark did not create, or one it was told to keep.
    Keep,
}

impl BenchDb {
    pub(crate) fn sqlite() -> anyhow::Result<BenchDb> {
        let dir = std::env::temp_dir().join(crate::search::schema_name()?.replace('_', "-"));
        std::fs::create_dir_all(&dir).context("creating a temporary directory")?;
        Ok(BenchDb {
            backend: "sqlite",
            url: format!("sqlite://{}", dir.join("bench.db").display()),
            cleanup: Cleanup::Dir(dir),
        })
    }

    pub(crate) async fn postgres(url: &str) -> anyhow::Result<BenchDb> {
        let schema = crate::search::schema_name()?;
        let admin = sqlx::PgPool::connect(url)
            .await
            .context("connecting to PostgreSQL")?;
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
            .execute(&admin)
            .await
            .context("creating the benchmark schema")?;
        admin.close().await;
        let sep = if url.contains('?') { '&' } else { '?' };
        Ok(BenchDb {
            backend: "postgres",
            url: format!("{url}{sep}options=-c%20search_path%3D{schema}"),
            cleanup: Cleanup::Schema(url.to_owned(), schema),
        })
    }

    /// A database an earlier run kept (`--keep`), measured as it is and never dropped.
    pub(crate) fn existing(url: &str) -> BenchDb {
        BenchDb {
            backend: if url.starts_with("sqlite:") {
                "sqlite"
            } else {
                "postgres"
            },
            url: url.to_owned(),
            cleanup: Cleanup::Keep,
        }
    }

    /// Leaves the database in place when dropped.
    pub(crate) fn keep(&mut self) {
        self.cleanup = Cleanup::Keep;
    }

    /// The database URL (with the schema for PostgreSQL).
    pub(crate) fn location(&self) -> &str {
        &self.url
    }

    pub(crate) async fn drop(self) {
        match self.cleanup {
            Cleanup::Dir(d) => {
                let _ = std::fs::remove_dir_all(d);
            }
            Cleanup::Schema(url, schema) => {
                if let Ok(admin) = sqlx::PgPool::connect(&url).await {
                    let _ =
                        sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
                            .execute(&admin)
                            .await;
                    admin.close().await;
                }
            }
            Cleanup::Keep => {}
        }
    }
}
