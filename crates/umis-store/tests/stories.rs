//! Store stories: offices, users, role settings and the one audit entry of every write, run on
//! in-memory SQLite and (when reachable) PostgreSQL; sessions, tokens and the audit log are in
//! the modules below.

#[path = "stories/access.rs"]
mod access;
#[path = "stories/audit.rs"]
mod audit;
#[path = "stories/audit_hardening.rs"]
mod audit_hardening;
#[path = "stories/border.rs"]
mod border;
mod common;

use anyhow::Context as _;
use common::{
    HOUR, T0, audit_len, each_backend, entry, new_session, new_token, new_user, office, seed_user,
};
use umis_domain::Role;
use umis_store::{Store, StoreError};

#[tokio::test]
async fn offices_are_upserted_listed_and_found() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        assert!(
            store.list_offices().await?.is_empty(),
            "{b}: no offices at first"
        );
        let hq = office("HQ", "Headquarters", true);
        let airport = office("BAKU-AIRPORT", "Baku airport", false);
        store
            .upsert_office(&hq, T0, entry(T0, "office.upsert"))
            .await?;
        store
            .upsert_office(&airport, T0, entry(T0, "office.upsert"))
            .await?;
        assert_eq!(
            store.list_offices().await?,
            vec![airport.clone(), hq.clone()],
            "{b}: by code"
        );
        assert_eq!(store.find_office("HQ").await?, Some(hq), "{b}");
        assert_eq!(store.find_office("NOWHERE").await?, None, "{b}");

        // Upserting an existing code renames it instead of adding a row.
        let renamed = office("HQ", "Main office", false);
        store
            .upsert_office(&renamed, T0 + 1, entry(T0, "office.upsert"))
            .await?;
        assert_eq!(
            store.list_offices().await?,
            vec![airport, renamed.clone()],
            "{b}"
        );
        assert_eq!(
            store.find_office("HQ").await?,
            Some(renamed),
            "{b}: renamed"
        );
        assert_eq!(
            audit_len(&store).await?,
            3,
            "{b}: one audit entry per upsert"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn users_are_created_then_got_found_and_listed() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        let officer = seed_user(&store, "b.officer").await?;
        let mut admin_new = new_user("a.admin", Role::Admin, "HQ");
        admin_new.mfa_exempt = true;
        let admin = store
            .create_user(&admin_new, T0 + 5, entry(T0, "user.create"))
            .await?;

        assert!(officer.id > 0 && admin.id != officer.id, "{b}: ids");
        assert_eq!(officer.username, "b.officer", "{b}");
        assert_eq!(officer.role, Role::CaseOfficer, "{b}");
        assert_eq!(officer.office_code, "HQ", "{b}");
        assert_eq!(officer.password_hash, "$argon2id$fake$b.officer", "{b}");
        assert!(
            !officer.disabled && !officer.mfa_exempt && !officer.totp_enabled,
            "{b}"
        );
        assert_eq!(officer.totp_secret, None, "{b}");
        assert_eq!(
            (officer.failed_logins, officer.locked_until),
            (0, None),
            "{b}"
        );
        assert_eq!(
            (officer.last_login_at, officer.lang.clone()),
            (None, None),
            "{b}"
        );
        assert_eq!(officer.created_at, T0, "{b}");
        assert_eq!(
            (admin.role, admin.mfa_exempt, admin.created_at),
            (Role::Admin, true, T0 + 5),
            "{b}"
        );

        let got = store.get_user(admin.id).await?;
        assert_eq!(
            (got.id, got.username.as_str()),
            (admin.id, "a.admin"),
            "{b}: get"
        );
        assert!(
            matches!(
                store.get_user(admin.id + 1000).await,
                Err(StoreError::NotFound)
            ),
            "{b}: get of an unknown id is NotFound"
        );
        let found = store
            .find_user("b.officer")
            .await?
            .context("find b.officer")?;
        assert_eq!(found.id, officer.id, "{b}: find");
        assert!(
            store.find_user("nobody").await?.is_none(),
            "{b}: find unknown"
        );
        let names: Vec<String> = store
            .list_users()
            .await?
            .into_iter()
            .map(|u| u.username)
            .collect();
        assert_eq!(names, ["a.admin", "b.officer"], "{b}: listed by username");

        // create_user names the new account in its audit entry.
        let head = store.audit_head().await?;
        let last = store.audit_after(head.seq - 1, 1).await?;
        assert_eq!(last.len(), 1, "{b}");
        assert_eq!(last[0].entry.object_type.as_deref(), Some("user"), "{b}");
        assert_eq!(last[0].entry.object_id, Some(admin.id.to_string()), "{b}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_taken_username_is_a_conflict_and_writes_nothing() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        seed_user(&store, "a.officer").await?;
        let before = audit_len(&store).await?;
        let again = new_user("a.officer", Role::Inspector, "HQ");
        let result = store
            .create_user(&again, T0, entry(T0, "user.create"))
            .await;
        assert!(
            matches!(result, Err(StoreError::Conflict(_))),
            "{b}: {result:?}"
        );
        assert_eq!(store.list_users().await?.len(), 1, "{b}");
        assert_eq!(
            audit_len(&store).await?,
            before,
            "{b}: the audit entry rolled back too"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_unknown_office_is_a_conflict() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        let stray = new_user("a.officer", Role::CaseOfficer, "NOWHERE");
        let result = store
            .create_user(&stray, T0, entry(T0, "user.create"))
            .await;
        assert!(
            matches!(result, Err(StoreError::Conflict(_))),
            "{b}: {result:?}"
        );
        assert!(store.list_users().await?.is_empty(), "{b}");
        assert_eq!(audit_len(&store).await?, 0, "{b}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn only_admins_need_mfa_until_a_role_setting_says_otherwise() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        for role in Role::ALL {
            let want = role == Role::Admin;
            assert_eq!(
                store.role_mfa_required(role).await?,
                want,
                "{b}: default for {role}"
            );
        }
        let e = || entry(T0, "security.set_mfa");
        store
            .set_role_mfa_required(Role::CaseOfficer, true, e())
            .await?;
        store.set_role_mfa_required(Role::Admin, false, e()).await?;
        assert!(
            store.role_mfa_required(Role::CaseOfficer).await?,
            "{b}: set"
        );
        assert!(
            !store.role_mfa_required(Role::Admin).await?,
            "{b}: admin relieved"
        );
        assert!(
            !store.role_mfa_required(Role::Inspector).await?,
            "{b}: others unchanged"
        );
        // Setting it again updates the stored row.
        store
            .set_role_mfa_required(Role::CaseOfficer, false, e())
            .await?;
        assert!(
            !store.role_mfa_required(Role::CaseOfficer).await?,
            "{b}: updated"
        );
        assert_eq!(
            audit_len(&store).await?,
            3,
            "{b}: one audit entry per change"
        );
        Ok(())
    })
    .await
}

