//! Checking signatures against the public keys of one purpose, active or retired.

use ed25519_dalek::{Signature, VerifyingKey};

/// The outcome of checking a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The signature is the key's over the message.
    Valid,
    /// The key is known but the signature does not match the message.
    BadSignature,
    /// No public key with that id is kept for the purpose.
    UnknownKey,
}

/// The public keys of one purpose (active and retired), checking signatures.
#[derive(Debug, Clone)]
pub struct Verifier {
    pub(crate) keys: std::collections::HashMap<String, VerifyingKey>,
}

impl Verifier {
    /// Checks `signature` (hex) over `message` against the public key `key_id`.
    pub fn verify(&self, key_id: &str, message: &[u8], signature: &str) -> Verdict {
        let Some(public) = self.keys.get(key_id) else {
            return Verdict::UnknownKey;
        };
        let Some(sig) = hex::decode(signature)
            .ok()
            .and_then(|b| <[u8; 64]>::try_from(b).ok())
        else {
            return Verdict::BadSignature;
        };
        if public
            .verify_strict(message, &Signature::from_bytes(&sig))
            .is_ok()
        {
            Verdict::Valid
        } else {
            Verdict::BadSignature
        }
    }
}
