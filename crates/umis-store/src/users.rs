//! Offices and officer accounts.

use crate::{Store, StoreError, audited, on_pool};
use std::fmt;
use umis_domain::{NewAuditEntry, Role};

/// An office of the service (headquarters, regional department, border crossing point office).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Office {
    /// Short code, e.g. `HQ` or `BAKU-AIRPORT`.
    pub code: String,
    /// Display name.
    pub name: String,
    /// Whether its officers see data nationwide.
    pub national: bool,
}

/// A new officer account.
pub struct NewUser {
    /// Login name.
    pub username: String,
    /// Role.
    pub role: Role,
    /// Office code (must exist).
    pub office_code: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Exempt from a role's mandatory second factor (demo accounts only).
    pub mfa_exempt: bool,
    /// Full name, as decision letters sign them (may be empty).
    pub full_name: String,
}

impl fmt::Debug for NewUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewUser")
            .field("username", &self.username)
            .field("role", &self.role)
            .field("office_code", &self.office_code)
            .finish_non_exhaustive()
    }
}

/// A stored officer account.
#[derive(Clone)]
pub struct User {
    /// Internal id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Full name, as decision letters sign them (empty until recorded).
    pub full_name: String,
    /// Role.
    pub role: Role,
    /// Office code.
    pub office_code: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Preferred UI language code, if chosen.
    pub lang: Option<String>,
    /// Disabled accounts cannot log in and their sessions stop working.
    pub disabled: bool,
    /// Exempt from mandatory second factor.
    pub mfa_exempt: bool,
    /// Base32 TOTP secret (pending or confirmed).
    pub totp_secret: Option<String>,
    /// Whether the second factor is confirmed and required at login.
    pub totp_enabled: bool,
    /// Consecutive failed logins.
    pub failed_logins: i32,
    /// Logins are refused until this instant (Unix µs).
    pub locked_until: Option<i64>,
    /// Last successful login (Unix µs).
    pub last_login_at: Option<i64>,
    /// Created (Unix µs).
    pub created_at: i64,
}

impl fmt::Debug for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("role", &self.role)
            .field("office_code", &self.office_code)
            .field("disabled", &self.disabled)
            .field("totp_enabled", &self.totp_enabled)
            .finish_non_exhaustive()
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    id: i64,
    username: String,
    full_name: String,
    role: String,
    office_code: String,
    password_hash: String,
    lang: Option<String>,
    disabled: bool,
    mfa_exempt: bool,
    totp_secret: Option<String>,
    totp_enabled: bool,
    failed_logins: i32,
    locked_until: Option<i64>,
    last_login_at: Option<i64>,
    created_at: i64,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;
    fn try_from(r: UserRow) -> Result<Self, StoreError> {
        Ok(User {
            role: r
                .role
                .parse()
                .map_err(|e: umis_domain::UnknownValue| StoreError::Corrupt(e.to_string()))?,
            id: r.id,
            username: r.username,
            full_name: r.full_name,
            office_code: r.office_code,
            password_hash: r.password_hash,
            lang: r.lang,
            disabled: r.disabled,
            mfa_exempt: r.mfa_exempt,
            totp_secret: r.totp_secret,
            totp_enabled: r.totp_enabled,
            failed_logins: r.failed_logins,
            locked_until: r.locked_until,
            last_login_at: r.last_login_at,
            created_at: r.created_at,
        })
    }
}

pub(crate) const USER_COLUMNS: &str = "id, username, full_name, role, office_code, password_hash, lang, \
    disabled, mfa_exempt, totp_secret, totp_enabled, failed_logins, locked_until, last_login_at, \
    created_at";

/// Replaces the values of office `$code` in the office list table `$table` (column `$column`:
/// its crossing points, its regions) with `$values`, in transaction `$tx`.
macro_rules! replace_office_list {
    ($tx:ident, $table:literal, $column:literal, $code:expr, $values:expr) => {
        sqlx::query(concat!("DELETE FROM ", $table, " WHERE office_code = $1"))
            .bind($code)
            .execute(&mut *$tx)
            .await?;
        for value in $values {
            sqlx::query(concat!(
                "INSERT INTO ",
                $table,
                " (office_code, ",
                $column,
                ") VALUES ($1, $2)"
            ))
            .bind($code)
            .bind(value)
            .execute(&mut *$tx)
            .await?;
        }
    };
}

