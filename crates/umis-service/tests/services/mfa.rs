//! Second factors: TOTP enrolment and login, and roles for which a second factor is mandatory.

use crate::common::{
    Env, PASSWORD, add_user, as_user, audit_len, cli, each_backend, last_audit, login,
};
use anyhow::Context as _;
use umis_domain::{AuditOutcome, Permission, Role};
use umis_service::{Actor, Ctx, ManualClock, ServiceError};

/// Every permission, for checking that an actor may do nothing at all.
const ALL_PERMISSIONS: [Permission; 13] = [
    Permission::ManageUsers,
    Permission::ManageApiClients,
    Permission::ManageSecurity,
    Permission::ReadAudit,
    Permission::ReadPersons,
    Permission::WritePersons,
    Permission::Screen,
    Permission::WriteBorderEvents,
    Permission::WriteStayRegistrations,
    Permission::ReadApplications,
    Permission::WriteApplications,
    Permission::AnswerChecks,
    Permission::ReadStats,
];

/// The code an authenticator app shows for `secret` at the clock's current time.
fn totp_now(secret: &str, account: &str, clock: &ManualClock) -> anyhow::Result<String> {
    use umis_service::Clock as _;
    let totp = totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(secret)?)
        .with_issuer(Some("UMIS"))
        .with_account_name(account)
        .build()?;
    let at = u64::try_from(clock.now_micros() / 1_000_000)?;
    let valid: Vec<String> = [at - 30, at, at + 30]
        .iter()
        .map(|&t| totp.generate(t).to_string())
        .collect();
    // Callers also need a code that is surely wrong: make sure the fixed ones are.
    anyhow::ensure!(
        !valid.iter().any(|c| c == "123456" || c == "654321"),
        "unlucky secret"
    );
    Ok(valid[1].clone())
}

/// A code that [`totp_now`] has checked is not valid now.
fn wrong_code(right: &str) -> String {
    if right == "123456" {
        "654321"
    } else {
        "123456"
    }
    .into()
}

