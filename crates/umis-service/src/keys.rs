//! Signing key administration: listing the key sets and rotating a purpose's key, audited.

use crate::{Ctx, ServiceError, Services};
use umis_domain::{AuditOutcome, Permission};
use umis_keys::KeyInfo;

impl Services {
    /// Every key of every purpose in the key store (administrators only).
    pub async fn list_keys(&self, ctx: &Ctx) -> Result<Vec<KeyInfo>, ServiceError> {
        self.authorize(ctx, Permission::ManageSecurity, "keys.list")
            .await?;
        self.key_store()?
            .list()
            .map_err(|e| ServiceError::Internal(e.to_string()))
    }

    /// Makes a new active key for `purpose` and retires the one before (its public key stays
    /// for verification); the rotation is audited.
    pub async fn rotate_key(&self, ctx: &Ctx, purpose: &str) -> Result<KeyInfo, ServiceError> {
        self.authorize(ctx, Permission::ManageSecurity, "keys.rotate")
            .await?;
        let key = match self.key_store()?.rotate(purpose, self.now()) {
            Ok(key) => key,
            Err(umis_keys::KeyError::InvalidPurpose(p)) => {
                return Err(ServiceError::invalid(
                    "purpose",
                    "invalid_purpose",
                    format!("'{p}' is not a key purpose (lower-case letters, digits, - and _)"),
                ));
            }
            Err(e) => return Err(ServiceError::Internal(e.to_string())),
        };
        let entry = ctx
            .audit(self.now(), "keys.rotate", AuditOutcome::Ok)
            .object("key", key.key_id.clone())
            .detail("purpose", purpose);
        self.store.append_audit(entry).await?;
        Ok(key)
    }

    fn key_store(&self) -> Result<&umis_keys::KeyStore, ServiceError> {
        self.keys()
            .ok_or_else(|| ServiceError::Internal("no key store configured".into()))
    }
}
