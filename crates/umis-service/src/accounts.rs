//! Officer accounts: creation, listing, disabling, language, second factor, offices, and the
//! per-role rule that makes a second factor mandatory.

use crate::auth::hash_password;
use crate::error::reason;
use crate::secret::random_bytes;
use crate::{Actor, Ctx, ServiceError, Services, UserActor};
use std::fmt;
use totp_rs::{Secret, Totp};
use umis_domain::{AuditOutcome, Lang, Permission, Role, validate};
use umis_store::{NewUser, Office, User};

/// What an administrator submits to create an account.
pub struct NewUserInput {
    /// Login name.
    pub username: String,
    /// Role name (validated).
    pub role: String,
    /// Office code (must exist).
    pub office_code: String,
    /// Initial password.
    pub password: String,
    /// Exempt from mandatory second factor (demo accounts).
    pub mfa_exempt: bool,
    /// Full name, as decision letters sign them (may be empty; an admin can set it later).
    pub full_name: String,
}

impl fmt::Debug for NewUserInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewUserInput")
            .field("username", &self.username)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// A second factor being enrolled: show the secret once, then confirm with a code.
pub struct TotpEnrolment {
    /// Base32 secret to type into an authenticator app.
    pub secret: String,
    /// `otpauth://` URL for authenticator apps.
    pub url: String,
}

impl fmt::Debug for TotpEnrolment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpEnrolment(..)")
    }
}

pub(crate) fn totp(issuer: &str, account: &str, secret_b32: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret_b32).ok()?;
    totp_rs::Builder::new()
        .with_secret(secret)
        .with_issuer(Some(issuer))
        .with_account_name(account)
        .build()
        .ok()
}

/// The time step `code` belongs to, if it is the current TOTP (±1 step) for the secret.
pub(crate) fn totp_step(
    issuer: &str,
    account: &str,
    secret: &str,
    code: &str,
    now: i64,
) -> Option<i64> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = totp(issuer, account, secret)?;
    let step = t.check(code, u64::try_from(now / 1_000_000).unwrap_or(0))?;
    i64::try_from(step).ok()
}

impl Services {
    /// Creates an officer account (admin or CLI).
    pub async fn create_user(&self, ctx: &Ctx, input: NewUserInput) -> Result<User, ServiceError> {
        self.authorize(ctx, Permission::ManageUsers, "user.create")
            .await?;
        validate::username(&input.username)
            .map_err(|e| ServiceError::invalid("username", "invalid_username", e.to_string()))?;
        let role: Role = input.role.parse().map_err(|e: umis_domain::UnknownValue| {
            ServiceError::invalid("role", "unknown_role", e.to_string())
        })?;
        validate::office_code(&input.office_code)
            .map_err(|e| ServiceError::invalid("office", "invalid_office", e.to_string()))?;
        validate::password(&input.password)
            .map_err(|e| ServiceError::invalid("password", "weak_password", e.to_string()))?;
        if self.store.find_office(&input.office_code).await?.is_none() {
            return Err(ServiceError::invalid(
                "office",
                "unknown_office",
                format!("no office with code '{}'", input.office_code),
            ));
        }
        let full_name = validate_full_name(&input.full_name)?;
        if self.store.find_user(&input.username).await?.is_some() {
            return Err(ServiceError::Conflict(format!(
                "username '{}' is taken",
                input.username
            )));
        }
        let new = NewUser {
            username: input.username,
            role,
            office_code: input.office_code,
            password_hash: hash_password(&input.password)?,
            mfa_exempt: input.mfa_exempt,
            full_name,
        };
        let now = self.now();
        let audit = ctx
            .audit(now, "user.create", AuditOutcome::Ok)
            .detail("username", new.username.clone())
            .detail("role", role.as_str())
            .detail("office", new.office_code.clone());
        Ok(self.store.create_user(&new, now, audit).await?)
    }

