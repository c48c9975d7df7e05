//! Audit records and their hash chain: each entry stores the SHA-256 of its canonical content,
//! which includes the previous entry's hash, so any edited, deleted or reordered entry is detectable.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

/// The `prev_hash` of the first entry in the chain.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who did something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditActor {
    /// A logged-in officer.
    User,
    /// A partner agency's API client.
    Client,
    /// An operator at the command line, or the system itself.
    System,
    /// Someone not (yet) authenticated, e.g. a failed login.
    Anonymous,
}

impl AuditActor {
    /// The stable name stored in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditActor::User => "user",
            AuditActor::Client => "client",
            AuditActor::System => "system",
            AuditActor::Anonymous => "anonymous",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "user" => AuditActor::User,
            "client" => AuditActor::Client,
            "system" => AuditActor::System,
            "anonymous" => AuditActor::Anonymous,
            _ => return None,
        })
    }
}

/// How the audited action ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditOutcome {
    /// It was done.
    Ok,
    /// It was refused (authentication or authorisation).
    Denied,
    /// It was attempted and failed (e.g. invalid input).
    Failed,
}

impl AuditOutcome {
    /// The stable name stored in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditOutcome::Ok => "ok",
            AuditOutcome::Denied => "denied",
            AuditOutcome::Failed => "failed",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "ok" => AuditOutcome::Ok,
            "denied" => AuditOutcome::Denied,
            "failed" => AuditOutcome::Failed,
            _ => return None,
        })
    }
}

/// An audit entry before it is placed in the chain.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAuditEntry {
    /// When, in Unix microseconds (UTC).
    pub at: i64,
    /// Kind of actor.
    pub actor_kind: AuditActor,
    /// Username, client name, or operator label.
    pub actor: String,
    /// What was done, as a dotted name such as `user.create` or `person.view`.
    pub action: String,
    /// Type of the object acted on (`user`, `api_client`, `person`, …).
    pub object_type: Option<String>,
    /// Identifier of the object acted on.
    pub object_id: Option<String>,
    /// The person concerned, when the action touches personal data.
    pub person_id: Option<String>,
    /// The purpose or reason given by the actor.
    pub purpose: Option<String>,
    /// How it ended.
    pub outcome: AuditOutcome,
    /// The client's network address.
    pub client_addr: Option<String>,
    /// Further facts (never secrets), as a JSON object.
    pub details: serde_json::Value,
}

impl fmt::Debug for NewAuditEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Purpose and details may quote personal data: keep them out of logs.
        f.debug_struct("NewAuditEntry")
            .field("at", &self.at)
            .field("actor_kind", &self.actor_kind)
            .field("action", &self.action)
            .field("object_type", &self.object_type)
            .field("object_id", &self.object_id)
            .field("outcome", &self.outcome)
            .finish_non_exhaustive()
    }
}

impl NewAuditEntry {
    /// A minimal entry: who, what and how it ended; the rest is filled by builder calls.
    pub fn new(
        at: i64,
        actor_kind: AuditActor,
        actor: impl Into<String>,
        action: impl Into<String>,
        outcome: AuditOutcome,
    ) -> Self {
        Self {
            at,
            actor_kind,
            actor: actor.into(),
            action: action.into(),
            object_type: None,
            object_id: None,
            person_id: None,
            purpose: None,
            outcome,
            client_addr: None,
            details: serde_json::Value::Object(Default::default()),
        }
    }

    /// Names the object acted on.
    pub fn object(mut self, object_type: &str, object_id: impl Into<String>) -> Self {
        self.object_type = Some(object_type.to_owned());
        self.object_id = Some(object_id.into());
        self
    }

    /// Names the person concerned.
    pub fn person(mut self, person_id: impl Into<String>) -> Self {
        self.person_id = Some(person_id.into());
        self
    }

    /// Records the purpose given.
    pub fn purpose(mut self, purpose: Option<String>) -> Self {
        self.purpose = purpose.filter(|p| !p.trim().is_empty());
        self
    }

    /// Records the client address.
    pub fn from_addr(mut self, addr: Option<String>) -> Self {
        self.client_addr = addr;
        self
    }

