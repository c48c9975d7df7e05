//! Officer login with progressive delay and lockout, optional TOTP, server-side sessions, and
//! bearer-token authentication of agency clients.

use crate::error::reason;
use crate::secret::{constant_time_eq, random_hex, token_hash};
use crate::{Actor, ClientActor, Ctx, ServiceError, Services, UserActor};
use argon2::{Argon2, PasswordHash, PasswordVerifier};
use std::fmt;
use umis_domain::{AuditActor, AuditOutcome, NewAuditEntry, ScopeSet, login_delay_secs};
use umis_store::{NewSession, Session, User};

/// Session and login settings.
#[derive(Debug, Clone)]
pub struct SecurityConfig {
    /// A session ends after this many minutes without a request.
    pub session_idle_minutes: i64,
    /// A session ends this many hours after login, whatever happens.
    pub session_absolute_hours: i64,
    /// Issuer name shown in authenticator apps.
    pub totp_issuer: String,
}

impl Default for SecurityConfig {
    fn default() -> Self {
        Self {
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            totp_issuer: "UMIS".into(),
        }
    }
}

/// What an officer submits to log in.
pub struct LoginRequest {
    /// Login name.
    pub username: String,
    /// Password.
    pub password: String,
    /// One-time code, if the account uses a second factor.
    pub totp_code: Option<String>,
    /// Where the request came from.
    pub client_addr: Option<String>,
}

impl fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginRequest")
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

/// A successful login: the session cookie's token (shown once) and the anti-forgery token.
pub struct LoginOk {
    /// The session token for the cookie.
    pub session_token: String,
    /// The anti-forgery token forms must echo.
    pub csrf_token: String,
    /// The officer.
    pub user: UserActor,
}

impl fmt::Debug for LoginOk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginOk")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// A hash of a random password: verifying against it when the username is unknown keeps the
/// response time the same as for a wrong password.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        let pw = random_hex(16).unwrap_or_else(|_| "unguessable-dummy".into());
        hash_password(&pw).unwrap_or_default()
    })
}

/// Hashes a password with argon2id (default parameters, random salt).
pub(crate) fn hash_password(password: &str) -> Result<String, ServiceError> {
    use argon2::PasswordHasher;
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::Internal(format!("password hashing failed: {e}")))
}

pub(crate) fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

impl Services {
    pub(crate) async fn user_actor(&self, user: &User) -> Result<UserActor, ServiceError> {
        let must_enrol_mfa = !user.totp_enabled
            && !user.mfa_exempt
            && self.store.role_mfa_required(user.role).await?;
        Ok(UserActor {
            id: user.id,
            username: user.username.clone(),
            role: user.role,
            office_code: user.office_code.clone(),
            lang: user.lang.as_deref().and_then(|l| l.parse().ok()),
            totp_enabled: user.totp_enabled,
            must_enrol_mfa,
        })
    }

    /// Checks the credentials and opens a session; every attempt is audited.
    pub async fn login(&self, req: LoginRequest) -> Result<LoginOk, ServiceError> {
        let now = self.now();
        let audit = |outcome, reason: &str| {
            NewAuditEntry::new(
                now,
                AuditActor::Anonymous,
                req.username.chars().take(64).collect::<String>(),
                "auth.login",
                outcome,
            )
            .from_addr(req.client_addr.clone())
            .detail("reason", reason)
        };
        let Some(user) = self.store.find_user(&req.username).await? else {
            // A guessed name gets the same delays and lockout as an account: no answer tells
            // whether a name exists.
            if let Some(until) = self.guessed_names.locked_until(&req.username, now) {
                self.store
                    .append_audit(audit(AuditOutcome::Denied, "locked"))
                    .await?;
                return Err(ServiceError::Locked { until });
            }
            let _ = verify_password(&req.password, dummy_hash());
            self.guessed_names.record_failure(&req.username, now);
            self.store
                .append_audit(audit(AuditOutcome::Denied, "unknown user"))
                .await?;
            return Err(ServiceError::Unauthenticated(reason::BAD_CREDENTIALS));
        };
        let denied =
            |reason: &str| audit(AuditOutcome::Denied, reason).object("user", user.id.to_string());
        let lock_until = |failures| login_delay_secs(failures).map(|s| now + s * 1_000_000);
        if let Some(until) = user.locked_until.filter(|&u| u > now) {
            self.store.append_audit(denied("locked")).await?;
            return Err(ServiceError::Locked { until });
        }
        if !verify_password(&req.password, &user.password_hash) {
            let entry = denied("wrong password");
            self.store
                .record_login_failure(user.id, lock_until, entry)
                .await?;
            return Err(ServiceError::Unauthenticated(reason::BAD_CREDENTIALS));
        }
        if user.disabled {
            self.store.append_audit(denied("disabled")).await?;
            return Err(ServiceError::Unauthenticated(reason::ACCOUNT_DISABLED));
        }
        if user.totp_enabled {
            let step = match (&user.totp_secret, &req.totp_code) {
                (Some(secret), Some(code)) => crate::accounts::totp_step(
                    &self.security.totp_issuer,
                    &user.username,
                    secret,
                    code,
                    now,
                ),
                _ => None,
            };
            // A code already used (replayed) counts as a wrong code.
            let ok = match step {
                Some(step) => self.store.claim_totp_step(user.id, step).await?,
                None => false,
            };
            if !ok {
                let entry = denied("wrong or missing one-time code");
                self.store
                    .record_login_failure(user.id, lock_until, entry)
                    .await?;
                return Err(ServiceError::SecondFactor);
            }
        }
        let session_token = random_hex(32)?;
        let csrf_token = random_hex(32)?;
        let session = NewSession {
            token_hash: token_hash(&session_token),
            user_id: user.id,
            csrf_token: csrf_token.clone(),
            created_at: now,
            expires_at: now + self.security.session_absolute_hours * 3_600_000_000,
            client_addr: req.client_addr.clone(),
        };
        let entry = audit(AuditOutcome::Ok, "password")
            .object("user", user.id.to_string())
            .detail("second_factor", user.totp_enabled);
        let mut entry = entry;
        entry.actor_kind = AuditActor::User;
        self.store.record_login_success(&session, entry).await?;
        Ok(LoginOk {
            session_token,
            csrf_token,
            user: self.user_actor(&user).await?,
        })
    }

