//! Signed checkpoints of the audit chain's head: signing one with the active `audit` key, and
//! checking every stored one (signature, and that the chain still has the signed hash there).

use crate::{ServiceError, Services};
use umis_keys::KeyStore;
use umis_store::{AuditCheckpoint, AuditHead, NewAuditCheckpoint};

mod check;

pub(crate) use check::CheckpointCheck;

/// The key purpose that signs audit checkpoints.
pub const AUDIT_KEY_PURPOSE: &str = "audit";

/// The bytes a checkpoint's signature covers: the head (`seq`, `hash`) and when it was signed.
pub fn checkpoint_message(seq: i64, hash: &str, at: i64) -> Vec<u8> {
    format!("umis audit checkpoint v1\nseq={seq}\nhash={hash}\nat={at}\n").into_bytes()
}

/// Why a checkpoint does not hold, naming it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointBreak {
    /// Signed by a key whose public key is not in the key store.
    #[error("checkpoint {checkpoint} (entry {seq}): signed by unknown key {key_id}")]
    UnknownKey {
        /// The checkpoint's id.
        checkpoint: i64,
        /// The entry it signs.
        seq: i64,
        /// The key id it names.
        key_id: String,
    },
    /// The signature does not match what the checkpoint records (forged or altered).
    #[error("checkpoint {checkpoint} (entry {seq}): signature does not verify (forged or altered)")]
    BadSignature {
        /// The checkpoint's id.
        checkpoint: i64,
        /// The entry it signs.
        seq: i64,
    },
    /// The chain no longer has the signed hash at the signed entry (the log was rewritten).
    #[error(
        "checkpoint {checkpoint}: entry {seq} no longer has the hash signed then (log rewritten)"
    )]
    Rewritten {
        /// The checkpoint's id.
        checkpoint: i64,
        /// The entry it signs.
        seq: i64,
    },
    /// The chain ends before the signed entry (the log was cut back).
    #[error("checkpoint {checkpoint}: entry {seq} signed then is no longer in the log")]
    Missing {
        /// The checkpoint's id.
        checkpoint: i64,
        /// The entry it signs.
        seq: i64,
    },
}

impl Services {
    /// The same services with signing keys in `keys` (for audit checkpoints).
    pub fn with_keys(mut self, keys: KeyStore) -> Self {
        self.keys = Some(keys);
        self
    }

    /// The key store, if one is configured.
    pub fn keys(&self) -> Option<&KeyStore> {
        self.keys.as_ref()
    }

    /// Verifies the chain and every checkpoint, then signs the verified head with the active
    /// audit key (making one if there is none) and stores the checkpoint. Refuses to sign a
    /// chain that does not verify.
    pub async fn checkpoint_audit(&self) -> Result<AuditCheckpoint, ServiceError> {
        if self.keys.is_none() {
            return Err(ServiceError::Internal("no key store configured".into()));
        }
        let (head, outcome) = self.verify_audit_with_head().await?;
        if let Some(problem) = outcome.problem() {
            return Err(ServiceError::Refused {
                code: "audit_broken",
                message: format!("the audit chain does not verify: {problem}"),
            });
        }
        self.sign_head(head).await
    }

    /// Signs `head` (already verified) and stores the checkpoint.
    pub(crate) async fn sign_head(&self, head: AuditHead) -> Result<AuditCheckpoint, ServiceError> {
        let keys = self
            .keys
            .as_ref()
            .ok_or_else(|| ServiceError::Internal("no key store configured".into()))?;
        let AuditHead { seq, hash } = head;
        let at = self.now();
        let signed = keys
            .sign(AUDIT_KEY_PURPOSE, &checkpoint_message(seq, &hash, at), at)
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        let checkpoint = NewAuditCheckpoint {
            at,
            seq,
            hash,
            purpose: AUDIT_KEY_PURPOSE.into(),
            key_id: signed.key_id,
            signature: signed.signature,
        };
        let id = self.store.add_audit_checkpoint(&checkpoint).await?;
        tracing::info!(checkpoint = id, seq, "audit checkpoint signed");
        Ok(AuditCheckpoint { id, checkpoint })
    }
}
