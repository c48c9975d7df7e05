//! Key store behaviour: first key on first use, rotation keeps old public keys, file modes.

use super::*;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("umis-keys-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn the_first_signature_makes_a_key_and_verifies() -> anyhow::Result<()> {
    let dir = temp_dir("first");
    let keys = KeyStore::new(&dir);
    assert!(keys.list()?.is_empty());
    let signed = keys.sign("audit", b"seq=1", 10)?;
    let listed = keys.list()?;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].key_id, signed.key_id);
    assert!(listed[0].active);
    assert_eq!(signed.key_id.len(), 16);
    let verify = |msg: &[u8], sig: &str| keys.verify("audit", &signed.key_id, msg, sig);
    assert_eq!(verify(b"seq=1", &signed.signature)?, Verdict::Valid);
    assert_eq!(verify(b"seq=2", &signed.signature)?, Verdict::BadSignature);
    assert_eq!(verify(b"seq=1", "00ff")?, Verdict::BadSignature);
    assert_eq!(
        keys.verify("audit", "0123456789abcdef", b"seq=1", &signed.signature)?,
        Verdict::UnknownKey
    );
    assert_eq!(
        keys.verify("audit", "../../etc", b"seq=1", &signed.signature)?,
        Verdict::UnknownKey
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let private = dir.join("audit").join(format!("{}.key", signed.key_id));
        let mode = std::fs::metadata(private)?.permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    std::fs::remove_dir_all(dir)?;
    Ok(())
}

#[test]
fn rotation_retires_the_old_key_but_keeps_it_for_verification() -> anyhow::Result<()> {
    let dir = temp_dir("rotate");
    let keys = KeyStore::new(&dir);
    let old = keys.sign("audit", b"m", 1)?;
    let new = keys.rotate("audit", 2)?;
    assert_ne!(new.key_id, old.key_id);
    let listed = keys.keys_of("audit")?;
    let states: Vec<(&str, bool)> = listed
        .iter()
        .map(|k| (k.key_id.as_str(), k.active))
        .collect();
    assert_eq!(
        states,
        [(old.key_id.as_str(), false), (new.key_id.as_str(), true)]
    );
    assert!(
        !dir.join("audit")
            .join(format!("{}.key", old.key_id))
            .exists()
    );
    assert_eq!(
        keys.verify("audit", &old.key_id, b"m", &old.signature)?,
        Verdict::Valid
    );
    assert_eq!(keys.sign("audit", b"m", 3)?.key_id, new.key_id);
    // Purposes are separate key sets.
    assert_eq!(
        keys.verify("other", &old.key_id, b"m", &old.signature)?,
        Verdict::UnknownKey
    );
    std::fs::remove_dir_all(dir)?;
    Ok(())
}

#[test]
fn purposes_are_plain_names() {
    let keys = KeyStore::new(temp_dir("names"));
    for bad in ["", "../x", "Audit", "a/b"] {
        assert!(matches!(
            keys.rotate(bad, 0),
            Err(KeyError::InvalidPurpose(_))
        ));
    }
}