    /// The officer behind a session cookie token, with the session's anti-forgery token; `None`
    /// when the session is unknown, expired, idle too long, or the account is disabled.
    pub async fn session(&self, token: &str) -> Result<Option<(UserActor, String)>, ServiceError> {
        let hash = token_hash(token);
        let Some(session) = self.store.find_session(&hash).await? else {
            return Ok(None);
        };
        let now = self.now();
        if !self.session_alive(&session, now) {
            self.store.delete_session(&hash).await?;
            return Ok(None);
        }
        // Write the activity time at most once a minute.
        if now - session.last_seen_at > 60_000_000 {
            self.store.touch_session(&hash, now).await?;
        }
        let actor = self.user_actor(&session.user).await?;
        Ok(Some((actor, session.csrf_token)))
    }

    fn session_alive(&self, s: &Session, now: i64) -> bool {
        !s.user.disabled
            && now < s.expires_at
            && now - s.last_seen_at < self.security.session_idle_minutes * 60_000_000
    }

    /// Ends the session behind `token` (audited).
    pub async fn logout(&self, ctx: &Ctx, token: &str) -> Result<(), ServiceError> {
        self.store.delete_session(&token_hash(token)).await?;
        let entry = ctx.audit(self.now(), "auth.logout", AuditOutcome::Ok);
        self.store.append_audit(entry).await?;
        Ok(())
    }

    /// Authenticates an agency client by bearer token; failures are audited as security events.
    pub async fn authenticate_bearer(
        &self,
        token: &str,
        client_addr: Option<String>,
    ) -> Result<Ctx, ServiceError> {
        let now = self.now();
        let anon = Ctx::new(Actor::Anonymous, client_addr.clone());
        let found = if token.len() > 512 {
            None
        } else {
            self.store.find_api_token(&token_hash(token)).await?
        };
        let Some(t) = found else {
            self.audit_security(&anon, "auth.token", "unknown token")
                .await?;
            return Err(ServiceError::Unauthenticated(reason::INVALID_TOKEN));
        };
        let client_ctx = |scopes| {
            Ctx::new(
                Actor::Client(ClientActor {
                    token_id: t.id,
                    client_name: t.client_name.clone(),
                    scopes,
                    agency: t.agency.clone(),
                }),
                client_addr.clone(),
            )
        };
        if t.revoked_at.is_some() {
            self.audit_security(
                &client_ctx(ScopeSet::default()),
                "auth.token",
                "revoked token",
            )
            .await?;
            return Err(ServiceError::Unauthenticated(reason::TOKEN_REVOKED));
        }
        if t.expires_at.is_some_and(|e| e <= now) {
            self.audit_security(
                &client_ctx(ScopeSet::default()),
                "auth.token",
                "expired token",
            )
            .await?;
            return Err(ServiceError::Unauthenticated(reason::TOKEN_EXPIRED));
        }
        let scopes = ScopeSet::parse(&t.scopes)
            .map_err(|e| ServiceError::Internal(format!("stored scopes of token {}: {e}", t.id)))?;
        // The last use is kept to the minute: written at most once a minute per token, so a
        // busy client's reads take no write lock for it.
        if self.token_touches.due(t.id, now) {
            self.store.touch_api_token(t.id, now).await?;
        }
        Ok(client_ctx(scopes))
    }

    /// Whether `submitted` is the anti-forgery token `expected`.
    pub fn csrf_ok(expected: &str, submitted: &str) -> bool {
        !expected.is_empty() && constant_time_eq(expected, submitted)
    }
}
