//! The files of a new key pair and the private key files: writing them with mode 0600, reading
//! and removing them.

use super::io;
use crate::{KeyError, key_id};
use ed25519_dalek::SigningKey;
use std::fs;
use std::io::Write;
use std::path::Path;

/// Writes the private key (mode 0600) and then the public key file of a new key.
pub(crate) fn write_key(
    dir: &Path,
    id: &str,
    key: &SigningKey,
    created_at: i64,
) -> Result<(), KeyError> {
    create_private_dir(dir)?;
    let private = dir.join(format!("{id}.key"));
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&private).map_err(io(&private))?;
    file.write_all(format!("{}\n", hex::encode(key.to_bytes())).as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(io(&private))?;
    let public = dir.join(format!("{id}.pub"));
    let text = format!(
        "key_id={id}\ncreated_at={created_at}\npublic={}\n",
        hex::encode(key.verifying_key().as_bytes())
    );
    fs::write(&public, text).map_err(io(&public))
}

/// Creates the purpose's directory (and the key directory) readable by the owner only.
fn create_private_dir(dir: &Path) -> Result<(), KeyError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(io(dir))
}

/// The private key `id`.
pub(crate) fn read_private(dir: &Path, id: &str) -> Result<SigningKey, KeyError> {
    let path = dir.join(format!("{id}.key"));
    let text = fs::read_to_string(&path).map_err(io(&path))?;
    let seed = hex::decode(text.trim())
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(|| KeyError::Damaged(path.clone()))?;
    let key = SigningKey::from_bytes(&seed);
    if key_id(&key.verifying_key()) != id {
        return Err(KeyError::Damaged(path));
    }
    Ok(key)
}

/// Removes the private key `id` (retiring it); its public key file stays.
pub(crate) fn remove_private(dir: &Path, id: &str) -> Result<(), KeyError> {
    let path = dir.join(format!("{id}.key"));
    match fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io(&path)(e)),
    }
}
