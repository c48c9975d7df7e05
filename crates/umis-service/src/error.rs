//! The service layer's error type: one variant per kind of answer a caller must give.

use umis_store::StoreError;

/// The reasons [`ServiceError::Unauthenticated`] carries; callers match on these constants, not
/// on wording.
pub mod reason {
    /// Unknown user or wrong password (deliberately not told apart).
    pub const BAD_CREDENTIALS: &str = "invalid username or password";
    /// The account is disabled.
    pub const ACCOUNT_DISABLED: &str = "account disabled";
    /// No officer is logged in.
    pub const LOGIN_REQUIRED: &str = "login required";
    /// The bearer token is unknown or malformed.
    pub const INVALID_TOKEN: &str = "invalid bearer token";
    /// The bearer token was revoked.
    pub const TOKEN_REVOKED: &str = "token revoked";
    /// The bearer token expired.
    pub const TOKEN_EXPIRED: &str = "token expired";
}

/// What a use case can refuse or fail with.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ServiceError {
    /// The input is invalid; `field` names the offending field.
    #[error("{field}: {message}")]
    Validation {
        /// The field at fault.
        field: &'static str,
        /// What is wrong, in English (the UI translates by `field` and `code`).
        message: String,
        /// A stable machine code.
        code: &'static str,
    },
    /// Not logged in, or the credentials are wrong, expired or revoked.
    #[error("authentication required: {0}")]
    Unauthenticated(&'static str),
    /// Too many failed logins: refused until `until` (Unix µs).
    #[error("too many failed logins; try again later")]
    Locked {
        /// When logins are accepted again.
        until: i64,
    },
    /// The password was right but a second factor is needed or was wrong.
    #[error("a valid one-time code is required")]
    SecondFactor,
    /// The actor may not do this.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// An agency client's token lacks the scope this needs.
    #[error("forbidden: token lacks scope '{0}'")]
    MissingScope(umis_domain::Scope),
    /// The thing does not exist.
    #[error("not found")]
    NotFound,
    /// The thing exists already, or the write conflicts with stored data.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The write is refused because of the thing's current state (an action not possible
    /// now, a stale version); `code` says which.
    #[error("{message}")]
    Refused {
        /// A stable machine code (`illegal_transition`, `stale_version`…).
        code: &'static str,
        /// What is wrong.
        message: String,
    },
    /// The input is larger than this use case accepts; `code` says which limit.
    #[error("{message}")]
    TooLarge {
        /// A stable machine code (`series_too_long`…).
        code: &'static str,
        /// What is too large.
        message: String,
    },
    /// The caller already runs as much of this work as it may at once.
    #[error("too many requests of this kind at once; retry in {retry_after_secs} s")]
    Busy {
        /// When to try again, in seconds.
        retry_after_secs: u64,
    },
    /// The work could not be finished now (out of its time budget); `code` says why.
    #[error("{message}")]
    Unavailable {
        /// A stable machine code (`out_of_time`…).
        code: &'static str,
        /// What happened.
        message: String,
    },
    /// The capability is not available yet.
    #[error("not implemented: {0}")]
    NotImplemented(&'static str),
    /// An internal failure; the cause is logged, never shown.
    #[error("internal error")]
    Internal(String),
}

impl ServiceError {
    /// A validation error on `field`.
    pub fn invalid(field: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        ServiceError::Validation {
            field,
            message: message.into(),
            code,
        }
    }
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ServiceError::NotFound,
            StoreError::Conflict(m) if m == umis_store::STALE => ServiceError::Refused {
                code: "stale_version",
                message: m,
            },
            StoreError::Conflict(m) => ServiceError::Conflict(m),
            other => {
                tracing::error!(error = %other, "store failure");
                ServiceError::Internal(other.to_string())
            }
        }
    }
}
