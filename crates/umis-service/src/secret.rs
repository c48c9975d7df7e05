//! Random tokens and their hashes.

use sha2::{Digest, Sha256};

/// `n` random bytes from the operating system, hex-encoded.
pub(crate) fn random_hex(n: usize) -> Result<String, crate::ServiceError> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf)
        .map_err(|e| crate::ServiceError::Internal(format!("random source failed: {e}")))?;
    Ok(hex::encode(buf))
}

/// `n` random bytes from the operating system.
pub(crate) fn random_bytes(n: usize) -> Result<Vec<u8>, crate::ServiceError> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf)
        .map_err(|e| crate::ServiceError::Internal(format!("random source failed: {e}")))?;
    Ok(buf)
}

/// SHA-256 of a token, hex-encoded: what the database keeps instead of the token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares two strings in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
