//! Shared helpers for the store stories: run a story on every backend, and build rows and
//! audit entries.

use anyhow::Context as _;
use std::future::Future;
use umis_domain::Role;
use umis_domain::{AuditActor, AuditOutcome, NewAuditEntry};
use umis_store::{NewApiToken, NewSession, NewUser, Office, Store, User};

/// A fixed instant the stories start from (Unix µs, January 2027).
pub const T0: i64 = 1_800_000_000_000_000;

/// Runs `story` on a fresh store of every available backend, naming the backend on failure;
/// drops the PostgreSQL schema only when the story passed.
pub async fn each_backend<F, Fut>(story: F) -> anyhow::Result<()>
where
    F: Fn(&'static str, Store) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    for db in umis_store::testing::all().await {
        story(db.backend, db.store.clone())
            .await
            .with_context(|| format!("story failed on {}", db.backend))?;
        db.cleanup().await;
    }
    Ok(())
}

/// A minimal entry by the `test` operator at `at`.
pub fn entry(at: i64, action: &str) -> NewAuditEntry {
    NewAuditEntry::new(at, AuditActor::System, "test", action, AuditOutcome::Ok)
}

/// The number of entries in the chain.
pub async fn audit_len(store: &Store) -> anyhow::Result<i64> {
    Ok(store.audit_head().await.context("audit head")?.seq)
}

/// An hour in microseconds.
pub const HOUR: i64 = 3_600_000_000;

/// An office row.
pub fn office(code: &str, name: &str, national: bool) -> Office {
    Office {
        code: code.into(),
        name: name.into(),
        national,
    }
}

/// An account to create, with a fake password hash.
pub fn new_user(username: &str, role: Role, office_code: &str) -> NewUser {
    NewUser {
        username: username.into(),
        role,
        office_code: office_code.into(),
        password_hash: format!("$argon2id$fake${username}"),
        mfa_exempt: false,
        full_name: String::new(),
    }
}

/// A session opened at `created_at` from `10.0.0.1`.
pub fn new_session(token_hash: &str, user_id: i64, created_at: i64, expires_at: i64) -> NewSession {
    NewSession {
        token_hash: token_hash.into(),
        user_id,
        csrf_token: format!("csrf-{token_hash}"),
        created_at,
        expires_at,
        client_addr: Some("10.0.0.1".into()),
    }
}

/// A token for `client`, valid for a day.
pub fn new_token(client: &str, hash: &str, created_at: i64) -> NewApiToken {
    NewApiToken {
        client_name: client.into(),
        scopes: "persons:read,stats:read".into(),
        token_hash: hash.into(),
        token_prefix: format!("umis_{}", &hash[..6]),
        created_by: "cli".into(),
        created_at,
        expires_at: Some(created_at + 24 * HOUR),
        agency: None,
    }
}

/// A case officer in office `HQ`, which is created first if missing.
pub async fn seed_user(store: &Store, username: &str) -> anyhow::Result<User> {
    if store.find_office("HQ").await?.is_none() {
        let hq = office("HQ", "Headquarters", true);
        store
            .upsert_office(&hq, T0, entry(T0, "office.upsert"))
            .await?;
    }
    let new = new_user(username, Role::CaseOfficer, "HQ");
    Ok(store
        .create_user(&new, T0, entry(T0, "user.create"))
        .await?)
}