    /// Records an officer's full name, as decision letters sign them (admin or CLI).
    pub async fn set_user_full_name(
        &self,
        ctx: &Ctx,
        username: &str,
        full_name: &str,
    ) -> Result<User, ServiceError> {
        self.authorize(ctx, Permission::ManageUsers, "user.full_name")
            .await?;
        let full_name = validate_full_name(full_name)?;
        let user = self
            .store
            .find_user(username)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let now = self.now();
        let audit = ctx
            .audit(now, "user.full_name", AuditOutcome::Ok)
            .object("user", user.id.to_string())
            .detail("username", user.username.clone());
        self.store
            .set_user_full_name(user.id, &full_name, now, audit)
            .await?;
        Ok(self.store.get_user(user.id).await?)
    }

    /// Every account (admin or CLI).
    pub async fn list_users(&self, ctx: &Ctx) -> Result<Vec<User>, ServiceError> {
        self.authorize(ctx, Permission::ManageUsers, "user.list")
            .await?;
        Ok(self.store.list_users().await?)
    }

    /// Disables (ending its sessions at once) or re-enables an account.
    pub async fn set_user_disabled(
        &self,
        ctx: &Ctx,
        username: &str,
        disabled: bool,
    ) -> Result<(), ServiceError> {
        let action = if disabled {
            "user.disable"
        } else {
            "user.enable"
        };
        self.authorize(ctx, Permission::ManageUsers, action).await?;
        let user = self
            .store
            .find_user(username)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if let Actor::User(me) = &ctx.actor
            && me.id == user.id
            && disabled
        {
            return Err(ServiceError::Conflict(
                "you cannot disable your own account".into(),
            ));
        }
        let now = self.now();
        let audit = ctx
            .audit(now, action, AuditOutcome::Ok)
            .object("user", user.id.to_string())
            .detail("username", user.username.clone());
        Ok(self
            .store
            .set_user_disabled(user.id, disabled, now, audit)
            .await?)
    }

    /// Sets a new password for `username` (admin or CLI), ending its sessions.
    pub async fn reset_password(
        &self,
        ctx: &Ctx,
        username: &str,
        password: &str,
    ) -> Result<(), ServiceError> {
        self.authorize(ctx, Permission::ManageUsers, "user.password_reset")
            .await?;
        validate::password(password)
            .map_err(|e| ServiceError::invalid("password", "weak_password", e.to_string()))?;
        let user = self
            .store
            .find_user(username)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let now = self.now();
        let audit = ctx
            .audit(now, "user.password_reset", AuditOutcome::Ok)
            .object("user", user.id.to_string());
        Ok(self
            .store
            .set_user_password(user.id, &hash_password(password)?, now, audit)
            .await?)
    }

    /// Changes the officer's own password after checking the current one; other sessions end.
    pub async fn change_own_password(
        &self,
        ctx: &Ctx,
        current: &str,
        new_password: &str,
    ) -> Result<(), ServiceError> {
        let me = own_account(ctx)?;
        let user = self.store.get_user(me.id).await?;
        if !crate::auth::verify_password(current, &user.password_hash) {
            self.audit_security(ctx, "user.password_change", "wrong current password")
                .await?;
            return Err(ServiceError::invalid(
                "current_password",
                "wrong_password",
                "the current password is wrong",
            ));
        }
        validate::password(new_password)
            .map_err(|e| ServiceError::invalid("new_password", "weak_password", e.to_string()))?;
        let now = self.now();
        let audit = ctx
            .audit(now, "user.password_change", AuditOutcome::Ok)
            .object("user", me.id.to_string());
        Ok(self
            .store
            .set_user_password(me.id, &hash_password(new_password)?, now, audit)
            .await?)
    }

