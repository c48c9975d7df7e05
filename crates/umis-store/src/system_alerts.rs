//! Alerts the system raises for administrators (a failed audit verification or checkpoint).

use crate::{Store, StoreError, on_pool};

/// A stored system alert.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SystemAlert {
    /// Its number, increasing.
    pub id: i64,
    /// When it was raised (Unix µs).
    pub at: i64,
    /// What happened, e.g. `audit_verification_failed`.
    pub kind: String,
    /// The particulars, for operators (never personal data).
    pub details: String,
}

impl Store {
    /// Records an alert; returns its id.
    pub async fn raise_system_alert(
        &self,
        at: i64,
        kind: &str,
        details: &str,
    ) -> Result<i64, StoreError> {
        let id: i64 = on_pool!(&self.db, pool => sqlx::query_scalar(
            "INSERT INTO system_alerts (at, kind, details) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(at)
        .bind(kind)
        .bind(details)
        .fetch_one(pool)
        .await?);
        Ok(id)
    }

    /// The newest `limit` alerts raised at or after `since` (Unix µs), newest first.
    pub async fn recent_system_alerts(
        &self,
        since: i64,
        limit: i64,
    ) -> Result<Vec<SystemAlert>, StoreError> {
        Ok(on_pool!(&self.db, pool => sqlx::query_as(
            "SELECT id, at, kind, details FROM system_alerts WHERE at >= $1 \
             ORDER BY id DESC LIMIT $2",
        )
        .bind(since)
        .bind(limit)
        .fetch_all(pool)
        .await?))
    }
}
