//! The files of one purpose's key set: reading and writing them, private keys with mode 0600.

mod keypair;
mod public;

pub(crate) use keypair::{read_private, remove_private, write_key};
pub(crate) use public::public_keys;

use crate::KeyError;
use std::fs;
use std::path::Path;

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
