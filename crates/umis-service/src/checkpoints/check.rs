//! Checking the stored checkpoints while the chain is walked: each signature against its key,
//! each signed hash against the entry it names.

use super::{AUDIT_KEY_PURPOSE, CheckpointBreak, checkpoint_message};
use crate::{ServiceError, Services};
use std::collections::BTreeMap;
use umis_domain::GENESIS_HASH;
use umis_keys::Verdict;
use umis_store::AuditCheckpoint;

/// The checkpoints to check while walking the chain, by the entry they sign.
pub(crate) struct CheckpointCheck {
    pending: BTreeMap<i64, Vec<AuditCheckpoint>>,
    /// Checkpoints whose signature verified.
    pub(crate) checked: i64,
    /// The first failure (by checkpoint id).
    failures: Vec<CheckpointBreak>,
}

impl CheckpointCheck {
    /// Loads every checkpoint and checks its signature; hashes are checked by [`Self::entry`].
    pub(crate) async fn load(services: &Services) -> Result<Self, ServiceError> {
        let verifier = match &services.keys {
            Some(keys) => Some(
                keys.verifier(AUDIT_KEY_PURPOSE)
                    .map_err(|e| ServiceError::Internal(e.to_string()))?,
            ),
            None => None,
        };
        let mut check = CheckpointCheck {
            pending: BTreeMap::new(),
            checked: 0,
            failures: Vec::new(),
        };
        let mut after = 0;
        loop {
            let page = services.store.audit_checkpoints_after(after, 1000).await?;
            let Some(last) = page.last() else { break };
            after = last.id;
            for cp in page {
                let c = &cp.checkpoint;
                let message = checkpoint_message(c.seq, &c.hash, c.at);
                let verdict = verifier.as_ref().map_or(Verdict::UnknownKey, |v| {
                    v.verify(&c.key_id, &message, &c.signature)
                });
                match verdict {
                    Verdict::Valid if c.purpose == AUDIT_KEY_PURPOSE => {
                        check.checked += 1;
                        check.pending.entry(c.seq).or_default().push(cp);
                    }
                    Verdict::UnknownKey => check.failures.push(CheckpointBreak::UnknownKey {
                        checkpoint: cp.id,
                        seq: c.seq,
                        key_id: c.key_id.clone(),
                    }),
                    _ => check.failures.push(CheckpointBreak::BadSignature {
                        checkpoint: cp.id,
                        seq: c.seq,
                    }),
                }
            }
        }
        if let Some(at_genesis) = check.pending.remove(&0) {
            for cp in at_genesis {
                check.entry(0, GENESIS_HASH, &cp);
            }
        }
        Ok(check)
    }

    /// Compares the chain's entry `seq` (with `hash`) with the checkpoints that sign it.
    pub(crate) fn entry_seen(&mut self, seq: i64, hash: &str) {
        if let Some(cps) = self.pending.remove(&seq) {
            for cp in cps {
                self.entry(seq, hash, &cp);
            }
        }
    }

    fn entry(&mut self, seq: i64, hash: &str, cp: &AuditCheckpoint) {
        if cp.checkpoint.hash != hash {
            self.failures.push(CheckpointBreak::Rewritten {
                checkpoint: cp.id,
                seq,
            });
        }
    }

    /// The first failing checkpoint (lowest id). `intact_to` is the head's seq when the whole
    /// chain verified: checkpoints beyond it sign entries no longer in the log.
    pub(crate) fn finish(mut self, intact_to: Option<i64>) -> Option<CheckpointBreak> {
        if let Some(end) = intact_to {
            for (seq, cps) in std::mem::take(&mut self.pending) {
                if seq > end {
                    for cp in cps {
                        self.failures.push(CheckpointBreak::Missing {
                            checkpoint: cp.id,
                            seq,
                        });
                    }
                }
            }
        }
        self.failures.into_iter().min_by_key(|f| match f {
            CheckpointBreak::UnknownKey { checkpoint, .. }
            | CheckpointBreak::BadSignature { checkpoint, .. }
            | CheckpointBreak::Rewritten { checkpoint, .. }
            | CheckpointBreak::Missing { checkpoint, .. } => *checkpoint,
        })
    }
}
