//! Authorisation with an audit trail, audit search for auditors, and chain verification.

use crate::checkpoints::{CheckpointBreak, CheckpointCheck};
use crate::{Ctx, ServiceError, Services};
use umis_domain::{AuditOutcome, AuditRecord, ChainBreak, ChainVerifier, Permission};
use umis_store::{AuditFilter, AuditHead};

/// The result of verifying the whole chain and its signed checkpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyOutcome {
    /// Entries checked before the end or the first break.
    pub entries: i64,
    /// The first break, if any.
    pub broken: Option<ChainBreak>,
    /// Checkpoints whose signature verified.
    pub checkpoints: i64,
    /// The first checkpoint that does not hold, if any.
    pub bad_checkpoint: Option<CheckpointBreak>,
}

impl VerifyOutcome {
    /// What is wrong, in English for operators; `None` when chain and checkpoints hold.
    pub fn problem(&self) -> Option<String> {
        match (&self.broken, &self.bad_checkpoint) {
            (None, None) => None,
            (Some(b), None) => Some(b.to_string()),
            (None, Some(c)) => Some(c.to_string()),
            (Some(b), Some(c)) => Some(format!("{b}; {c}")),
        }
    }
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

    /// Walks the whole chain in order and checks every link against the recorded head, and
    /// every signed checkpoint against its key and the chain.
    pub async fn verify_audit(&self) -> Result<VerifyOutcome, ServiceError> {
        Ok(self.verify_audit_with_head().await?.1)
    }

    /// [`Self::verify_audit`], with the head that was verified.
    pub(crate) async fn verify_audit_with_head(
        &self,
    ) -> Result<(AuditHead, VerifyOutcome), ServiceError> {
        // Read the head first: entries appended while we walk are beyond it and ignored.
        let head = self.store.audit_head().await?;
        let mut checkpoints = CheckpointCheck::load(self).await?;
        let (entries, broken) = self.walk_chain(&head, &mut checkpoints).await?;
        let signed = checkpoints.checked;
        let bad_checkpoint = checkpoints.finish(broken.is_none().then_some(head.seq));
        let outcome = VerifyOutcome {
            entries,
            broken,
            checkpoints: signed,
            bad_checkpoint,
        };
        Ok((head, outcome))
    }

    /// Checks every link up to `head`, showing each entry to `checkpoints`; returns the
    /// entries checked and the first break.
    async fn walk_chain(
        &self,
        head: &AuditHead,
        checkpoints: &mut CheckpointCheck,
    ) -> Result<(i64, Option<ChainBreak>), ServiceError> {
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
                    return Ok((checked, Some(broken)));
                }
                checkpoints.entry_seen(record.seq, &record.hash);
                checked += 1;
            }
            if after >= head.seq {
                break;
            }
        }
        Ok(match verifier.finish(head.seq, &head.hash) {
            Ok(n) => (n, None),
            Err(broken) => (checked, Some(broken)),
        })
    }
}
