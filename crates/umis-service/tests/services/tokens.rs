//! Agency API tokens: issuing, authenticating with scopes, and refusing revoked, expired and
//! forged tokens with an audit entry.

use crate::common::{ADDR, Env, T0, audit_len, cli, each_backend, invalid, last_audit};
use anyhow::Context as _;
use umis_domain::{AuditActor, AuditOutcome, Permission, Scope};
use umis_service::{Actor, ServiceError};

const DAY_SECS: i64 = 86_400;

#[tokio::test]
async fn tokens_are_issued_once_and_authenticate_with_their_scopes() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        let issued = svc
            .issue_token(&cli(), "sbs-border", "stats:read, persons:read", Some(30))
            .await?;
        let secret = issued.token.strip_prefix("umis_").context("umis_ prefix")?;
        assert_eq!(secret.len(), 64, "{b}: 256 bits");
        assert!(
            secret
                .bytes()
                .all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')),
            "{b}: hex"
        );
        assert_eq!(issued.scopes.to_string(), "persons:read,stats:read", "{b}");
        assert_eq!(
            issued.expires_at,
            Some(T0 + 30 * DAY_SECS * 1_000_000),
            "{b}"
        );
        let other = svc
            .issue_token(&cli(), "sbs-border", "stats:read", None)
            .await?;
        assert_ne!(other.token, issued.token, "{b}: every token is fresh");

        let ctx = svc
            .authenticate_bearer(&issued.token, Some(ADDR.into()))
            .await?;
        let Actor::Client(client) = &ctx.actor else {
            anyhow::bail!("{b}: not a client: {ctx:?}")
        };
        assert_eq!(
            (client.token_id, client.client_name.as_str()),
            (issued.id, "sbs-border"),
            "{b}"
        );
        assert!(client.scopes.contains(Scope::PersonsRead), "{b}");
        assert!(client.scopes.contains(Scope::StatsRead), "{b}");
        assert!(!client.scopes.contains(Scope::PersonsWrite), "{b}");
        assert_eq!(ctx.client_addr.as_deref(), Some(ADDR), "{b}");
        assert!(
            ctx.may(Permission::ReadStats) && !ctx.may(Permission::Screen),
            "{b}"
        );

        let listed = svc.list_tokens(&cli()).await?;
        let t = listed
            .iter()
            .find(|t| t.id == issued.id)
            .context("listed")?;
        assert_eq!(
            t.token_prefix,
            issued.token[..11],
            "{b}: recognisable, not usable"
        );
        assert_eq!(
            (t.created_by.as_str(), t.last_used_at),
            ("cli", Some(T0)),
            "{b}: use noted"
        );

        let cases = [
            (
                "sbs-border",
                "persons:delete",
                None,
                ("scopes", "unknown_scope"),
            ),
            ("sbs-border", "", None, ("scopes", "unknown_scope")),
            (
                "Bad Client",
                "persons:read",
                None,
                ("client", "invalid_client"),
            ),
            (
                "sbs-border",
                "persons:read",
                Some(0),
                ("expires_days", "invalid_expiry"),
            ),
            (
                "sbs-border",
                "persons:read",
                Some(3651),
                ("expires_days", "invalid_expiry"),
            ),
        ];
        for (client, scopes, days, want) in cases {
            let r = svc.issue_token(&cli(), client, scopes, days).await;
            assert_eq!(invalid(r), Ok(want), "{b}: {client} {scopes} {days:?}");
        }
        assert_eq!(
            svc.list_tokens(&cli()).await?.len(),
            2,
            "{b}: refused tokens not stored"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn revoked_expired_and_forged_tokens_are_refused_and_audited() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, clock }| async move {
        let sbs = svc.issue_token(&cli(), "sbs", "persons:read", None).await?;
        let customs = svc
            .issue_token(&cli(), "customs", "persons:read", Some(1))
            .await?;
        svc.authenticate_bearer(&sbs.token, None).await?;

        assert_eq!(svc.revoke_tokens(&cli(), "sbs").await?, 1, "{b}");
        let r = svc.authenticate_bearer(&sbs.token, None).await;
        assert!(
            matches!(r, Err(ServiceError::Unauthenticated(_))),
            "{b}: revoked at once: {r:?}"
        );
        let rec = last_audit(&svc).await?;
        assert_eq!(
            (rec.entry.action.as_str(), rec.entry.outcome),
            ("auth.token", AuditOutcome::Denied),
            "{b}"
        );
        assert_eq!(
            (rec.entry.actor_kind, rec.entry.actor.as_str()),
            (AuditActor::Client, "sbs"),
            "{b}"
        );
        assert_eq!(rec.entry.details["reason"], "revoked token", "{b}");
        let again = svc.revoke_tokens(&cli(), "sbs").await;
        assert!(
            matches!(again, Err(ServiceError::NotFound)),
            "{b}: {again:?}"
        );

        clock.advance_secs(DAY_SECS - 1);
        svc.authenticate_bearer(&customs.token, None)
            .await
            .context("valid until the last second")?;
        clock.advance_secs(1);
        let r = svc.authenticate_bearer(&customs.token, None).await;
        assert!(
            matches!(r, Err(ServiceError::Unauthenticated(_))),
            "{b}: expired: {r:?}"
        );
        assert_eq!(
            last_audit(&svc).await?.entry.details["reason"],
            "expired token",
            "{b}"
        );

        let mut tweaked = customs.token.clone();
        let last = if tweaked.ends_with('0') { "1" } else { "0" };
        tweaked.replace_range(tweaked.len() - 1.., last);
        let forged = [
            format!("umis_{}", "0".repeat(64)),
            tweaked,
            String::new(),
            "x".repeat(600),
        ];
        for token in forged {
            let before = audit_len(&svc).await?;
            let r = svc.authenticate_bearer(&token, Some(ADDR.into())).await;
            assert!(
                matches!(r, Err(ServiceError::Unauthenticated(_))),
                "{b}: {r:?}"
            );
            let rec = last_audit(&svc).await?;
            assert_eq!(rec.seq, before + 1, "{b}: one security event per attempt");
            assert_eq!(
                (rec.entry.action.as_str(), rec.entry.outcome),
                ("auth.token", AuditOutcome::Denied),
                "{b}"
            );
            assert_eq!(rec.entry.actor_kind, AuditActor::Anonymous, "{b}");
            assert_eq!(rec.entry.client_addr.as_deref(), Some(ADDR), "{b}");
            assert_eq!(rec.entry.details["reason"], "unknown token", "{b}");
        }
        Ok(())
    })
    .await
}
