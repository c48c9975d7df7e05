//! Validation of account names, office codes, client names and passwords.

/// Why a value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    /// Usernames are 3–64 characters of lowercase letters, digits, `.`, `_`, `-`.
    #[error("username must be 3–64 characters: lowercase letters, digits, '.', '_' or '-'")]
    Username,
    /// Office codes are 2–16 characters of uppercase letters, digits and `-`.
    #[error("office code must be 2–16 characters: uppercase letters, digits or '-'")]
    OfficeCode,
    /// Client names follow the username rule.
    #[error("client name must be 3–64 characters: lowercase letters, digits, '.', '_' or '-'")]
    ClientName,
    /// Passwords are at least [`MIN_PASSWORD_LEN`] characters and at most 256.
    #[error("password must be between 12 and 256 characters")]
    PasswordLength,
}

/// The shortest password accepted.
pub const MIN_PASSWORD_LEN: usize = 12;

fn is_name(s: &str) -> bool {
    (3..=64).contains(&s.len())
        && s.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// Checks a username.
pub fn username(s: &str) -> Result<(), Invalid> {
    if is_name(s) {
        Ok(())
    } else {
        Err(Invalid::Username)
    }
}

/// Checks an API client name.
pub fn client_name(s: &str) -> Result<(), Invalid> {
    if is_name(s) {
        Ok(())
    } else {
        Err(Invalid::ClientName)
    }
}

/// Checks an office code.
pub fn office_code(s: &str) -> Result<(), Invalid> {
    let ok = (2..=16).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
    if ok { Ok(()) } else { Err(Invalid::OfficeCode) }
}

/// Whether `s` is a border crossing point code as UMIS stores it: 1–16 uppercase Latin
/// letters, digits, `-` or `_` (callers upper-case what they receive first). The one rule for
/// border events, statistics filters and the crossing points an office answers for.
pub fn is_bcp_code(s: &str) -> bool {
    (1..=16).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Checks a new password's length (counted in characters).
pub fn password(s: &str) -> Result<(), Invalid> {
    let n = s.chars().count();
    if (MIN_PASSWORD_LEN..=256).contains(&n) {
        Ok(())
    } else {
        Err(Invalid::PasswordLength)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes() {
        assert!(username("a.mammadov").is_ok());
        assert!(username("ab").is_err());
        assert!(username("Admin").is_err());
        assert!(username("name with space").is_err());
        assert!(username(&"x".repeat(65)).is_err());
        assert!(office_code("BAKU-HQ").is_ok());
        assert!(office_code("baku").is_err());
        assert!(is_bcp_code("GYD"));
        assert!(is_bcp_code("GYD-T2_A"));
        assert!(!is_bcp_code(""));
        assert!(!is_bcp_code("gyd"));
        assert!(!is_bcp_code("ASTARA!"));
        assert!(!is_bcp_code(&"A".repeat(17)));
        assert!(client_name("sbs-border").is_ok());
        assert!(password("short").is_err());
        assert!(password("long enough password").is_ok());
        assert!(password(&"ə".repeat(12)).is_ok());
    }
}
