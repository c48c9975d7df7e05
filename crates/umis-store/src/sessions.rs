//! Server-side login sessions: the cookie carries a random token, the table only its hash.

use crate::users::USER_COLUMNS;
use crate::{Store, StoreError, User, on_pool};

/// A session to open.
#[derive(Clone)]
pub struct NewSession {
    /// SHA-256 (hex) of the cookie token.
    pub token_hash: String,
    /// The account.
    pub user_id: i64,
    /// The anti-forgery token forms must echo.
    pub csrf_token: String,
    /// Opened (Unix µs).
    pub created_at: i64,
    /// Absolute expiry (Unix µs).
    pub expires_at: i64,
    /// Where the login came from.
    pub client_addr: Option<String>,
}

impl std::fmt::Debug for NewSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewSession")
            .field("user_id", &self.user_id)
            .finish_non_exhaustive()
    }
}

/// A stored session with its account.
#[derive(Debug, Clone)]
pub struct Session {
    /// SHA-256 of the cookie token.
    pub token_hash: String,
    /// The anti-forgery token.
    pub csrf_token: String,
    /// Opened (Unix µs).
    pub created_at: i64,
    /// Last request (Unix µs).
    pub last_seen_at: i64,
    /// Absolute expiry (Unix µs).
    pub expires_at: i64,
    /// The account, as it is now.
    pub user: User,
}

macro_rules! insert_session {
    ($tx:expr, $s:expr) => {{
        let s: &$crate::NewSession = $s;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, \
             expires_at, client_addr) VALUES ($1, $2, $3, $4, $4, $5, $6)",
        )
        .bind(&s.token_hash)
        .bind(s.user_id)
        .bind(&s.csrf_token)
        .bind(s.created_at)
        .bind(s.expires_at)
        .bind(&s.client_addr)
        .execute(&mut *$tx)
        .await?;
    }};
}
pub(crate) use insert_session;

#[derive(sqlx::FromRow)]
struct SessionRow {
    s_token_hash: String,
    s_csrf_token: String,
    s_created_at: i64,
    s_last_seen_at: i64,
    s_expires_at: i64,
}

impl Store {
    /// The session whose token hashes to `token_hash`, with its account, if it exists.
    pub async fn find_session(&self, token_hash: &str) -> Result<Option<Session>, StoreError> {
        let user_cols: Vec<String> = USER_COLUMNS
            .split(',')
            .map(|c| format!("u.{}", c.trim()))
            .collect();
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT s.token_hash AS s_token_hash, s.csrf_token AS s_csrf_token, \
             s.created_at AS s_created_at, s.last_seen_at AS s_last_seen_at, \
             s.expires_at AS s_expires_at, {} FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1",
            user_cols.join(", ")
        ));
        let row = on_pool!(&self.db, pool => {
            use sqlx::FromRow;
            match sqlx::query(sql).bind(token_hash).fetch_optional(pool).await? {
                None => None,
                Some(row) => Some((
                    SessionRow::from_row(&row)?,
                    crate::users::UserRow::from_row(&row)?,
                )),
            }
        });
        let Some((s, u)) = row else { return Ok(None) };
        Ok(Some(Session {
            token_hash: s.s_token_hash,
            csrf_token: s.s_csrf_token,
            created_at: s.s_created_at,
            last_seen_at: s.s_last_seen_at,
            expires_at: s.s_expires_at,
            user: u.try_into()?,
        }))
    }

    /// Notes activity on a session.
    pub async fn touch_session(&self, token_hash: &str, at: i64) -> Result<(), StoreError> {
        on_pool!(&self.db, pool => {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(at)
                .bind(token_hash)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Ends a session (logout or expiry).
    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        on_pool!(&self.db, pool => {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Removes sessions that expired before `now`; returns how many.
    pub async fn purge_expired_sessions(&self, now: i64) -> Result<u64, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
                .bind(now)
                .execute(pool)
                .await?
                .rows_affected()
        }))
    }
}
