//! Officer login: sessions, wrong passwords, progressive delay and lockout, disabled accounts,
//! idle and absolute session expiry, and logout.

use crate::common::{
    ADDR, Env, PASSWORD, T0, WRONG, add_user, as_user, cli, each_backend, last_audit, login,
};
use anyhow::Context as _;
use sha2::{Digest, Sha256};
use umis_domain::{AuditActor, AuditOutcome, Role};
use umis_service::{ServiceError, Services};

const MINUTE: i64 = 60;

fn session_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

async fn failed_logins(svc: &Services, username: &str) -> anyhow::Result<(i32, Option<i64>)> {
    let user = svc.store().find_user(username).await?.context("user")?;
    Ok((user.failed_logins, user.locked_until))
}

#[tokio::test]
async fn a_login_opens_a_session_the_cookie_token_finds() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        let user = add_user(&svc, "a.officer", "case_officer", false).await?;
        let ok = login(&svc, "a.officer", PASSWORD, None).await?;
        assert_eq!(ok.session_token.len(), 64, "{b}: 256-bit session token");
        assert_ne!(ok.session_token, ok.csrf_token, "{b}");
        assert_eq!(
            (ok.user.id, ok.user.role),
            (user.id, Role::CaseOfficer),
            "{b}"
        );
        assert!(!ok.user.must_enrol_mfa && !ok.user.totp_enabled, "{b}");

        let (actor, csrf) = svc.session(&ok.session_token).await?.context("session")?;
        assert_eq!(
            (actor.id, actor.username.as_str()),
            (user.id, "a.officer"),
            "{b}"
        );
        assert_eq!(csrf, ok.csrf_token, "{b}");
        assert!(
            Services::csrf_ok(&csrf, &ok.csrf_token) && !Services::csrf_ok(&csrf, "forged"),
            "{b}"
        );
        assert!(svc.session("no-such-token").await?.is_none(), "{b}");
        assert!(
            svc.session(&ok.csrf_token).await?.is_none(),
            "{b}: the csrf token is no session"
        );

        let rec = last_audit(&svc).await?;
        assert_eq!(
            (rec.entry.action.as_str(), rec.entry.outcome),
            ("auth.login", AuditOutcome::Ok),
            "{b}"
        );
        assert_eq!(
            (rec.entry.actor_kind, rec.entry.actor.as_str()),
            (AuditActor::User, "a.officer"),
            "{b}"
        );
        assert_eq!(rec.entry.object_id, Some(user.id.to_string()), "{b}");
        assert_eq!(rec.entry.client_addr.as_deref(), Some(ADDR), "{b}");
        assert_eq!(rec.entry.details["second_factor"], false, "{b}");
        let stored = svc.store().find_user("a.officer").await?.context("user")?;
        assert_eq!(stored.last_login_at, Some(T0), "{b}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn wrong_passwords_and_unknown_users_are_refused_alike_and_audited() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        let user = add_user(&svc, "a.officer", "case_officer", false).await?;
        let wrong = login(&svc, "a.officer", WRONG, None).await;
        let Err(ServiceError::Unauthenticated(wrong_msg)) = wrong else {
            anyhow::bail!("{b}: {wrong:?}")
        };
        let rec = last_audit(&svc).await?;
        assert_eq!(
            (rec.entry.action.as_str(), rec.entry.outcome),
            ("auth.login", AuditOutcome::Denied),
            "{b}"
        );
        assert_eq!(
            (rec.entry.actor_kind, rec.entry.actor.as_str()),
            (AuditActor::Anonymous, "a.officer"),
            "{b}"
        );
        assert_eq!(rec.entry.object_id, Some(user.id.to_string()), "{b}");
        assert_eq!(rec.entry.details["reason"], "wrong password", "{b}");
        assert_eq!(rec.entry.details["failures"], 1, "{b}");
        assert_eq!(failed_logins(&svc, "a.officer").await?, (1, None), "{b}");

        let unknown = login(&svc, "nobody", PASSWORD, None).await;
        let Err(ServiceError::Unauthenticated(unknown_msg)) = unknown else {
            anyhow::bail!("{b}: {unknown:?}")
        };
        assert_eq!(unknown_msg, wrong_msg, "{b}: no hint which usernames exist");
        let rec = last_audit(&svc).await?;
        assert_eq!(
            (rec.entry.actor.as_str(), rec.entry.outcome),
            ("nobody", AuditOutcome::Denied),
            "{b}"
        );
        assert_eq!(rec.entry.details["reason"], "unknown user", "{b}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn the_third_failure_delays_even_the_right_password() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, clock }| async move {
        add_user(&svc, "a.officer", "case_officer", false).await?;
        for n in 1..=2 {
            let r = login(&svc, "a.officer", WRONG, None).await;
            assert!(
                matches!(r, Err(ServiceError::Unauthenticated(_))),
                "{b}: failure {n}: {r:?}"
            );
        }
        assert_eq!(
            failed_logins(&svc, "a.officer").await?,
            (2, None),
            "{b}: no delay yet"
        );
        let r = login(&svc, "a.officer", WRONG, None).await;
        assert!(
            matches!(r, Err(ServiceError::Unauthenticated(_))),
            "{b}: third failure: {r:?}"
        );

        let r = login(&svc, "a.officer", PASSWORD, None).await;
        assert!(
            matches!(r, Err(ServiceError::Locked { until }) if until == T0 + 1_000_000),
            "{b}: {r:?}"
        );
        assert_eq!(
            last_audit(&svc).await?.entry.details["reason"],
            "locked",
            "{b}"
        );
        // A guess while delayed is not even checked, so it does not count.
        let r = login(&svc, "a.officer", WRONG, None).await;
        assert!(matches!(r, Err(ServiceError::Locked { .. })), "{b}: {r:?}");
        assert_eq!(
            failed_logins(&svc, "a.officer").await?,
            (3, Some(T0 + 1_000_000)),
            "{b}"
        );

        clock.advance_secs(1);
        login(&svc, "a.officer", PASSWORD, None)
            .await
            .context("after the delay")?;
        assert_eq!(
            failed_logins(&svc, "a.officer").await?,
            (0, None),
            "{b}: success resets"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn ten_failures_lock_the_account_for_fifteen_minutes() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, clock }| async move {
        use umis_service::Clock as _;
        add_user(&svc, "a.officer", "case_officer", false).await?;
        // The delay after each failure, in seconds: none, then doubling, then the lockout.
        let delays = [0, 0, 1, 2, 4, 8, 16, 32, 64, 15 * 60];
        for (i, delay) in delays.into_iter().enumerate() {
            let n = i as i32 + 1;
            let r = login(&svc, "a.officer", WRONG, None).await;
            assert!(
                matches!(r, Err(ServiceError::Unauthenticated(_))),
                "{b}: failure {n}: {r:?}"
            );
            let now = clock.now_micros();
            let until = (delay > 0).then_some(now + delay * 1_000_000);
            assert_eq!(
                failed_logins(&svc, "a.officer").await?,
                (n, until),
                "{b}: after {n}"
            );
            if let Some(until) = until {
                let r = login(&svc, "a.officer", PASSWORD, None).await;
                assert!(
                    matches!(r, Err(ServiceError::Locked { until: u }) if u == until),
                    "{b}: {n}: {r:?}"
                );
                if n < 10 {
                    clock.advance_secs(delay);
                }
            }
        }
        clock.advance_secs(15 * MINUTE - 1);
        let r = login(&svc, "a.officer", PASSWORD, None).await;
        assert!(
            matches!(r, Err(ServiceError::Locked { .. })),
            "{b}: a second early: {r:?}"
        );
        clock.advance_secs(1);
        login(&svc, "a.officer", PASSWORD, None)
            .await
            .context("after the lockout")?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_success_resets_the_failure_count() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        add_user(&svc, "a.officer", "case_officer", false).await?;
        for _ in 0..2 {
            let _ = login(&svc, "a.officer", WRONG, None).await;
        }
        login(&svc, "a.officer", PASSWORD, None).await?;
        for _ in 0..2 {
            let _ = login(&svc, "a.officer", WRONG, None).await;
        }
        // Four failures in all, but only two since the success: no delay.
        assert_eq!(failed_logins(&svc, "a.officer").await?, (2, None), "{b}");
        login(&svc, "a.officer", PASSWORD, None)
            .await
            .context("not delayed")?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_disabled_officer_is_shut_out_at_once() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        add_user(&svc, "a.officer", "case_officer", false).await?;
        let ok = login(&svc, "a.officer", PASSWORD, None).await?;
        assert!(svc.session(&ok.session_token).await?.is_some(), "{b}");

        svc.set_user_disabled(&cli(), "a.officer", true).await?;
        assert!(
            svc.session(&ok.session_token).await?.is_none(),
            "{b}: the session stops at once"
        );
        let r = login(&svc, "a.officer", PASSWORD, None).await;
        assert!(
            matches!(r, Err(ServiceError::Unauthenticated(_))),
            "{b}: {r:?}"
        );
        let rec = last_audit(&svc).await?;
        assert_eq!(
            (rec.entry.outcome, &rec.entry.details["reason"]),
            (AuditOutcome::Denied, &"disabled".into()),
            "{b}"
        );

        svc.set_user_disabled(&cli(), "a.officer", false).await?;
        let again = login(&svc, "a.officer", PASSWORD, None).await?;
        assert!(
            svc.session(&again.session_token).await?.is_some(),
            "{b}: enabled again"
        );
        assert!(
            svc.session(&ok.session_token).await?.is_none(),
            "{b}: old session stays ended"
        );

        let r = svc.set_user_disabled(&cli(), "nobody", true).await;
        assert!(matches!(r, Err(ServiceError::NotFound)), "{b}: {r:?}");
        add_user(&svc, "root", "admin", true).await?;
        let admin = as_user(&login(&svc, "root", PASSWORD, None).await?);
        let r = svc.set_user_disabled(&admin, "root", true).await;
        assert!(
            matches!(r, Err(ServiceError::Conflict(_))),
            "{b}: not oneself: {r:?}"
        );
        svc.set_user_disabled(&admin, "a.officer", true).await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_idle_session_ends_after_thirty_minutes() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, clock }| async move {
        add_user(&svc, "a.officer", "case_officer", false).await?;
        let busy = login(&svc, "a.officer", PASSWORD, None)
            .await?
            .session_token;
        let idle = login(&svc, "a.officer", PASSWORD, None)
            .await?
            .session_token;

        clock.advance_secs(29 * MINUTE);
        assert!(svc.session(&busy).await?.is_some(), "{b}: 29 idle minutes");
        clock.advance_secs(MINUTE);
        assert!(svc.session(&idle).await?.is_none(), "{b}: 30 idle minutes");
        assert!(
            svc.store()
                .find_session(&session_hash(&idle))
                .await?
                .is_none(),
            "{b}: deleted"
        );
        clock.advance_secs(27 * MINUTE);
        assert!(
            svc.session(&busy).await?.is_some(),
            "{b}: use keeps it alive past 30 minutes"
        );
        clock.advance_secs(31 * MINUTE);
        assert!(svc.session(&busy).await?.is_none(), "{b}: 31 idle minutes");
        assert!(
            svc.store()
                .find_session(&session_hash(&busy))
                .await?
                .is_none(),
            "{b}: deleted"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_login_however_busy() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, clock }| async move {
        add_user(&svc, "a.officer", "case_officer", false).await?;
        let token = login(&svc, "a.officer", PASSWORD, None)
            .await?
            .session_token;
        for step in 1..=24 {
            clock.advance_secs(29 * MINUTE);
            assert!(
                svc.session(&token).await?.is_some(),
                "{b}: {} minutes in",
                29 * step
            );
        }
        clock.advance_secs(23 * MINUTE);
        assert!(svc.session(&token).await?.is_some(), "{b}: 11 h 59 min");
        clock.advance_secs(MINUTE);
        assert!(svc.session(&token).await?.is_none(), "{b}: 12 h");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn logout_ends_only_that_session() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        add_user(&svc, "a.officer", "case_officer", false).await?;
        let first = login(&svc, "a.officer", PASSWORD, None).await?;
        let second = login(&svc, "a.officer", PASSWORD, None).await?;
        svc.logout(&as_user(&first), &first.session_token).await?;
        assert!(
            svc.session(&first.session_token).await?.is_none(),
            "{b}: logged out"
        );
        assert!(
            svc.session(&second.session_token).await?.is_some(),
            "{b}: other session lives"
        );
        let rec = last_audit(&svc).await?;
        assert_eq!(
            (rec.entry.action.as_str(), rec.entry.actor.as_str()),
            ("auth.logout", "a.officer"),
            "{b}"
        );
        assert_eq!(
            (rec.entry.actor_kind, rec.entry.outcome),
            (AuditActor::User, AuditOutcome::Ok),
            "{b}"
        );
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_wrong_passwords_each_count() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        add_user(&svc, "a.officer", "case_officer", false).await?;
        let guesses: Vec<_> = (0..12)
            .map(|_| {
                let svc = svc.clone();
                tokio::spawn(async move { login(&svc, "a.officer", WRONG, None).await })
            })
            .collect();
        let mut checked = 0;
        for guess in guesses {
            match guess.await? {
                Err(ServiceError::Unauthenticated(_)) => checked += 1,
                Err(ServiceError::Locked { .. }) => {}
                other => anyhow::bail!("{b}: {other:?}"),
            }
        }
        // Every guess whose password was checked counts, however many arrive at once.
        let (failures, locked_until) = failed_logins(&svc, "a.officer").await?;
        assert_eq!(failures, checked, "{b}: {checked} checked guesses");
        assert!(
            locked_until.is_some(),
            "{b}: a burst of guesses is throttled"
        );
        Ok(())
    })
    .await
}
