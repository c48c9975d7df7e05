//! UMIS signing keys: one Ed25519 key set per purpose (`audit`, …), kept in files outside the
//! database so that whoever can write the database cannot sign in the system's name.
//!
//! Layout under the key directory (by default `<data dir>/keys`):
//! ```text
//! <purpose>/active            the key id of the active signing key
//! <purpose>/<key id>.pub      public key, creation time (kept for ever, for verification)
//! <purpose>/<key id>.key      private key seed (mode 0600; removed when the key is retired)
//! ```

mod files;
mod store;
mod verify;

pub use store::KeyStore;
pub use verify::{Verdict, Verifier};

use ed25519_dalek::VerifyingKey;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// What can go wrong with the key store.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// A purpose name other than lower-case letters, digits, `-` and `_`.
    #[error("invalid key purpose '{0}'")]
    InvalidPurpose(String),
    /// Reading or writing a key file failed.
    #[error("key store {path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A key file holds something that is not a key.
    #[error("key file {0} is damaged")]
    Damaged(PathBuf),
    /// The operating system's random source failed.
    #[error("no randomness for a new key: {0}")]
    Random(String),
}

/// One key of the store as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    /// What the key signs (`audit`, …).
    pub purpose: String,
    /// First 16 hex digits of the SHA-256 of the public key.
    pub key_id: String,
    /// When the key was made (Unix µs).
    pub created_at: i64,
    /// Whether it is the purpose's active signing key (else retired: verification only).
    pub active: bool,
}

/// A signature made by the active key of a purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// The key that signed.
    pub key_id: String,
    /// The Ed25519 signature, hex.
    pub signature: String,
}

/// The key id of a public key: first 16 hex digits of its SHA-256.
pub fn key_id(public: &VerifyingKey) -> String {
    let digest = hex::encode(Sha256::digest(public.as_bytes()));
    digest[..16].to_owned()
}

#[cfg(test)]
mod tests;