    /// Removes another officer's second factor (a lost authenticator); they enrol again at the
    /// next login when their role requires one.
    pub async fn reset_user_mfa(&self, ctx: &Ctx, username: &str) -> Result<(), ServiceError> {
        self.authorize(ctx, Permission::ManageUsers, "user.mfa_reset")
            .await?;
        let user = self
            .store
            .find_user(username)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let now = self.now();
        let audit = ctx
            .audit(now, "user.mfa_reset", AuditOutcome::Ok)
            .object("user", user.id.to_string());
        Ok(self
            .store
            .set_user_totp(user.id, None, false, now, audit)
            .await?)
    }

    /// Stores the officer's own language preference.
    pub async fn set_own_lang(&self, ctx: &Ctx, lang: Lang) -> Result<(), ServiceError> {
        let Actor::User(me) = &ctx.actor else {
            return Err(ServiceError::Unauthenticated(reason::LOGIN_REQUIRED));
        };
        let now = self.now();
        let audit = ctx
            .audit(now, "user.set_language", AuditOutcome::Ok)
            .object("user", me.id.to_string())
            .detail("lang", lang.code());
        Ok(self
            .store
            .set_user_lang(me.id, lang.code(), now, audit)
            .await?)
    }

    /// Starts enrolling a second factor for the officer: a fresh secret, not yet required.
    pub async fn totp_begin(&self, ctx: &Ctx) -> Result<TotpEnrolment, ServiceError> {
        let me = own_account(ctx)?;
        let secret = Secret::new(random_bytes(20)?.into_boxed_slice()).to_base32();
        let t = totp(&self.security.totp_issuer, &me.username, &secret)
            .ok_or_else(|| ServiceError::Internal("totp setup".into()))?;
        let url = t
            .to_url()
            .map_err(|e| ServiceError::Internal(format!("totp url: {e}")))?;
        let now = self.now();
        let audit = ctx
            .audit(now, "user.totp_begin", AuditOutcome::Ok)
            .object("user", me.id.to_string());
        self.store
            .set_user_totp(me.id, Some(&secret), false, now, audit)
            .await?;
        Ok(TotpEnrolment { secret, url })
    }

    /// Confirms enrolment with a current code; from then on logins need a code.
    pub async fn totp_confirm(&self, ctx: &Ctx, code: &str) -> Result<(), ServiceError> {
        let me = own_account(ctx)?;
        let user = self.store.get_user(me.id).await?;
        let Some(secret) = user.totp_secret.as_deref() else {
            return Err(ServiceError::invalid(
                "code",
                "no_enrolment",
                "start enrolment first",
            ));
        };
        let now = self.now();
        let fresh = match totp_step(&self.security.totp_issuer, &me.username, secret, code, now) {
            Some(step) => self.store.claim_totp_step(me.id, step).await?,
            None => false,
        };
        if !fresh {
            self.audit_security(ctx, "user.totp_confirm", "wrong code")
                .await?;
            return Err(ServiceError::invalid(
                "code",
                "wrong_code",
                "the code is not valid",
            ));
        }
        let audit = ctx
            .audit(now, "user.totp_confirm", AuditOutcome::Ok)
            .object("user", me.id.to_string());
        Ok(self
            .store
            .set_user_totp(me.id, Some(secret), true, now, audit)
            .await?)
    }

    /// Turns the officer's second factor off, unless the role requires one.
    pub async fn totp_disable(&self, ctx: &Ctx) -> Result<(), ServiceError> {
        let me = own_account(ctx)?;
        let user = self.store.get_user(me.id).await?;
        if !user.mfa_exempt && self.store.role_mfa_required(user.role).await? {
            return Err(ServiceError::Forbidden(
                "a second factor is mandatory for your role".into(),
            ));
        }
        let now = self.now();
        let audit = ctx
            .audit(now, "user.totp_disable", AuditOutcome::Ok)
            .object("user", me.id.to_string());
        Ok(self
            .store
            .set_user_totp(me.id, None, false, now, audit)
            .await?)
    }

    /// Whether each role must use a second factor.
    pub async fn role_mfa_settings(&self, ctx: &Ctx) -> Result<Vec<(Role, bool)>, ServiceError> {
        self.authorize(ctx, Permission::ManageSecurity, "security.view")
            .await?;
        let mut out = Vec::new();
        for role in Role::ALL {
            out.push((role, self.store.role_mfa_required(role).await?));
        }
        Ok(out)
    }

