//! The embedded migrations of both backends: applied, and listed by version.

use super::Db;
use crate::StoreError;

/// Version and description of each embedded migration.
pub type MigrationList = Vec<(i64, String)>;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    /// Applies every pending embedded migration.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// The versions of the embedded migrations, for `(sqlite, postgres)`.
    pub fn migration_versions() -> (MigrationList, MigrationList) {
        let list = |m: &sqlx::migrate::Migrator| {
            m.iter()
                .map(|m| (m.version, m.description.to_string()))
                .collect()
        };
        (list(&SQLITE_MIGRATIONS), list(&POSTGRES_MIGRATIONS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_have_the_same_migrations() {
        let (sqlite, postgres) = Db::migration_versions();
        assert!(!sqlite.is_empty());
        assert_eq!(sqlite, postgres);
    }
}
