//! An audit log row as stored, and its reading back into an audit record.

use crate::StoreError;
use umis_domain::{AuditActor, AuditOutcome, AuditRecord, NewAuditEntry};

#[derive(sqlx::FromRow)]
pub(super) struct AuditRow {
    seq: i64,
    at: i64,
    actor_kind: String,
    actor: String,
    action: String,
    object_type: Option<String>,
    object_id: Option<String>,
    person_id: Option<String>,
    purpose: Option<String>,
    outcome: String,
    client_addr: Option<String>,
    details: String,
    prev_hash: String,
    hash: String,
}

impl AuditRow {
    pub(super) fn into_record(self) -> Result<AuditRecord, StoreError> {
        let actor_kind = AuditActor::parse(&self.actor_kind)
            .ok_or_else(|| StoreError::Corrupt(format!("audit {}: actor kind", self.seq)))?;
        let outcome = AuditOutcome::parse(&self.outcome)
            .ok_or_else(|| StoreError::Corrupt(format!("audit {}: outcome", self.seq)))?;
        // Details that no longer parse were tampered with: keep the raw text so the hash
        // check names the entry instead of failing the whole read.
        let details =
            serde_json::from_str(&self.details).unwrap_or(serde_json::Value::String(self.details));
        Ok(AuditRecord {
            seq: self.seq,
            entry: NewAuditEntry {
                at: self.at,
                actor_kind,
                actor: self.actor,
                action: self.action,
                object_type: self.object_type,
                object_id: self.object_id,
                person_id: self.person_id,
                purpose: self.purpose,
                outcome,
                client_addr: self.client_addr,
                details,
            },
            prev_hash: self.prev_hash,
            hash: self.hash,
        })
    }
}

pub(super) const AUDIT_COLUMNS: &str = "seq, at, actor_kind, actor, action, object_type, object_id, \
    person_id, purpose, outcome, client_addr, details, prev_hash, hash";
