//! Verification of the audit chain: every link walked against the recorded head, and every
//! signed checkpoint checked.

use crate::checkpoints::{CheckpointBreak, CheckpointCheck};
use crate::{ServiceError, Services};
use umis_domain::{ChainBreak, ChainVerifier};
use umis_store::AuditHead;

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