impl Store {
    /// Creates or renames an office.
    pub async fn upsert_office(
        &self,
        office: &Office,
        at: i64,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        self.save_office(office, None, None, at, audit).await
    }

    /// Creates or renames an office and, with `crossing_points` and `regions`, replaces the
    /// crossing points and the regions it answers for, in one transaction.
    pub async fn save_office(
        &self,
        office: &Office,
        crossing_points: Option<&[String]>,
        regions: Option<&[String]>,
        at: i64,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            sqlx::query(
                "INSERT INTO offices (code, name, national, created_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name, national = excluded.national",
            )
            .bind(&office.code)
            .bind(&office.name)
            .bind(office.national)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            if let Some(bcps) = crossing_points {
                replace_office_list!(tx, "office_crossing_points", "bcp", &office.code, bcps);
            }
            if let Some(regions) = regions {
                replace_office_list!(tx, "office_regions", "region", &office.code, regions);
            }
        }, audit);
        Ok(())
    }

    /// Every office, by code.
    pub async fn list_offices(&self) -> Result<Vec<Office>, StoreError> {
        let sql = "SELECT code, name, national FROM offices ORDER BY code";
        Ok(on_pool!(&self.db, pool => sqlx::query_as(sql).fetch_all(pool).await?))
    }

    /// Replaces the border crossing points office `code` answers for.
    pub async fn set_office_crossing_points(
        &self,
        code: &str,
        bcps: &[String],
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            replace_office_list!(tx, "office_crossing_points", "bcp", code, bcps);
        }, audit);
        Ok(())
    }

    /// Every office's crossing points: (office code, crossing point), in that order.
    pub async fn office_crossing_points(&self) -> Result<Vec<(String, String)>, StoreError> {
        let sql = "SELECT office_code, bcp FROM office_crossing_points ORDER BY office_code, bcp";
        Ok(on_pool!(&self.db, pool => sqlx::query_as(sql).fetch_all(pool).await?))
    }

    /// Every office's regions: (office code, region), in that order.
    pub async fn office_regions(&self) -> Result<Vec<(String, String)>, StoreError> {
        let sql = "SELECT office_code, region FROM office_regions ORDER BY office_code, region";
        Ok(on_pool!(&self.db, pool => sqlx::query_as(sql).fetch_all(pool).await?))
    }

    /// The crossing points office `code` answers for (none listed: empty).
    pub async fn crossing_points_of(&self, code: &str) -> Result<Vec<String>, StoreError> {
        let sql = "SELECT bcp FROM office_crossing_points WHERE office_code = $1 ORDER BY bcp";
        Ok(on_pool!(&self.db, pool => sqlx::query_scalar(sql).bind(code).fetch_all(pool).await?))
    }

    /// The office with `code`, if any.
    pub async fn find_office(&self, code: &str) -> Result<Option<Office>, StoreError> {
        let sql = "SELECT code, name, national FROM offices WHERE code = $1";
        Ok(on_pool!(&self.db, pool => sqlx::query_as(sql).bind(code).fetch_optional(pool).await?))
    }

    /// Creates an account; a taken username or unknown office is a conflict.
    pub async fn create_user(
        &self,
        new: &NewUser,
        at: i64,
        audit: NewAuditEntry,
    ) -> Result<User, StoreError> {
        let id: i64 = audited!(&self.db, tx => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO users (username, role, office_code, password_hash, mfa_exempt, \
                 full_name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
                 RETURNING id",
            )
            .bind(&new.username)
            .bind(new.role.as_str())
            .bind(&new.office_code)
            .bind(&new.password_hash)
            .bind(new.mfa_exempt)
            .bind(&new.full_name)
            .bind(at)
            .fetch_one(&mut *tx)
            .await?;
            id
        }, |id| audit.object("user", id.to_string()));
        self.get_user(id).await
    }

    /// The account with `id`.
    pub async fn get_user(&self, id: i64) -> Result<User, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"));
        let row: UserRow =
            on_pool!(&self.db, pool => sqlx::query_as(sql).bind(id).fetch_one(pool).await?);
        row.try_into()
    }

    /// The account named `username`, if any.
    pub async fn find_user(&self, username: &str) -> Result<Option<User>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users WHERE username = $1"
        ));
        let row: Option<UserRow> = on_pool!(&self.db, pool =>
            sqlx::query_as(sql).bind(username).fetch_optional(pool).await?);
        row.map(User::try_from).transpose()
    }

    /// Every account, by username.
    pub async fn list_users(&self) -> Result<Vec<User>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users ORDER BY username"
        ));
        let rows: Vec<UserRow> =
            on_pool!(&self.db, pool => sqlx::query_as(sql).fetch_all(pool).await?);
        rows.into_iter().map(User::try_from).collect()
    }

    /// Disables or re-enables an account; disabling also ends its sessions at once.
    pub async fn set_user_disabled(
        &self,
        id: i64,
        disabled: bool,
        at: i64,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            let done = sqlx::query("UPDATE users SET disabled = $1, updated_at = $2 WHERE id = $3")
                .bind(disabled)
                .bind(at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            if disabled {
                sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
        }, audit);
        Ok(())
    }

    /// Records a failed login: adds one to the consecutive failures, locks logins until
    /// `lock_until(failures)`, and appends `audit` with the count as detail `failures`; returns
    /// the count.
    pub async fn record_login_failure(
        &self,
        id: i64,
        lock_until: impl Fn(i32) -> Option<i64>,
        audit: NewAuditEntry,
    ) -> Result<i32, StoreError> {
        // The count is incremented in the database, not written from an earlier read, so
        // concurrent wrong guesses each count and cannot slip past the delay.
        Ok(audited!(&self.db, tx => {
            let (failures,): (i32,) = sqlx::query_as(
                "UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1 \
                 RETURNING failed_logins",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query("UPDATE users SET locked_until = $1 WHERE id = $2")
                .bind(lock_until(failures))
                .bind(id)
                .execute(&mut *tx)
                .await?;
            failures
        }, |failures| audit.detail("failures", failures)))
    }

    /// Records a successful login and opens its session, with the audit entry, in one transaction.
    pub async fn record_login_success(
        &self,
        session: &crate::NewSession,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            sqlx::query(
                "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $1 \
                 WHERE id = $2",
            )
            .bind(session.created_at)
            .bind(session.user_id)
            .execute(&mut *tx)
            .await?;
            crate::sessions::insert_session!(tx, session);
        }, audit);
        Ok(())
    }

    /// Stores the account's full name.
    pub async fn set_user_full_name(
        &self,
        id: i64,
        full_name: &str,
        at: i64,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            sqlx::query("UPDATE users SET full_name = $1, updated_at = $2 WHERE id = $3")
                .bind(full_name)
                .bind(at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }, audit);
        Ok(())
    }

    /// Stores the account's preferred language.
    pub async fn set_user_lang(
        &self,
        id: i64,
        lang: &str,
        at: i64,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            sqlx::query("UPDATE users SET lang = $1, updated_at = $2 WHERE id = $3")
                .bind(lang)
                .bind(at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }, audit);
        Ok(())
    }

    /// Stores the account's TOTP secret and whether it is confirmed; a new secret forgets the
    /// last accepted code.
    pub async fn set_user_totp(
        &self,
        id: i64,
        secret: Option<&str>,
        enabled: bool,
        at: i64,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            sqlx::query(
                "UPDATE users SET totp_enabled = $2, updated_at = $3, \
                 totp_last_step = CASE WHEN totp_secret = $1 THEN totp_last_step ELSE NULL END, \
                 totp_secret = $1 WHERE id = $4",
            )
            .bind(secret)
            .bind(enabled)
            .bind(at)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }, audit);
        Ok(())
    }

    /// Accepts one-time-code time step `step` for the account unless it (or a later one) was
    /// accepted before; returns whether it was accepted. Atomic, so a code works once only.
    pub async fn claim_totp_step(&self, id: i64, step: i64) -> Result<bool, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query(
                "UPDATE users SET totp_last_step = $1 WHERE id = $2 \
                 AND (totp_last_step IS NULL OR totp_last_step < $1)",
            )
            .bind(step)
            .bind(id)
            .execute(pool)
            .await?
            .rows_affected()
                == 1
        }))
    }

    /// Replaces the account's password hash and ends all of its sessions.
    pub async fn set_user_password(
        &self,
        id: i64,
        password_hash: &str,
        at: i64,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            sqlx::query(
                "UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = NULL, \
                 updated_at = $2 WHERE id = $3",
            )
            .bind(password_hash)
            .bind(at)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }, audit);
        Ok(())
    }
}