    /// The entry as every database stores it: a NUL character (which PostgreSQL refuses in
    /// text) becomes U+FFFD wherever a caller's input may carry it; all else is kept as given.
    pub fn storable(mut self) -> Self {
        fn clean(s: &mut String) {
            if s.contains('\0') {
                *s = s.replace('\0', "\u{FFFD}");
            }
        }
        fn clean_value(v: &mut serde_json::Value) {
            match v {
                serde_json::Value::String(s) => clean(s),
                serde_json::Value::Array(items) => items.iter_mut().for_each(clean_value),
                serde_json::Value::Object(map) => {
                    if map.keys().any(|k| k.contains('\0')) {
                        *map = std::mem::take(map)
                            .into_iter()
                            .map(|(k, v)| (k.replace('\0', "\u{FFFD}"), v))
                            .collect();
                    }
                    map.values_mut().for_each(clean_value);
                }
                _ => {}
            }
        }
        clean(&mut self.actor);
        clean(&mut self.action);
        for s in [
            &mut self.object_type,
            &mut self.object_id,
            &mut self.person_id,
            &mut self.purpose,
            &mut self.client_addr,
        ]
        .into_iter()
        .flatten()
        {
            clean(s);
        }
        clean_value(&mut self.details);
        self
    }

    /// Adds a detail field.
    pub fn detail(mut self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        if let serde_json::Value::Object(map) = &mut self.details {
            map.insert(key.to_owned(), value.into());
        }
        self
    }

    /// Places the entry in the chain after `prev_hash` as number `seq`. What it records is made
    /// storable first (see [`NewAuditEntry::storable`]), so that the hash covers what is stored.
    pub fn seal(self, seq: i64, prev_hash: &str) -> AuditRecord {
        let entry = self.storable();
        let hash = content_hash(seq, prev_hash, &entry);
        AuditRecord {
            seq,
            entry,
            prev_hash: prev_hash.to_owned(),
            hash,
        }
    }
}

/// A sealed audit entry as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    /// Position in the chain, starting at 1, without gaps.
    pub seq: i64,
    /// The content.
    pub entry: NewAuditEntry,
    /// Hash of the previous entry ([`GENESIS_HASH`] for the first).
    pub prev_hash: String,
    /// SHA-256 (hex) of this entry's canonical content.
    pub hash: String,
}

/// The canonical form hashed: fields in a fixed order, `details` with sorted keys.
#[derive(Serialize)]
struct Canonical<'a> {
    seq: i64,
    prev_hash: &'a str,
    at: i64,
    actor_kind: &'static str,
    actor: &'a str,
    action: &'a str,
    object_type: &'a Option<String>,
    object_id: &'a Option<String>,
    person_id: &'a Option<String>,
    purpose: &'a Option<String>,
    outcome: &'static str,
    client_addr: &'a Option<String>,
    details: &'a serde_json::Value,
}

fn content_hash(seq: i64, prev_hash: &str, e: &NewAuditEntry) -> String {
    let canonical = Canonical {
        seq,
        prev_hash,
        at: e.at,
        actor_kind: e.actor_kind.as_str(),
        actor: &e.actor,
        action: &e.action,
        object_type: &e.object_type,
        object_id: &e.object_id,
        person_id: &e.person_id,
        purpose: &e.purpose,
        outcome: e.outcome.as_str(),
        client_addr: &e.client_addr,
        details: &e.details,
    };
    // Serialising a struct of strings, integers and a Value cannot fail; an empty
    // fallback would only make the hash mismatch, which verification then reports.
    let bytes = serde_json::to_vec(&canonical).unwrap_or_default();
    hex::encode(Sha256::digest(&bytes))
}

/// Why the chain is not intact, naming the first entry where it breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    /// An entry's stored hash does not match its content (it was edited).
    #[error("entry {seq}: content does not match its hash (edited)")]
    Tampered {
        /// The entry.
        seq: i64,
    },
    /// An entry does not point at the previous entry's hash (reordered or replaced).
    #[error("entry {seq}: previous-hash link broken (reordered, replaced or inserted)")]
    BrokenLink {
        /// The entry.
        seq: i64,
    },
    /// A sequence number is missing (an entry was deleted).
    #[error("entry {seq}: expected sequence number {expected} (entries deleted or reordered)")]
    Gap {
        /// The entry found.
        seq: i64,
        /// The number expected there.
        expected: i64,
    },
    /// The chain ends before the recorded head (entries at the end were deleted).
    #[error("chain ends at entry {last} but the head records {head} entries (tail deleted)")]
    Truncated {
        /// The last entry found.
        last: i64,
        /// The count recorded in the head.
        head: i64,
    },
}

/// Incremental chain verification: feed records in `seq` order.
#[derive(Debug)]
pub struct ChainVerifier {
    expected_seq: i64,
    prev_hash: String,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            expected_seq: 1,
            prev_hash: GENESIS_HASH.to_owned(),
        }
    }
}

