//! Authorisation with an audit trail, audit search for auditors, and chain verification.

use crate::{Ctx, ServiceError, Services};
use umis_domain::{AuditOutcome, AuditRecord, ChainBreak, ChainVerifier, Permission};
use umis_store::AuditFilter;

/// The result of verifying the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyOutcome {
    /// Entries checked before the end or the first break.
    pub entries: i64,
    /// The first break, if any.
    pub broken: Option<ChainBreak>,
}

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

    /// Walks the whole chain in order and checks every link against the recorded head.
    pub async fn verify_audit(&self) -> Result<VerifyOutcome, ServiceError> {
        // Read the head first: entries appended while we walk are beyond it and ignored.
        let head = self.store.audit_head().await?;
        let mut verifier = ChainVerifier::default();
        let mut after = 0;
        let mut checked = 0;
        loop {
            let page = self.store.audit_after(after, 2000).await?;
            let Some(last) = page.last() else { break };
            after = last.seq;
            for record in &page {
                if record.seq > head.seq && checked >= head.seq {
                    break;
                }
                if let Err(broken) = verifier.push(record) {
                    return Ok(VerifyOutcome {
                        entries: checked,
                        broken: Some(broken),
                    });
                }
                checked += 1;
            }
            if after >= head.seq {
                break;
            }
        }
        match verifier.finish(head.seq, &head.hash) {
            Ok(n) => Ok(VerifyOutcome {
                entries: n,
                broken: None,
            }),
            Err(broken) => Ok(VerifyOutcome {
                entries: checked,
                broken: Some(broken),
            }),
        }
    }
}
