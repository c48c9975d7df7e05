//! Partner agency API tokens: issued with scopes and optional expiry, shown once, revocable.

use crate::secret::{random_hex, token_hash};
use crate::{Ctx, ServiceError, Services};
use std::fmt;
use umis_domain::{AuditOutcome, Permission, ScopeSet, validate};
use umis_store::{ApiToken, NewApiToken};

mod touches;

pub(crate) use touches::TokenTouches;

/// A freshly issued token: the only time the plaintext exists outside the client.
pub struct IssuedToken {
    /// Token id.
    pub id: i64,
    /// The bearer token.
    pub token: String,
    /// Granted scopes.
    pub scopes: ScopeSet,
    /// Expiry (Unix µs), if any.
    pub expires_at: Option<i64>,
}

impl fmt::Debug for IssuedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuedToken")
            .field("id", &self.id)
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

/// Prefix of every UMIS API token, so secret scanners can recognise leaked ones.
pub const TOKEN_PREFIX: &str = "umis_";

impl Services {
    /// Issues a token for `client` with `scopes` (comma-separated) valid for `expires_days`.
    pub async fn issue_token(
        &self,
        ctx: &Ctx,
        client: &str,
        scopes: &str,
        expires_days: Option<i64>,
    ) -> Result<IssuedToken, ServiceError> {
        self.issue_agency_token(ctx, client, scopes, expires_days, None)
            .await
    }

    /// Issues a token as [`Services::issue_token`] for a client speaking for partner body
    /// `agency` (one of [`umis_domain::cases::AGENCIES`]): it sees and answers the checks
    /// addressed to that body.
    pub async fn issue_agency_token(
        &self,
        ctx: &Ctx,
        client: &str,
        scopes: &str,
        expires_days: Option<i64>,
        agency: Option<&str>,
    ) -> Result<IssuedToken, ServiceError> {
        if let Some(a) = agency
            && !umis_domain::cases::AGENCIES.contains(&a)
        {
            return Err(ServiceError::invalid(
                "agency",
                "unknown_agency",
                format!(
                    "unknown agency '{a}' (known: {})",
                    umis_domain::cases::AGENCIES.join(", ")
                ),
            ));
        }
        self.authorize(ctx, Permission::ManageApiClients, "token.create")
            .await?;
        validate::client_name(client)
            .map_err(|e| ServiceError::invalid("client", "invalid_client", e.to_string()))?;
        let scopes = ScopeSet::parse(scopes)
            .map_err(|e| ServiceError::invalid("scopes", "unknown_scope", e.to_string()))?;
        if let Some(d) = expires_days
            && !(1..=3650).contains(&d)
        {
            return Err(ServiceError::invalid(
                "expires_days",
                "invalid_expiry",
                "expiry must be between 1 and 3650 days",
            ));
        }
        // 256 random bits.
        let token = format!("{TOKEN_PREFIX}{}", random_hex(32)?);
        let now = self.now();
        let expires_at = expires_days.map(|d| now + d * 86_400_000_000);
        let new = NewApiToken {
            client_name: client.to_owned(),
            scopes: scopes.to_string(),
            token_hash: token_hash(&token),
            token_prefix: token.chars().take(TOKEN_PREFIX.len() + 6).collect(),
            created_by: ctx.actor_name(),
            created_at: now,
            expires_at,
            agency: agency.map(str::to_owned),
        };
        let audit = ctx
            .audit(now, "token.create", AuditOutcome::Ok)
            .object("api_client", client)
            .detail("scopes", scopes.to_string());
        let id = self.store.create_api_token(&new, audit).await?;
        Ok(IssuedToken {
            id,
            token,
            scopes,
            expires_at,
        })
    }

    /// Revokes every live token of `client`; they stop working at once.
    pub async fn revoke_tokens(&self, ctx: &Ctx, client: &str) -> Result<u64, ServiceError> {
        self.authorize(ctx, Permission::ManageApiClients, "token.revoke")
            .await?;
        let now = self.now();
        let audit = ctx
            .audit(now, "token.revoke", AuditOutcome::Ok)
            .object("api_client", client);
        let n = self.store.revoke_api_tokens(client, now, audit).await?;
        if n == 0 {
            return Err(ServiceError::NotFound);
        }
        Ok(n)
    }

    /// Every token, newest first (hashes are never shown).
    pub async fn list_tokens(&self, ctx: &Ctx) -> Result<Vec<ApiToken>, ServiceError> {
        self.authorize(ctx, Permission::ManageApiClients, "token.list")
            .await?;
        Ok(self.store.list_api_tokens().await?)
    }
}