/// Asserts that exactly one entry, with `action`, was appended since the head was at `before`.
async fn assert_one_appended(
    store: &Store,
    b: &str,
    before: i64,
    action: &str,
) -> anyhow::Result<()> {
    let head = store.audit_head().await?;
    assert_eq!(
        head.seq,
        before + 1,
        "{b}: {action} appends exactly one entry"
    );
    let last = store.audit_after(before, 10).await?;
    assert_eq!(last.len(), 1, "{b}: {action}");
    assert_eq!(last[0].entry.action, action, "{b}");
    assert_eq!(last[0].hash, head.hash, "{b}: {action} moves the head");
    Ok(())
}

#[tokio::test]
async fn every_write_appends_exactly_one_audit_entry() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        let s = &store;
        let mut n = 0;
        let hq = office("HQ", "Headquarters", true);
        s.upsert_office(&hq, T0, entry(T0, "office.upsert")).await?;
        assert_one_appended(s, b, n, "office.upsert").await?;
        n += 1;
        let alice = new_user("alice", Role::Inspector, "HQ");
        let user = s.create_user(&alice, T0, entry(T0, "user.create")).await?;
        assert_one_appended(s, b, n, "user.create").await?;
        n += 1;
        s.set_user_disabled(user.id, false, T0, entry(T0, "user.enable"))
            .await?;
        assert_one_appended(s, b, n, "user.enable").await?;
        n += 1;
        s.record_login_failure(user.id, |_| None, entry(T0, "auth.login.failed"))
            .await?;
        assert_one_appended(s, b, n, "auth.login.failed").await?;
        n += 1;
        let session = new_session("s1", user.id, T0, T0 + HOUR);
        s.record_login_success(&session, entry(T0, "auth.login"))
            .await?;
        assert_one_appended(s, b, n, "auth.login").await?;
        n += 1;
        s.set_user_lang(user.id, "az", T0, entry(T0, "user.set_language"))
            .await?;
        assert_one_appended(s, b, n, "user.set_language").await?;
        n += 1;
        s.set_user_totp(
            user.id,
            Some("JBSWY3DPEHPK3PXP"),
            true,
            T0,
            entry(T0, "user.totp"),
        )
        .await?;
        assert_one_appended(s, b, n, "user.totp").await?;
        n += 1;
        let stored = s.get_user(user.id).await?;
        assert_eq!(stored.lang.as_deref(), Some("az"), "{b}: language stored");
        assert_eq!(
            stored.totp_secret.as_deref(),
            Some("JBSWY3DPEHPK3PXP"),
            "{b}"
        );
        assert!(stored.totp_enabled, "{b}: totp enabled");
        s.set_user_password(user.id, "$argon2id$new", T0, entry(T0, "user.password"))
            .await?;
        assert_one_appended(s, b, n, "user.password").await?;
        n += 1;
        let stored = s.get_user(user.id).await?;
        assert_eq!(
            stored.password_hash, "$argon2id$new",
            "{b}: password stored"
        );
        assert!(
            s.find_session("s1").await?.is_none(),
            "{b}: password change ends sessions"
        );
        s.create_api_token(
            &new_token("sbs", &"e".repeat(64), T0),
            entry(T0, "token.create"),
        )
        .await?;
        assert_one_appended(s, b, n, "token.create").await?;
        n += 1;
        s.revoke_api_tokens("sbs", T0, entry(T0, "token.revoke"))
            .await?;
        assert_one_appended(s, b, n, "token.revoke").await?;
        n += 1;
        s.set_role_mfa_required(Role::Analyst, true, entry(T0, "security.set_mfa"))
            .await?;
        assert_one_appended(s, b, n, "security.set_mfa").await?;
        n += 1;
        s.append_audit(entry(T0, "person.view")).await?;
        assert_one_appended(s, b, n, "person.view").await?;
        Ok(())
    })
    .await
}
