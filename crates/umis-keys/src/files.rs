//! The files of one purpose's key set: reading and writing them, private keys with mode 0600.

use crate::{KeyError, key_id};
use ed25519_dalek::{SigningKey, VerifyingKey};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A public key file as read.
pub(crate) struct PublicKeyFile {
    pub(crate) key_id: String,
    pub(crate) created_at: i64,
    pub(crate) public: VerifyingKey,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> KeyError + '_ {
    move |source| KeyError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The purposes with a key set in `dir` (none when `dir` does not exist yet).
pub(crate) fn purposes(dir: &Path) -> Result<Vec<String>, KeyError> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        if entry.file_type().map_err(io(dir))?.is_dir()
            && let Some(name) = entry.file_name().to_str()
        {
            out.push(name.to_owned());
        }
    }
    out.sort();
    Ok(out)
}

/// The id of the active key, if the purpose has one.
pub(crate) fn read_active(dir: &Path) -> Result<Option<String>, KeyError> {
    let path = dir.join("active");
    match fs::read_to_string(&path) {
        Ok(s) => Ok(Some(s.trim().to_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io(&path)(e)),
    }
}

/// Makes `id` the active key (written to a temporary file, then renamed over the old one).
pub(crate) fn write_active(dir: &Path, id: &str) -> Result<(), KeyError> {
    let tmp = dir.join("active.tmp");
    fs::write(&tmp, format!("{id}\n")).map_err(io(&tmp))?;
    let path = dir.join("active");
    fs::rename(&tmp, &path).map_err(io(&path))
}

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
