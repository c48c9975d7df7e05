//! Authorisation with an audit trail, audit search for auditors, and chain verification.

use crate::{Ctx, ServiceError, Services};
use umis_domain::{AuditOutcome, AuditRecord, Permission};
use umis_store::AuditFilter;

mod verify;

pub use verify::VerifyOutcome;

impl Services {
    /// Refuses, and audits the refusal, unless `ctx` may do `permission`; `action` names what
    /// was attempted.
    pub async fn authorize(
        &self,
        ctx: &Ctx,
        permission: Permission,
        action: &str,
    ) -> Result<(), ServiceError> {
        if ctx.may(permission) {
            return Ok(());
        }
        let err = ctx.refusal(permission);
        let entry = ctx
            .audit(self.now(), action, AuditOutcome::Denied)
            .detail("reason", err.to_string());
        self.store.append_audit(entry).await?;
        Err(err)
    }

    /// Records a read of personal or protected data by `ctx`.
    pub async fn audit_read(
        &self,
        ctx: &Ctx,
        action: &str,
        person_id: Option<&str>,
        purpose: Option<String>,
        details: serde_json::Value,
    ) -> Result<(), ServiceError> {
        let mut entry = ctx
            .audit(self.now(), action, AuditOutcome::Ok)
            .purpose(purpose.or_else(|| ctx.purpose.clone()));
        entry.person_id = person_id.map(str::to_owned);
        if let serde_json::Value::Object(map) = details {
            for (k, v) in map {
                entry = entry.detail(&k, v);
            }
        }
        self.store.append_audit(entry).await?;
        Ok(())
    }

    /// Records a security event (failed authentication, CSRF refusal, …).
    pub async fn audit_security(
        &self,
        ctx: &Ctx,
        action: &str,
        reason: &str,
    ) -> Result<(), ServiceError> {
        let entry = ctx
            .audit(self.now(), action, AuditOutcome::Denied)
            .detail("reason", reason);
        self.store.append_audit(entry).await?;
        Ok(())
    }

    /// Audit entries matching `filter`, newest first; the search itself is audited.
    pub async fn search_audit(
        &self,
        ctx: &Ctx,
        filter: &AuditFilter,
        limit: i64,
    ) -> Result<Vec<AuditRecord>, ServiceError> {
        self.authorize(ctx, Permission::ReadAudit, "audit.search")
            .await?;
        let limit = limit.clamp(1, 500);
        let rows = self.store.search_audit(filter, limit).await?;
        let mut details = serde_json::Map::new();
        for (k, v) in [
            ("actor", &filter.actor),
            ("person_id", &filter.person_id),
            ("action", &filter.action),
        ] {
            if let Some(v) = v {
                details.insert(k.into(), v.clone().into());
            }
        }
        details.insert("results".into(), rows.len().into());
        self.audit_read(
            ctx,
            "audit.search",
            filter.person_id.as_deref(),
            None,
            details.into(),
        )
        .await?;
        Ok(rows)
    }

    /// How many entries the chain holds (auditors only).
    pub async fn audit_size(&self, ctx: &Ctx) -> Result<i64, ServiceError> {
        self.authorize(ctx, Permission::ReadAudit, "audit.search")
            .await?;
        Ok(self.store.audit_head().await?.seq)
    }
}
