//! Person numbers, partial dates and document numbers.

use super::*;

#[test]
fn person_numbers_carry_a_check_digit() {
    for r in [0u64, 1, 42, u64::MAX, 8_999_999_999] {
        let id = PersonId::from_random(r);
        let s = id.to_string();
        assert_eq!(s.len(), 11, "{s}");
        assert_eq!(s.parse::<PersonId>(), Ok(id));
        // Any single changed digit is caught.
        let mut bytes = s.clone().into_bytes();
        bytes[4] = if bytes[4] == b'9' { b'0' } else { bytes[4] + 1 };
        let changed = String::from_utf8(bytes).unwrap();
        assert_eq!(
            changed.parse::<PersonId>(),
            Err(PersonIdError::CheckDigit),
            "{changed}"
        );
    }
    assert_eq!("123".parse::<PersonId>(), Err(PersonIdError::Format));
    assert_eq!(
        "0123456789x".parse::<PersonId>(),
        Err(PersonIdError::Format)
    );
    // Two random numbers differ: not sequential.
    assert_ne!(PersonId::from_random(7), PersonId::from_random(8));
}

#[test]
fn partial_dates() {
    let cases = [
        ("1980", true),
        ("1980-05", true),
        ("1980-05-31", true),
        ("2024-02-29", true),
        ("2023-02-29", false),
        ("1980-13", false),
        ("1980-00-10", false),
        ("80-05-01", false),
        ("1980/05/01", false),
        ("", false),
        ("1980-5-1", false),
        ("1980-05-01-02", false),
    ];
    for (s, ok) in cases {
        let parsed = s.parse::<PartialDate>();
        assert_eq!(parsed.is_ok(), ok, "{s}");
        if let Ok(d) = parsed {
            assert_eq!(d.to_string(), s);
        }
    }
    let today = PartialDate::ymd(2026, 11, 22).unwrap();
    assert!("2026-12".parse::<PartialDate>().unwrap().is_after(today));
    assert!(!"2026".parse::<PartialDate>().unwrap().is_after(today));
    assert!(!"2026-11-22".parse::<PartialDate>().unwrap().is_after(today));
    assert!("2027".parse::<PartialDate>().unwrap().is_after(today));
}

#[test]
fn document_numbers_fold_ocr_confusions() {
    assert_eq!(
        fold_document_number("C0I 234-567"),
        fold_document_number("co1234567")
    );
    assert_eq!(fold_document_number("SB<12"), "5812");
    assert_ne!(
        fold_document_number("C01234567"),
        fold_document_number("C01234568")
    );
}