    /// Makes a second factor mandatory, or optional, for `role`.
    pub async fn set_role_mfa(
        &self,
        ctx: &Ctx,
        role: Role,
        required: bool,
    ) -> Result<(), ServiceError> {
        self.authorize(ctx, Permission::ManageSecurity, "security.set_mfa")
            .await?;
        let audit = ctx
            .audit(self.now(), "security.set_mfa", AuditOutcome::Ok)
            .object("role", role.as_str())
            .detail("mfa_required", required);
        Ok(self
            .store
            .set_role_mfa_required(role, required, audit)
            .await?)
    }

    /// Creates or renames an office (admin or CLI).
    pub async fn upsert_office(&self, ctx: &Ctx, office: Office) -> Result<(), ServiceError> {
        self.save_office(ctx, office, None, None).await.map(|_| ())
    }

    /// Creates or renames an office and, with `crossing_points` and `regions`, sets the border
    /// crossing points (see [`Services::set_office_crossing_points`]) and the regions it answers
    /// for: its officers without national scope see the overstays and overdue registrations of
    /// persons registered in those regions. Everything is checked before anything is written,
    /// and all is written in one transaction. Returns the crossing points and the regions as
    /// stored, when given.
    pub async fn save_office(
        &self,
        ctx: &Ctx,
        office: Office,
        crossing_points: Option<&[String]>,
        regions: Option<&[String]>,
    ) -> Result<(Option<Vec<String>>, Option<Vec<String>>), ServiceError> {
        self.authorize(ctx, Permission::ManageUsers, "office.upsert")
            .await?;
        validate::office_code(&office.code)
            .map_err(|e| ServiceError::invalid("code", "invalid_office", e.to_string()))?;
        if office.name.trim().is_empty() || office.name.chars().count() > 200 {
            return Err(ServiceError::invalid(
                "name",
                "invalid_name",
                "1–200 characters",
            ));
        }
        let clean = crossing_points.map(clean_crossing_points).transpose()?;
        let areas = regions.map(clean_regions).transpose()?;
        let now = self.now();
        let mut audit = ctx
            .audit(now, "office.upsert", AuditOutcome::Ok)
            .object("office", office.code.clone());
        if let Some(c) = &clean {
            audit = audit.detail("crossing_points", c.join(","));
        }
        if let Some(r) = &areas {
            audit = audit.detail("regions", r.join(";"));
        }
        self.store
            .save_office(&office, clean.as_deref(), areas.as_deref(), now, audit)
            .await?;
        Ok((clean, areas))
    }

    /// The regions of every office that lists some, by office code.
    pub async fn office_regions(
        &self,
    ) -> Result<std::collections::BTreeMap<String, Vec<String>>, ServiceError> {
        let mut out: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for (office, region) in self.store.office_regions().await? {
            out.entry(office).or_default().push(region);
        }
        Ok(out)
    }

    /// Every office.
    pub async fn list_offices(&self) -> Result<Vec<Office>, ServiceError> {
        Ok(self.store.list_offices().await?)
    }

    /// Sets the border crossing points office `code` answers for (admin or CLI): its officers
    /// see the alerts raised there. Codes are upper-cased, blanks and repeats dropped; an
    /// empty list returns the office to the crossing point with its own code. Returns the
    /// list as stored.
    pub async fn set_office_crossing_points(
        &self,
        ctx: &Ctx,
        code: &str,
        bcps: &[String],
    ) -> Result<Vec<String>, ServiceError> {
        self.authorize(ctx, Permission::ManageUsers, "office.crossing_points")
            .await?;
        let office = self
            .store
            .find_office(code)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let clean = clean_crossing_points(bcps)?;
        let audit = ctx
            .audit(self.now(), "office.crossing_points", AuditOutcome::Ok)
            .object("office", office.code.clone())
            .detail("crossing_points", clean.join(","));
        self.store
            .set_office_crossing_points(&office.code, &clean, audit)
            .await?;
        Ok(clean)
    }

