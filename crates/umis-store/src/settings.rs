//! Security settings per role: whether a second factor is mandatory.

use crate::{Store, StoreError, audited, on_pool};
use umis_domain::{NewAuditEntry, Role};

impl Store {
    /// Whether `role` must use a second factor; without a stored setting, only `admin` must.
    pub async fn role_mfa_required(&self, role: Role) -> Result<bool, StoreError> {
        let sql = "SELECT mfa_required FROM role_settings WHERE role = $1";
        let row: Option<(bool,)> = on_pool!(&self.db, pool =>
            sqlx::query_as(sql).bind(role.as_str()).fetch_optional(pool).await?);
        Ok(row.map(|(r,)| r).unwrap_or(role == Role::Admin))
    }

    /// Sets whether `role` must use a second factor.
    pub async fn set_role_mfa_required(
        &self,
        role: Role,
        required: bool,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            sqlx::query(
                "INSERT INTO role_settings (role, mfa_required) VALUES ($1, $2) \
                 ON CONFLICT (role) DO UPDATE SET mfa_required = excluded.mfa_required",
            )
            .bind(role.as_str())
            .bind(required)
            .execute(&mut *tx)
            .await?;
        }, audit);
        Ok(())
    }
}