impl ChainVerifier {
    /// Checks the next record.
    pub fn push(&mut self, record: &AuditRecord) -> Result<(), ChainBreak> {
        if record.seq != self.expected_seq {
            return Err(ChainBreak::Gap {
                seq: record.seq,
                expected: self.expected_seq,
            });
        }
        if record.prev_hash != self.prev_hash {
            return Err(ChainBreak::BrokenLink { seq: record.seq });
        }
        if content_hash(record.seq, &record.prev_hash, &record.entry) != record.hash {
            return Err(ChainBreak::Tampered { seq: record.seq });
        }
        self.expected_seq += 1;
        self.prev_hash = record.hash.clone();
        Ok(())
    }

    /// Checks the end of the chain against the recorded head; returns the number of entries.
    pub fn finish(&self, head_seq: i64, head_hash: &str) -> Result<i64, ChainBreak> {
        let last = self.expected_seq - 1;
        if last < head_seq {
            return Err(ChainBreak::Truncated {
                last,
                head: head_seq,
            });
        }
        if last == head_seq && head_seq > 0 && head_hash != self.prev_hash {
            return Err(ChainBreak::BrokenLink { seq: last });
        }
        Ok(last)
    }
}

/// Verifies a whole chain held in memory against its head.
pub fn verify_chain(
    records: &[AuditRecord],
    head_seq: i64,
    head_hash: &str,
) -> Result<i64, ChainBreak> {
    let mut v = ChainVerifier::default();
    for r in records {
        v.push(r)?;
    }
    v.finish(head_seq, head_hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditRecord> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let r = NewAuditEntry::new(
                    1_700_000_000_000_000 + seq,
                    AuditActor::User,
                    "officer",
                    "person.view",
                    AuditOutcome::Ok,
                )
                .object("person", format!("P{seq}"))
                .detail("b", 2)
                .detail("a", 1)
                .seal(seq, &prev);
                prev = r.hash.clone();
                r
            })
            .collect()
    }

    #[test]
    fn a_nul_character_is_sealed_as_stored() {
        let r = NewAuditEntry::new(1, AuditActor::Client, "c\0", "x.read", AuditOutcome::Ok)
            .object("person", "P\0")
            .detail("q\0", "a\0b")
            .detail("list", vec!["\0"])
            .seal(1, GENESIS_HASH);
        let text = format!(
            "{:?} {} {:?}",
            r.entry.object_id, r.entry.details, r.entry.actor
        );
        assert!(!text.contains('\0') && !text.contains("\\u0000"), "{text}");
        assert_eq!(r.entry.details["q\u{FFFD}"], "a\u{FFFD}b");
        assert_eq!(r.hash, content_hash(1, GENESIS_HASH, &r.entry));
    }

    #[test]
    fn intact_chain_verifies() {
        let c = chain(5);
        assert_eq!(verify_chain(&c, 5, &c[4].hash), Ok(5));
        assert_eq!(verify_chain(&[], 0, GENESIS_HASH), Ok(0));
    }

    #[test]
    fn edited_entry_is_named() {
        let mut c = chain(5);
        c[2].entry.actor = "someone-else".into();
        assert_eq!(
            verify_chain(&c, 5, &c[4].hash.clone()),
            Err(ChainBreak::Tampered { seq: 3 })
        );
    }

    #[test]
    fn deleted_entry_is_named() {
        let mut c = chain(5);
        c.remove(1);
        assert_eq!(
            verify_chain(&c, 5, &c[3].hash.clone()),
            Err(ChainBreak::Gap {
                seq: 3,
                expected: 2
            })
        );
    }

    #[test]
    fn reordered_entries_are_detected() {
        let mut c = chain(5);
        c.swap(1, 2);
        // Renumbering after the swap still breaks the links.
        c[1].seq = 2;
        c[2].seq = 3;
        assert_eq!(
            verify_chain(&c, 5, &c[4].hash.clone()),
            Err(ChainBreak::BrokenLink { seq: 2 })
        );
    }

    #[test]
    fn deleted_tail_is_detected_through_the_head() {
        let c = chain(5);
        assert_eq!(
            verify_chain(&c[..4], 5, &c[4].hash),
            Err(ChainBreak::Truncated { last: 4, head: 5 })
        );
    }

    #[test]
    fn details_key_order_does_not_change_the_hash() {
        let a = NewAuditEntry::new(1, AuditActor::System, "cli", "x", AuditOutcome::Ok)
            .detail("a", 1)
            .detail("b", 2)
            .seal(1, GENESIS_HASH);
        let b = NewAuditEntry::new(1, AuditActor::System, "cli", "x", AuditOutcome::Ok)
            .detail("b", 2)
            .detail("a", 1)
            .seal(1, GENESIS_HASH);
        assert_eq!(a.hash, b.hash);
    }
}
