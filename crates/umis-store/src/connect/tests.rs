//! Tests of opening a database: redacting passwords from URLs.

use super::*;

#[test]
fn passwords_are_redacted() {
    assert_eq!(
        redact_url("postgres://u:secret@h/db"),
        "postgres://u:***@h/db"
    );
    assert_eq!(redact_url("sqlite://x.db"), "sqlite://x.db");
}
