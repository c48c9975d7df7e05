//! Signed checkpoints of the audit chain's head: appended, listed for verification.

use crate::{Store, StoreError, on_pool};

/// A checkpoint to store: the head it signs and the signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditCheckpoint {
    /// When it was signed (Unix µs).
    pub at: i64,
    /// The head's entry count.
    pub seq: i64,
    /// The hash of entry `seq`.
    pub hash: String,
    /// The purpose of the key that signed (`audit`).
    pub purpose: String,
    /// The signing key's id.
    pub key_id: String,
    /// The signature, hex.
    pub signature: String,
}

/// A stored checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditCheckpoint {
    /// Its number, increasing.
    pub id: i64,
    /// What was signed, and by which key.
    pub checkpoint: NewAuditCheckpoint,
}

#[derive(sqlx::FromRow)]
struct CheckpointRow {
    id: i64,
    at: i64,
    seq: i64,
    hash: String,
    purpose: String,
    key_id: String,
    signature: String,
}

impl From<CheckpointRow> for AuditCheckpoint {
    fn from(r: CheckpointRow) -> Self {
        AuditCheckpoint {
            id: r.id,
            checkpoint: NewAuditCheckpoint {
                at: r.at,
                seq: r.seq,
                hash: r.hash,
                purpose: r.purpose,
                key_id: r.key_id,
                signature: r.signature,
            },
        }
    }
}

impl Store {
    /// Appends a checkpoint; returns its id.
    pub async fn add_audit_checkpoint(&self, c: &NewAuditCheckpoint) -> Result<i64, StoreError> {
        let id: i64 = on_pool!(&self.db, pool => sqlx::query_scalar(
            "INSERT INTO audit_checkpoints (at, seq, hash, purpose, key_id, signature) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(c.at)
        .bind(c.seq)
        .bind(&c.hash)
        .bind(&c.purpose)
        .bind(&c.key_id)
        .bind(&c.signature)
        .fetch_one(pool)
        .await?);
        Ok(id)
    }

    /// Up to `limit` checkpoints with `id > after`, oldest first.
    pub async fn audit_checkpoints_after(
        &self,
        after: i64,
        limit: i64,
    ) -> Result<Vec<AuditCheckpoint>, StoreError> {
        let rows: Vec<CheckpointRow> = on_pool!(&self.db, pool => sqlx::query_as(
            "SELECT id, at, seq, hash, purpose, key_id, signature FROM audit_checkpoints \
             WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(pool)
        .await?);
        Ok(rows.into_iter().map(AuditCheckpoint::from).collect())
    }
}