    /// The crossing points of every office that lists some, by office code.
    pub async fn office_crossing_points(
        &self,
    ) -> Result<std::collections::BTreeMap<String, Vec<String>>, ServiceError> {
        let mut out: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for (office, bcp) in self.store.office_crossing_points().await? {
            out.entry(office).or_default().push(bcp);
        }
        Ok(out)
    }
}

/// The most crossing points one office answers for.
pub const MAX_OFFICE_CROSSING_POINTS: usize = 64;

/// Checks a list of crossing point codes for an office: upper-cased, sorted, blanks and repeats
/// dropped; a code that is not 1–16 letters, digits, '-' or '_', or more than
/// [`MAX_OFFICE_CROSSING_POINTS`] codes, is refused (field `crossing_points`).
fn clean_crossing_points(bcps: &[String]) -> Result<Vec<String>, ServiceError> {
    let mut clean: Vec<String> = Vec::new();
    for bcp in bcps {
        let bcp = bcp.trim().to_ascii_uppercase();
        if bcp.is_empty() {
            continue;
        }
        if !umis_domain::validate::is_bcp_code(&bcp) {
            return Err(ServiceError::invalid(
                "crossing_points",
                "invalid_bcp",
                "a crossing point code is 1–16 letters, digits, '-' or '_'",
            ));
        }
        if !clean.contains(&bcp) {
            clean.push(bcp);
        }
    }
    if clean.len() > MAX_OFFICE_CROSSING_POINTS {
        return Err(ServiceError::invalid(
            "crossing_points",
            "too_many",
            format!("at most {MAX_OFFICE_CROSSING_POINTS} crossing points per office"),
        ));
    }
    clean.sort();
    Ok(clean)
}

/// The most regions one office answers for.
pub const MAX_OFFICE_REGIONS: usize = 64;

/// Checks a list of region names for an office: trimmed, inner spaces collapsed, blanks and
/// repeats (regardless of case) dropped, sorted; a name over 100 characters or with control
/// characters, or more than [`MAX_OFFICE_REGIONS`] names, is refused (field `regions`).
fn clean_regions(regions: &[String]) -> Result<Vec<String>, ServiceError> {
    let mut clean: Vec<String> = Vec::new();
    for region in regions {
        let region = region.split_whitespace().collect::<Vec<_>>().join(" ");
        if region.is_empty() {
            continue;
        }
        if region.chars().count() > 100 || region.chars().any(char::is_control) {
            return Err(ServiceError::invalid(
                "regions",
                "invalid_region",
                "a region name is 1–100 characters without control characters",
            ));
        }
        if !clean
            .iter()
            .any(|r| r.to_lowercase() == region.to_lowercase())
        {
            clean.push(region);
        }
    }
    if clean.len() > MAX_OFFICE_REGIONS {
        return Err(ServiceError::invalid(
            "regions",
            "too_many",
            format!("at most {MAX_OFFICE_REGIONS} regions per office"),
        ));
    }
    clean.sort();
    Ok(clean)
}

fn own_account(ctx: &Ctx) -> Result<&UserActor, ServiceError> {
    match &ctx.actor {
        Actor::User(me) => Ok(me),
        _ => Err(ServiceError::Unauthenticated(reason::LOGIN_REQUIRED)),
    }
}

/// A full name as stored: trimmed, at most 120 characters, no control characters.
fn validate_full_name(raw: &str) -> Result<String, ServiceError> {
    let name = raw.trim();
    if name.chars().count() > 120 || name.chars().any(char::is_control) {
        return Err(ServiceError::invalid(
            "full_name",
            "invalid_full_name",
            "a full name has at most 120 characters and no control characters",
        ));
    }
    Ok(name.to_owned())
}
