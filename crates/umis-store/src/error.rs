//! The store's error type.

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// A uniqueness or reference constraint refused the write.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The database URL names no supported backend.
    #[error("unsupported database URL scheme in '{0}': use sqlite:// or postgres://")]
    UnsupportedUrl(String),
    /// A stored value could not be understood (e.g. an unknown role name).
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    /// A migration failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Any other database error.
    #[error("database error: {0}")]
    Other(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db)
                if db.is_unique_violation() || db.is_foreign_key_violation() =>
            {
                StoreError::Conflict(db.message().to_owned())
            }
            _ => StoreError::Other(e),
        }
    }
}
