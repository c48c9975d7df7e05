//! Shared helpers for the service tests: services over every backend with a clock the test
//! moves, seeded accounts, logins, and a look at the newest audit entry.

use anyhow::Context as _;
use std::future::Future;
use std::sync::Arc;
use umis_domain::AuditRecord;
use umis_service::{
    Actor, Ctx, LoginOk, LoginRequest, ManualClock, NewUserInput, SecurityConfig, ServiceError,
    Services,
};
use umis_store::{Office, User};

/// Where the clock stands when a test starts (Unix µs, January 2027).
pub const T0: i64 = 1_800_000_000_000_000;

/// The password of every seeded account.
pub const PASSWORD: &str = "correct horse battery staple";

/// Where test requests come from.
pub const ADDR: &str = "10.0.0.1";

/// What a test runs against: the backend's name, the services, and their clock.
pub struct Env {
    /// `sqlite` or `postgres`, for assertion messages.
    pub b: &'static str,
    /// The services under test.
    pub svc: Services,
    /// The services' clock; only the test moves it.
    pub clock: ManualClock,
}

/// Runs `story` against services on a fresh store of every available backend, with office `HQ`
/// already created; drops the PostgreSQL schema only when the story passed.
pub async fn each_backend<F, Fut>(story: F) -> anyhow::Result<()>
where
    F: Fn(Env) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    for db in umis_store::testing::all().await {
        let clock = ManualClock::at(T0);
        let svc = Services::new(
            db.store.clone(),
            Arc::new(clock.clone()),
            SecurityConfig::default(),
        );
        let hq = Office {
            code: "HQ".into(),
            name: "Headquarters".into(),
            national: true,
        };
        svc.upsert_office(&cli(), hq)
            .await
            .context("seed office HQ")?;
        let b = db.backend;
        story(Env { b, svc, clock })
            .await
            .with_context(|| format!("story failed on {b}"))?;
        db.cleanup().await;
    }
    Ok(())
}

/// The operator at the command line.
pub fn cli() -> Ctx {
    Ctx::system("cli")
}

/// Creates an account in office `HQ` with [`PASSWORD`], as the CLI.
pub async fn add_user(
    svc: &Services,
    username: &str,
    role: &str,
    mfa_exempt: bool,
) -> Result<User, ServiceError> {
    let input = NewUserInput {
        username: username.into(),
        role: role.into(),
        office_code: "HQ".into(),
        password: PASSWORD.into(),
        mfa_exempt,
        full_name: String::new(),
    };
    svc.create_user(&cli(), input).await
}

/// Logs in from [`ADDR`].
pub async fn login(
    svc: &Services,
    username: &str,
    password: &str,
    totp_code: Option<String>,
) -> Result<LoginOk, ServiceError> {
    let req = LoginRequest {
        username: username.into(),
        password: password.into(),
        totp_code,
        client_addr: Some(ADDR.into()),
    };
    svc.login(req).await
}

/// The request context of a logged-in officer.
pub fn as_user(ok: &LoginOk) -> Ctx {
    Ctx::new(Actor::User(ok.user.clone()), Some(ADDR.into()))
}

/// The newest audit entry.
pub async fn last_audit(svc: &Services) -> anyhow::Result<AuditRecord> {
    let head = svc.store().audit_head().await?;
    let mut last = svc.store().audit_after(head.seq - 1, 1).await?;
    last.pop().context("the audit log is empty")
}

/// The number of audit entries.
pub async fn audit_len(svc: &Services) -> anyhow::Result<i64> {
    Ok(svc.store().audit_head().await?.seq)
}

/// A password no seeded account has.
pub const WRONG: &str = "not the password";

/// An account to create from its four fields, not exempt from MFA.
pub fn user_input(username: &str, role: &str, office_code: &str, password: &str) -> NewUserInput {
    NewUserInput {
        username: username.into(),
        role: role.into(),
        office_code: office_code.into(),
        password: password.into(),
        mfa_exempt: false,
        full_name: String::new(),
    }
}

/// The field and code of a validation error, or a description of whatever else came back.
pub fn invalid<T: std::fmt::Debug>(
    r: Result<T, ServiceError>,
) -> Result<(&'static str, &'static str), String> {
    match r {
        Err(ServiceError::Validation { field, code, .. }) => Ok((field, code)),
        other => Err(format!("{other:?}")),
    }
}

/// The message of a `Forbidden` refusal, or a description of whatever else came back.
pub fn forbidden<T: std::fmt::Debug>(r: Result<T, ServiceError>) -> Result<String, String> {
    match r {
        Err(ServiceError::Forbidden(why)) => Ok(why),
        Err(e @ ServiceError::MissingScope(_)) => Ok(e.to_string()),
        other => Err(format!("{other:?}")),
    }
}
