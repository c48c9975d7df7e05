//! The public key files of a purpose, kept for ever for verification: reading and checking them.

use super::io;
use crate::{KeyError, key_id};
use ed25519_dalek::VerifyingKey;
use std::fs;
use std::path::{Path, PathBuf};

/// A public key file as read.
pub(crate) struct PublicKeyFile {
    pub(crate) key_id: String,
    pub(crate) created_at: i64,
    pub(crate) public: VerifyingKey,
}

/// Every public key of the purpose (none when its directory does not exist yet).
pub(crate) fn public_keys(dir: &Path) -> Result<Vec<PublicKeyFile>, KeyError> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(io(dir))? {
        let path: PathBuf = entry.map_err(io(dir))?.path();
        if path.extension().is_some_and(|e| e == "pub") {
            out.push(read_public(&path)?);
        }
    }
    Ok(out)
}

fn read_public(path: &Path) -> Result<PublicKeyFile, KeyError> {
    let text = fs::read_to_string(path).map_err(io(path))?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix('='))
            .map(str::trim)
    };
    let damaged = || KeyError::Damaged(path.to_path_buf());
    let bytes = field("public")
        .and_then(|h| hex::decode(h).ok())
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(damaged)?;
    let public = VerifyingKey::from_bytes(&bytes).map_err(|_| damaged())?;
    let created_at = field("created_at")
        .and_then(|v| v.parse().ok())
        .ok_or_else(damaged)?;
    let id = key_id(&public);
    // The file name and the recorded id must both be the key's own id.
    let stem = path.file_stem().and_then(|s| s.to_str());
    if stem != Some(id.as_str()) || field("key_id") != Some(id.as_str()) {
        return Err(damaged());
    }
    Ok(PublicKeyFile {
        key_id: id,
        created_at,
        public,
    })
}