#[tokio::test]
async fn a_confirmed_totp_is_required_at_every_login() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, clock }| async move {
        add_user(&svc, "a.officer", "case_officer", false).await?;
        let ctx = as_user(&login(&svc, "a.officer", PASSWORD, None).await?);
        let r = svc.totp_begin(&cli()).await;
        assert!(
            matches!(r, Err(ServiceError::Unauthenticated(_))),
            "{b}: officers only: {r:?}"
        );

        let enrol = svc.totp_begin(&ctx).await?;
        assert_eq!(enrol.secret.len(), 32, "{b}: 160-bit secret in base32");
        assert!(
            enrol
                .secret
                .bytes()
                .all(|c| matches!(c, b'A'..=b'Z' | b'2'..=b'7')),
            "{b}"
        );
        assert!(
            enrol.url.starts_with("otpauth://totp/"),
            "{b}: {}",
            enrol.url
        );
        assert!(
            enrol.url.contains(&enrol.secret) && enrol.url.contains("issuer=UMIS"),
            "{b}"
        );
        let stored = svc.store().find_user("a.officer").await?.context("user")?;
        assert_eq!(
            (stored.totp_secret.as_deref(), stored.totp_enabled),
            (Some(&*enrol.secret), false),
            "{b}"
        );
        login(&svc, "a.officer", PASSWORD, None)
            .await
            .context("not required until confirmed")?;

        let code = totp_now(&enrol.secret, "a.officer", &clock)?;
        for bad in [wrong_code(&code), "12345".into(), "abcdef".into()] {
            let r = svc.totp_confirm(&ctx, &bad).await;
            let field = match &r {
                Err(ServiceError::Validation { field, .. }) => *field,
                _ => anyhow::bail!("{b}: code {bad}: {r:?}"),
            };
            assert_eq!(field, "code", "{b}");
        }
        let rec = last_audit(&svc).await?;
        assert_eq!(
            (rec.entry.action.as_str(), rec.entry.outcome),
            ("user.totp_confirm", AuditOutcome::Denied),
            "{b}"
        );
        svc.totp_confirm(&ctx, &code).await.context("right code")?;
        assert!(
            svc.store()
                .find_user("a.officer")
                .await?
                .context("user")?
                .totp_enabled,
            "{b}"
        );

        let r = login(&svc, "a.officer", PASSWORD, None).await;
        assert!(
            matches!(r, Err(ServiceError::SecondFactor)),
            "{b}: code missing: {r:?}"
        );
        let r = login(&svc, "a.officer", PASSWORD, Some(wrong_code(&code))).await;
        assert!(
            matches!(r, Err(ServiceError::SecondFactor)),
            "{b}: wrong code: {r:?}"
        );
        let rec = last_audit(&svc).await?;
        assert_eq!(
            rec.entry.details["reason"], "wrong or missing one-time code",
            "{b}"
        );
        assert_eq!(
            rec.entry.details["failures"], 2,
            "{b}: counts as a failed login"
        );
        // The code that confirmed the enrolment was used once already (RFC 6238 §5.2).
        let r = login(&svc, "a.officer", PASSWORD, Some(code.clone())).await;
        assert!(
            matches!(r, Err(ServiceError::SecondFactor)),
            "{b}: replayed code: {r:?}"
        );
        clock.advance_secs(30);
        let next = totp_now(&enrol.secret, "a.officer", &clock)?;
        let ok = login(&svc, "a.officer", PASSWORD, Some(next.clone())).await?;
        assert!(ok.user.totp_enabled && !ok.user.must_enrol_mfa, "{b}");
        assert_eq!(
            last_audit(&svc).await?.entry.details["second_factor"],
            true,
            "{b}"
        );
        let r = login(&svc, "a.officer", PASSWORD, Some(next)).await;
        assert!(
            matches!(r, Err(ServiceError::SecondFactor)),
            "{b}: a login code works once: {r:?}"
        );

        // A code from two steps ago no longer opens anything.
        clock.advance_secs(90);
        let r = login(&svc, "a.officer", PASSWORD, Some(code)).await;
        assert!(
            matches!(r, Err(ServiceError::SecondFactor)),
            "{b}: stale code: {r:?}"
        );
        let fresh = totp_now(&enrol.secret, "a.officer", &clock)?;
        login(&svc, "a.officer", PASSWORD, Some(fresh))
            .await
            .context("fresh code")?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_role_made_to_use_mfa_may_do_nothing_until_enrolled() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, clock }| async move {
        svc.set_role_mfa(&cli(), Role::CaseOfficer, true).await?;
        let settings = svc.role_mfa_settings(&cli()).await?;
        for (role, required) in settings {
            let want = matches!(role, Role::CaseOfficer | Role::Admin);
            assert_eq!(required, want, "{b}: {role}");
        }
        add_user(&svc, "a.officer", "case_officer", false).await?;
        let ok = login(&svc, "a.officer", PASSWORD, None).await?;
        assert!(ok.user.must_enrol_mfa, "{b}: must enrol");
        let ctx = as_user(&ok);
        for p in ALL_PERMISSIONS {
            assert!(!ctx.may(p), "{b}: {p:?} before enrolment");
        }
        let before = audit_len(&svc).await?;
        let r = svc
            .authorize(&ctx, Permission::ReadPersons, "person.view")
            .await;
        assert!(
            matches!(&r, Err(ServiceError::Forbidden(w)) if w.contains("second factor")),
            "{b}: {r:?}"
        );
        assert_eq!(audit_len(&svc).await?, before + 1, "{b}: refusal audited");
        let (actor, _) = svc.session(&ok.session_token).await?.context("session")?;
        assert!(actor.must_enrol_mfa, "{b}: the session says so too");

        let enrol = svc.totp_begin(&ctx).await?;
        svc.totp_confirm(&ctx, &totp_now(&enrol.secret, "a.officer", &clock)?)
            .await?;
        let (actor, _) = svc.session(&ok.session_token).await?.context("session")?;
        assert!(!actor.must_enrol_mfa && actor.totp_enabled, "{b}: enrolled");
        let enrolled = Ctx::new(Actor::User(actor), None);
        assert!(
            enrolled.may(Permission::ReadPersons),
            "{b}: the role's permissions return"
        );
        assert!(
            !enrolled.may(Permission::ManageUsers),
            "{b}: but no more than the role's"
        );
        let r = svc.totp_disable(&enrolled).await;
        assert!(
            matches!(r, Err(ServiceError::Forbidden(_))),
            "{b}: mandatory: {r:?}"
        );

        add_user(&svc, "an.inspector", "inspector", false).await?;
        let inspector = login(&svc, "an.inspector", PASSWORD, None).await?;
        assert!(
            !inspector.user.must_enrol_mfa,
            "{b}: other roles unaffected"
        );
        let r = svc
            .set_role_mfa(&as_user(&inspector), Role::Inspector, true)
            .await;
        assert!(matches!(r, Err(ServiceError::Forbidden(_))), "{b}: {r:?}");

        svc.set_role_mfa(&cli(), Role::CaseOfficer, false).await?;
        add_user(&svc, "b.officer", "case_officer", false).await?;
        let b_officer = login(&svc, "b.officer", PASSWORD, None).await?;
        assert!(!b_officer.user.must_enrol_mfa, "{b}: optional again");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn admins_need_mfa_by_default_unless_exempt() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        add_user(&svc, "root", "admin", false).await?;
        add_user(&svc, "demo-admin", "admin", true).await?;
        let root = login(&svc, "root", PASSWORD, None).await?;
        assert!(
            root.user.must_enrol_mfa,
            "{b}: admins must enrol by default"
        );
        let root_ctx = as_user(&root);
        assert!(ALL_PERMISSIONS.iter().all(|&p| !root_ctx.may(p)), "{b}");
        let r = add_user(&svc, "x.officer", "case_officer", false).await;
        assert!(r.is_ok(), "{b}: the CLI is not held to MFA: {r:?}");
        let r = svc.list_users(&root_ctx).await;
        assert!(matches!(r, Err(ServiceError::Forbidden(_))), "{b}: {r:?}");

        let demo = login(&svc, "demo-admin", PASSWORD, None).await?;
        assert!(!demo.user.must_enrol_mfa, "{b}: exempt");
        let demo_ctx = as_user(&demo);
        assert!(
            demo_ctx.may(Permission::ManageUsers) && demo_ctx.may(Permission::ManageSecurity),
            "{b}"
        );
        assert!(
            !demo_ctx.may(Permission::ReadAudit),
            "{b}: still only an admin"
        );
        assert_eq!(svc.list_users(&demo_ctx).await?.len(), 3, "{b}");

        // Once admins no longer need a second factor, root's session is unblocked at once.
        svc.set_role_mfa(&demo_ctx, Role::Admin, false).await?;
        let (actor, _) = svc.session(&root.session_token).await?.context("session")?;
        assert!(!actor.must_enrol_mfa, "{b}");
        Ok(())
    })
    .await
}
