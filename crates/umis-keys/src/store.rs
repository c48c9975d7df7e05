//! The key store: listing, rotating and signing with the per-purpose key sets in a directory.

use crate::{KeyError, KeyInfo, Signed, Verdict, Verifier, files, key_id};
use ed25519_dalek::{Signature, Signer, SigningKey};
use std::path::{Path, PathBuf};

/// The key store: a directory of per-purpose key sets.
#[derive(Debug, Clone)]
pub struct KeyStore {
    dir: PathBuf,
}

impl KeyStore {
    /// A key store in `dir` (created when the first key is made).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The directory holding the key sets.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every key of every purpose, by purpose then creation time.
    pub fn list(&self) -> Result<Vec<KeyInfo>, KeyError> {
        let mut out = Vec::new();
        for purpose in files::purposes(&self.dir)? {
            out.extend(self.keys_of(&purpose)?);
        }
        Ok(out)
    }

    /// The keys of `purpose`, oldest first.
    pub fn keys_of(&self, purpose: &str) -> Result<Vec<KeyInfo>, KeyError> {
        let dir = self.purpose_dir(purpose)?;
        let active = files::read_active(&dir)?;
        let mut keys: Vec<KeyInfo> = files::public_keys(&dir)?
            .into_iter()
            .map(|p| KeyInfo {
                purpose: purpose.to_owned(),
                active: active.as_deref() == Some(p.key_id.as_str()),
                key_id: p.key_id,
                created_at: p.created_at,
            })
            .collect();
        keys.sort_by(|a, b| (a.created_at, &a.key_id).cmp(&(b.created_at, &b.key_id)));
        Ok(keys)
    }

    /// Makes a new active key for `purpose` at `now` (Unix µs) and retires the one before:
    /// its public key stays for verification, its private key file is removed.
    pub fn rotate(&self, purpose: &str, now: i64) -> Result<KeyInfo, KeyError> {
        let dir = self.purpose_dir(purpose)?;
        let previous = files::read_active(&dir)?;
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
        let signing = SigningKey::from_bytes(&seed);
        let id = key_id(&signing.verifying_key());
        files::write_key(&dir, &id, &signing, now)?;
        files::write_active(&dir, &id)?;
        if let Some(old) = previous.filter(|old| *old != id) {
            files::remove_private(&dir, &old)?;
        }
        Ok(KeyInfo {
            purpose: purpose.to_owned(),
            key_id: id,
            created_at: now,
            active: true,
        })
    }

    /// Signs `message` with the active key of `purpose`, first making one (at `now`, Unix µs)
    /// if the purpose has none.
    pub fn sign(&self, purpose: &str, message: &[u8], now: i64) -> Result<Signed, KeyError> {
        let dir = self.purpose_dir(purpose)?;
        let id = match files::read_active(&dir)? {
            Some(id) => id,
            None => self.rotate(purpose, now)?.key_id,
        };
        let signing = files::read_private(&dir, &id)?;
        let signature: Signature = signing.sign(message);
        Ok(Signed {
            key_id: id,
            signature: hex::encode(signature.to_bytes()),
        })
    }

    /// Checks `signature` (hex) over `message` against the public key `key_id` of `purpose`,
    /// active or retired.
    pub fn verify(
        &self,
        purpose: &str,
        key_id: &str,
        message: &[u8],
        signature: &str,
    ) -> Result<Verdict, KeyError> {
        Ok(self.verifier(purpose)?.verify(key_id, message, signature))
    }

    /// Every public key of `purpose`, read once, for checking many signatures.
    pub fn verifier(&self, purpose: &str) -> Result<Verifier, KeyError> {
        let dir = self.purpose_dir(purpose)?;
        let keys = files::public_keys(&dir)?
            .into_iter()
            .map(|p| (p.key_id, p.public))
            .collect();
        Ok(Verifier { keys })
    }

    fn purpose_dir(&self, purpose: &str) -> Result<PathBuf, KeyError> {
        let valid = !purpose.is_empty()
            && purpose.len() <= 32
            && purpose
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if !valid {
            return Err(KeyError::InvalidPurpose(purpose.to_owned()));
        }
        Ok(self.dir.join(purpose))
    }
}
