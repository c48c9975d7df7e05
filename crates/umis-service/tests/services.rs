//! Service tests: accounts and offices from the CLI, validation, and permission checks with
//! their audit trail, each on in-memory SQLite and (when reachable) PostgreSQL; tokens, audit
//! verification, logins and second factors are in the modules below.

#[path = "services/audit.rs"]
mod audit;
#[path = "services/border_order.rs"]
mod border_order;
#[path = "services/checkpoints.rs"]
mod checkpoints;
mod common;
#[path = "services/logins.rs"]
mod logins;
#[path = "services/mfa.rs"]
mod mfa;
#[path = "services/tokens.rs"]
mod tokens;

use common::{
    ADDR, Env, PASSWORD, add_user, as_user, audit_len, cli, each_backend, forbidden, invalid,
    last_audit, login, user_input,
};
use umis_domain::{AuditActor, AuditOutcome, Permission, Role};
use umis_service::{Actor, Ctx, ServiceError};
use umis_store::{AuditFilter, Office};

#[tokio::test]
async fn the_cli_creates_offices_and_users() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        let airport = Office {
            code: "BAKU-AIRPORT".into(),
            name: "Baku airport".into(),
            national: false,
        };
        svc.upsert_office(&cli(), airport.clone()).await?;
        let offices = svc.list_offices().await?;
        assert_eq!(offices.len(), 2, "{b}");
        assert_eq!(offices[0], airport, "{b}");
        let rec = last_audit(&svc).await?;
        assert_eq!(
            (rec.entry.action.as_str(), rec.entry.actor.as_str()),
            ("office.upsert", "cli"),
            "{b}"
        );
        assert_eq!(rec.entry.actor_kind, AuditActor::System, "{b}");
        assert_eq!(rec.entry.object_id.as_deref(), Some("BAKU-AIRPORT"), "{b}");

        let input = user_input("a.officer", "case_officer", "BAKU-AIRPORT", PASSWORD);
        let user = svc.create_user(&cli(), input).await?;
        assert_eq!(
            (user.role, user.office_code.as_str()),
            (Role::CaseOfficer, "BAKU-AIRPORT"),
            "{b}"
        );
        assert!(
            user.password_hash.starts_with("$argon2id$"),
            "{b}: only a hash is stored"
        );
        assert!(!user.password_hash.contains(PASSWORD), "{b}");
        let rec = last_audit(&svc).await?;
        assert_eq!(
            (rec.entry.action.as_str(), rec.entry.actor.as_str()),
            ("user.create", "cli"),
            "{b}"
        );
        assert_eq!(rec.entry.object_id, Some(user.id.to_string()), "{b}");
        assert_eq!(rec.entry.details["role"], "case_officer", "{b}");
        let names: Vec<String> = svc
            .list_users(&cli())
            .await?
            .into_iter()
            .map(|u| u.username)
            .collect();
        assert_eq!(names, ["a.officer"], "{b}");

        let again = svc
            .create_user(&cli(), user_input("a.officer", "inspector", "HQ", PASSWORD))
            .await;
        assert!(
            matches!(again, Err(ServiceError::Conflict(_))),
            "{b}: {again:?}"
        );

        let bad_code = Office {
            code: "hq".into(),
            name: "x".into(),
            national: false,
        };
        assert_eq!(
            invalid(svc.upsert_office(&cli(), bad_code).await),
            Ok(("code", "invalid_office")),
            "{b}"
        );
        let no_name = Office {
            code: "HQ2".into(),
            name: "  ".into(),
            national: false,
        };
        assert_eq!(
            invalid(svc.upsert_office(&cli(), no_name).await),
            Ok(("name", "invalid_name")),
            "{b}"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn invalid_accounts_are_refused_field_by_field() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        let cases = [
            (
                user_input("Bad Name", "case_officer", "HQ", PASSWORD),
                ("username", "invalid_username"),
            ),
            (
                user_input("ab", "case_officer", "HQ", PASSWORD),
                ("username", "invalid_username"),
            ),
            (
                user_input("a.officer", "superuser", "HQ", PASSWORD),
                ("role", "unknown_role"),
            ),
            (
                user_input("a.officer", "Admin", "HQ", PASSWORD),
                ("role", "unknown_role"),
            ),
            (
                user_input("a.officer", "case_officer", "HQ", "short"),
                ("password", "weak_password"),
            ),
            (
                user_input("a.officer", "case_officer", "hq", PASSWORD),
                ("office", "invalid_office"),
            ),
            (
                user_input("a.officer", "case_officer", "NOWHERE", PASSWORD),
                ("office", "unknown_office"),
            ),
        ];
        for (input, want) in cases {
            let what = format!("{input:?}");
            assert_eq!(
                invalid(svc.create_user(&cli(), input).await),
                Ok(want),
                "{b}: {what}"
            );
        }
        assert!(
            svc.list_users(&cli()).await?.is_empty(),
            "{b}: nothing was created"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_client_is_held_to_its_scopes_and_refusals_are_audited() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        let issued = svc
            .issue_token(&cli(), "sbs-border", "persons:read", None)
            .await?;
        let ctx = svc
            .authenticate_bearer(&issued.token, Some(ADDR.into()))
            .await?;

        let before = audit_len(&svc).await?;
        svc.authorize(&ctx, Permission::ReadPersons, "person.view")
            .await?;
        assert_eq!(
            audit_len(&svc).await?,
            before,
            "{b}: an allowed check appends nothing"
        );

        let why = forbidden(
            svc.authorize(&ctx, Permission::WritePersons, "person.create")
                .await,
        );
        let why = why.map_err(anyhow::Error::msg)?;
        assert!(
            why.contains("persons:write"),
            "{b}: names the missing scope: {why}"
        );
        let rec = last_audit(&svc).await?;
        assert_eq!(rec.seq, before + 1, "{b}: the refusal is audited once");
        assert_eq!(rec.entry.action, "person.create", "{b}");
        assert_eq!(rec.entry.outcome, AuditOutcome::Denied, "{b}");
        assert_eq!(
            (rec.entry.actor_kind, rec.entry.actor.as_str()),
            (AuditActor::Client, "sbs-border"),
            "{b}"
        );
        assert_eq!(rec.entry.client_addr.as_deref(), Some(ADDR), "{b}");
        assert!(
            rec.entry.details["reason"]
                .as_str()
                .is_some_and(|r| r.contains("persons:write")),
            "{b}"
        );

        let why = forbidden(
            svc.authorize(&ctx, Permission::ManageUsers, "user.create")
                .await,
        );
        assert!(
            why.is_ok_and(|w| w.contains("agency clients")),
            "{b}: no scope grants admin work"
        );
        let made = svc
            .create_user(&ctx, user_input("x.agent", "admin", "HQ", PASSWORD))
            .await;
        assert!(
            matches!(made, Err(ServiceError::Forbidden(_))),
            "{b}: {made:?}"
        );
        assert!(svc.list_users(&cli()).await?.is_empty(), "{b}");

        let anonymous = Ctx::new(Actor::Anonymous, None);
        let r = svc
            .authorize(&anonymous, Permission::ReadStats, "stats.view")
            .await;
        assert!(matches!(r, Err(ServiceError::Forbidden(_))), "{b}: {r:?}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_admin_manages_users_but_only_an_auditor_searches_the_audit_log() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        add_user(&svc, "root", "admin", true).await?;
        add_user(&svc, "aud", "auditor", false).await?;
        let admin = as_user(&login(&svc, "root", PASSWORD, None).await?);
        let made = svc
            .create_user(
                &admin,
                user_input("a.officer", "case_officer", "HQ", PASSWORD),
            )
            .await?;
        let rec = last_audit(&svc).await?;
        assert_eq!(
            (rec.entry.actor_kind, rec.entry.actor.as_str()),
            (AuditActor::User, "root"),
            "{b}"
        );
        assert_eq!(rec.entry.object_id, Some(made.id.to_string()), "{b}");
        assert_eq!(svc.list_users(&admin).await?.len(), 3, "{b}");

        let why = forbidden(svc.search_audit(&admin, &AuditFilter::default(), 50).await);
        assert!(
            why.is_ok_and(|w| w.contains("admin")),
            "{b}: admin may not read the audit log"
        );
        let rec = last_audit(&svc).await?;
        assert_eq!(
            (rec.entry.action.as_str(), rec.entry.outcome),
            ("audit.search", AuditOutcome::Denied),
            "{b}"
        );

        let auditor = as_user(&login(&svc, "aud", PASSWORD, None).await?);
        let by_root = AuditFilter {
            actor: Some("root".into()),
            ..Default::default()
        };
        let found = svc.search_audit(&auditor, &by_root, 50).await?;
        let actions: Vec<&str> = found.iter().map(|r| r.entry.action.as_str()).collect();
        assert_eq!(
            actions,
            ["audit.search", "user.create", "auth.login"],
            "{b}: newest first"
        );
        assert!(found.iter().all(|r| r.entry.actor == "root"), "{b}");
        assert!(found.windows(2).all(|w| w[0].seq > w[1].seq), "{b}");
        // The search itself is audited.
        let rec = last_audit(&svc).await?;
        assert_eq!(
            (rec.entry.action.as_str(), rec.entry.actor.as_str()),
            ("audit.search", "aud"),
            "{b}"
        );
        assert_eq!(rec.entry.outcome, AuditOutcome::Ok, "{b}");
        assert_eq!(rec.entry.details["results"], found.len(), "{b}");
        assert_eq!(rec.entry.details["actor"], "root", "{b}");

        let r = svc
            .create_user(
                &auditor,
                user_input("b.officer", "case_officer", "HQ", PASSWORD),
            )
            .await;
        assert!(
            forbidden(r).is_ok_and(|w| w.contains("auditor")),
            "{b}: auditors do not manage"
        );
        Ok(())
    })
    .await
}
