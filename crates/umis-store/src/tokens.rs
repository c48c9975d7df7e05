//! Partner agency API tokens: only a SHA-256 of each token is stored.

use crate::{Store, StoreError, audited, on_pool};
use umis_domain::NewAuditEntry;

/// A token to store.
#[derive(Debug, Clone)]
pub struct NewApiToken {
    /// The agency client's name.
    pub client_name: String,
    /// Granted scopes, comma-separated.
    pub scopes: String,
    /// SHA-256 (hex) of the token.
    pub token_hash: String,
    /// The first characters of the token, to recognise it in listings.
    pub token_prefix: String,
    /// Who issued it.
    pub created_by: String,
    /// Issued (Unix µs).
    pub created_at: i64,
    /// Expiry (Unix µs), if any.
    pub expires_at: Option<i64>,
    /// The partner body the client speaks for (`security`, `labour`…): it sees and answers
    /// the interagency checks addressed to that body only.
    pub agency: Option<String>,
}

/// A stored token.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiToken {
    /// Internal id.
    pub id: i64,
    /// The agency client's name.
    pub client_name: String,
    /// Granted scopes, comma-separated.
    pub scopes: String,
    /// The first characters of the token.
    pub token_prefix: String,
    /// Who issued it.
    pub created_by: String,
    /// Issued (Unix µs).
    pub created_at: i64,
    /// Expiry (Unix µs), if any.
    pub expires_at: Option<i64>,
    /// Revoked (Unix µs), if so.
    pub revoked_at: Option<i64>,
    /// Last use (Unix µs).
    pub last_used_at: Option<i64>,
    /// The partner body the client speaks for.
    pub agency: Option<String>,
}

const TOKEN_COLUMNS: &str = "id, client_name, scopes, token_prefix, created_by, created_at, \
    expires_at, revoked_at, last_used_at, agency";

impl Store {
    /// Stores a new token with its audit entry.
    pub async fn create_api_token(
        &self,
        new: &NewApiToken,
        audit: NewAuditEntry,
    ) -> Result<i64, StoreError> {
        Ok(audited!(&self.db, tx => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO api_tokens (client_name, scopes, token_hash, token_prefix, created_by, \
                 created_at, expires_at, agency) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(&new.client_name)
            .bind(&new.scopes)
            .bind(&new.token_hash)
            .bind(&new.token_prefix)
            .bind(&new.created_by)
            .bind(new.created_at)
            .bind(new.expires_at)
            .bind(&new.agency)
            .fetch_one(&mut *tx)
            .await?;
            id
        }, |id| audit.detail("token_id", id)))
    }

    /// The token whose hash is `token_hash`, revoked or not.
    pub async fn find_api_token(&self, token_hash: &str) -> Result<Option<ApiToken>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1"
        ));
        Ok(on_pool!(&self.db, pool =>
            sqlx::query_as(sql).bind(token_hash).fetch_optional(pool).await?))
    }

    /// Every token, newest first.
    pub async fn list_api_tokens(&self) -> Result<Vec<ApiToken>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens ORDER BY created_at DESC, id DESC"
        ));
        Ok(on_pool!(&self.db, pool => sqlx::query_as(sql).fetch_all(pool).await?))
    }

    /// Revokes every live token of a client; returns how many were revoked.
    pub async fn revoke_api_tokens(
        &self,
        client_name: &str,
        at: i64,
        audit: NewAuditEntry,
    ) -> Result<u64, StoreError> {
        Ok(audited!(&self.db, tx => {
            let n = sqlx::query(
                "UPDATE api_tokens SET revoked_at = $1 WHERE client_name = $2 AND revoked_at IS NULL",
            )
            .bind(at)
            .bind(client_name)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                // Nothing changed: leave no "revoked" entry behind.
                tx.rollback().await?;
                return Ok(0);
            }
            n
        }, |n| audit.detail("revoked", n)))
    }

    /// Notes a token's use (at most once a minute per token, to spare the database).
    pub async fn touch_api_token(&self, id: i64, at: i64) -> Result<(), StoreError> {
        on_pool!(&self.db, pool => {
            sqlx::query(
                "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 \
                 AND (last_used_at IS NULL OR last_used_at < $1 - 60000000)",
            )
            .bind(at)
            .bind(id)
            .execute(pool)
            .await?;
        });
        Ok(())
    }
}
