//! One case per defect: the code, the field and the 1-based position of every error reported.

use umis_domain::mrz::{Date, MrzBuilder, MrzErrorCode as C, MrzField as F, MrzFormat, Sex};

use crate::support::{TD1, TD1_LONG, TD3, parse, rechecked_td3, replace, with_code};

type Expected = &'static [(C, F, Option<(usize, usize)>)];

fn td3_built(birth: (i32, u8, u8), state: &str, number: &str, code: &str) -> String {
    MrzBuilder::new(MrzFormat::Td3)
        .document_code(code)
        .issuing_state(state)
        .name("Eriksson", "Anna Maria")
        .document_number(number)
        .nationality("UTO")
        .birth_date(Date::from(birth))
        .sex(Sex::Female)
        .expiry_date((2030, 4, 15))
        .optional_data("ZE184226B")
        .build()
        .expect("fits")
}

fn with_name(name: &str) -> String {
    let padded = format!("P<UTO{name:<<39}");
    format!("{padded}\n{}", TD3.split('\n').nth(1).unwrap_or_default())
}

fn cases() -> Vec<(&'static str, String, Expected)> {
    let td3_line2 = TD3.split('\n').nth(1).unwrap_or_default();
    vec![
        ("valid specimen", TD3.to_owned(), &[]),
        (
            "document number check digit",
            replace(TD3, 2, 10, '5'),
            &[
                (C::CheckDigitMismatch, F::DocumentNumber, Some((2, 10))),
                (C::CheckDigitMismatch, F::Composite, Some((2, 44))),
            ],
        ),
        (
            "birth date check digit",
            replace(TD3, 2, 20, '3'),
            &[
                (C::CheckDigitMismatch, F::BirthDate, Some((2, 20))),
                (C::CheckDigitMismatch, F::Composite, Some((2, 44))),
            ],
        ),
        (
            "expiry date check digit",
            replace(TD3, 2, 28, '0'),
            &[
                (C::CheckDigitMismatch, F::ExpiryDate, Some((2, 28))),
                (C::CheckDigitMismatch, F::Composite, Some((2, 44))),
            ],
        ),
        (
            "personal number check digit",
            replace(TD3, 2, 43, '2'),
            &[
                (C::CheckDigitMismatch, F::OptionalData, Some((2, 43))),
                (C::CheckDigitMismatch, F::Composite, Some((2, 44))),
            ],
        ),
        (
            "composite check digit",
            replace(TD3, 2, 44, '7'),
            &[(C::CheckDigitMismatch, F::Composite, Some((2, 44)))],
        ),
        (
            "letter as check digit",
            replace(TD3, 2, 10, 'A'),
            &[
                (C::InvalidCheckDigit, F::DocumentNumber, Some((2, 10))),
                (C::CheckDigitMismatch, F::Composite, Some((2, 44))),
            ],
        ),
        (
            "filler check digit for a personal number",
            replace(TD3, 2, 43, '<'),
            &[
                (C::InvalidCheckDigit, F::OptionalData, Some((2, 43))),
                (C::CheckDigitMismatch, F::Composite, Some((2, 44))),
            ],
        ),
        (
            "lower case",
            replace(TD3, 1, 1, 'p'),
            &[(C::LowerCase, F::DocumentCode, Some((1, 1)))],
        ),
        (
            "accented letter",
            replace(TD3, 1, 6, 'É'),
            &[(C::IllegalCharacter, F::Name, Some((1, 6)))],
        ),
        (
            "hyphen",
            replace(TD3, 2, 3, '-'),
            &[(C::IllegalCharacter, F::DocumentNumber, Some((2, 3)))],
        ),
        (
            "space in a name",
            replace(TD3, 1, 20, ' '),
            &[(C::IllegalCharacter, F::Name, Some((1, 20)))],
        ),
        (
            "tab",
            replace(TD3, 2, 21, '\t'),
            &[(C::IllegalCharacter, F::Sex, Some((2, 21)))],
        ),
        (
            "leading space",
            format!(" {TD3}"),
            &[
                (C::WrongLineLength, F::Document, None),
                (C::IllegalCharacter, F::Document, Some((1, 1))),
            ],
        ),
        (
            "short line",
            TD3[..TD3.len() - 1].to_owned(),
            &[(C::WrongLineLength, F::Document, None)],
        ),
        (
            "no text",
            "  \r\n ".to_owned(),
            &[(C::WrongLineCount, F::Document, None)],
        ),
        (
            "one line",
            td3_line2.to_owned(),
            &[(C::WrongLineCount, F::Document, None)],
        ),
        (
            "four lines",
            format!("{TD3}\n{TD3}"),
            &[(C::WrongLineCount, F::Document, None)],
        ),
        (
            "two lines of 30",
            TD1.split('\n').take(2).collect::<Vec<_>>().join("\n"),
            &[(C::UnknownFormat, F::Document, None)],
        ),
        (
            "blank line",
            TD3.replace('\n', "\n\n"),
            &[(C::EmptyLine, F::Document, None)],
        ),
        (
            "positions count the blank line",
            replace(&TD3.replace('\n', "\n \n"), 3, 21, 'Q'),
            &[
                (C::EmptyLine, F::Document, None),
                (C::InvalidSex, F::Sex, Some((3, 21))),
            ],
        ),
        (
            "month 13",
            td3_built((1974, 13, 1), "UTO", "L898902C3", "P"),
            &[(C::InvalidDate, F::BirthDate, Some((2, 16)))],
        ),
        (
            "31 February",
            td3_built((1974, 2, 31), "UTO", "L898902C3", "P"),
            &[(C::InvalidDate, F::BirthDate, Some((2, 18)))],
        ),
        (
            "29 February 1974",
            td3_built((1974, 2, 29), "UTO", "L898902C3", "P"),
            &[(C::InvalidDate, F::BirthDate, Some((2, 18)))],
        ),
        (
            "day 0",
            td3_built((1974, 8, 0), "UTO", "L898902C3", "P"),
            &[(C::InvalidDate, F::BirthDate, Some((2, 18)))],
        ),
        (
            "letter in a date",
            replace(TD3, 2, 15, 'A'),
            &[
                (C::InvalidDate, F::BirthDate, Some((2, 15))),
                (C::CheckDigitMismatch, F::BirthDate, Some((2, 20))),
                (C::CheckDigitMismatch, F::Composite, Some((2, 44))),
            ],
        ),
        (
            "partial expiry date",
            rechecked_td3(&TD3.replace("120415", "1204<<")),
            &[(C::InvalidDate, F::ExpiryDate, Some((2, 26)))],
        ),
        (
            "unknown year of birth only",
            rechecked_td3(&TD3.replace("740812", "<<0812")),
            &[(C::InvalidDate, F::BirthDate, Some((2, 14)))],
        ),
        (
            "half-filled day",
            rechecked_td3(&TD3.replace("740812", "74081<")),
            &[(C::InvalidDate, F::BirthDate, Some((2, 19)))],
        ),
        (
            "unknown issuing state",
            td3_built((1974, 8, 12), "ZZZ", "L898902C3", "P"),
            &[(C::UnknownCountry, F::IssuingState, Some((1, 3)))],
        ),
        (
            "unknown nationality",
            TD3.replace("6UTO", "6UT0"),
            &[(C::UnknownCountry, F::Nationality, Some((2, 11)))],
        ),
        (
            "sex",
            replace(TD3, 2, 21, 'Q'),
            &[(C::InvalidSex, F::Sex, Some((2, 21)))],
        ),
        (
            "card code on a passport",
            td3_built((1974, 8, 12), "UTO", "L898902C3", "I"),
            &[(C::InvalidDocumentCode, F::DocumentCode, Some((1, 1)))],
        ),
        (
            "digit in a document code",
            replace(TD3, 1, 2, '1'),
            &[(C::InvalidDocumentCode, F::DocumentCode, Some((1, 2)))],
        ),
        (
            "digit in a name",
            replace(TD3, 1, 7, '3'),
            &[(C::InvalidName, F::Name, Some((1, 7)))],
        ),
        (
            "name without surname",
            with_name("<<ANNA"),
            &[(C::InvalidName, F::Name, Some((1, 6)))],
        ),
        (
            "no name",
            with_name(""),
            &[(C::MissingField, F::Name, Some((1, 6)))],
        ),
        (
            "no document number",
            td3_built((1974, 8, 12), "UTO", "", "P"),
            &[(C::MissingField, F::DocumentNumber, Some((2, 1)))],
        ),
        (
            "TD1 filler check digit without overflow",
            replace(TD1, 1, 15, '<'),
            &[
                (C::InvalidCheckDigit, F::DocumentNumber, Some((1, 15))),
                (C::CheckDigitMismatch, F::Composite, Some((2, 30))),
            ],
        ),
        (
            "TD1 overflow holding only a check digit",
            TD1_LONG.replace("<7349<", "<9<<<<"),
            &[
                (
                    C::InvalidLongDocumentNumber,
                    F::DocumentNumber,
                    Some((1, 16)),
                ),
                (C::CheckDigitMismatch, F::Composite, Some((2, 30))),
            ],
        ),
        (
            "TD1 long document number check digit",
            replace(TD1_LONG, 1, 19, '8'),
            &[
                (C::CheckDigitMismatch, F::DocumentNumber, Some((1, 19))),
                (C::CheckDigitMismatch, F::Composite, Some((2, 30))),
            ],
        ),
    ]
}

#[test]
fn every_defect_is_reported_with_field_and_position() {
    for (name, text, expected) in cases() {
        let report = parse(&text);
        let found: Vec<_> = report
            .errors
            .iter()
            .map(|e| (e.code, e.field, e.line.zip(e.column)))
            .collect();
        assert_eq!(found, expected.to_vec(), "{name}: {:#?}", report.errors);
        assert_eq!(report.valid, expected.is_empty(), "{name}");
        for error in &report.errors {
            if let (Some(line), Some(column)) = (error.line, error.column) {
                let prefix = format!("line {line}, column {column}: ");
                assert!(
                    error.message.starts_with(&prefix),
                    "{name}: {}",
                    error.message
                );
            }
        }
    }
}

#[test]
fn messages_say_what_was_found_and_expected() {
    let report = parse(&replace(TD3, 2, 10, '5'));
    assert_eq!(
        report.errors[0].message,
        "line 2, column 10: document number check digit is 5, computed 6"
    );
    assert_eq!(report.checks.document_number, Some(false));
    assert_eq!(report.checks.composite, Some(false));
    assert_eq!(report.checks.birth_date, Some(true));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["errors"][0]["code"], "check_digit_mismatch");
    assert_eq!(json["errors"][0]["field"], "document_number");
    assert_eq!(json["errors"][0]["line"], 2);
    assert_eq!(json["errors"][0]["column"], 10);
    let short = serde_json::to_value(parse("")).unwrap();
    assert!(short["errors"][0].get("line").is_none());
    assert_eq!(short["format"], serde_json::Value::Null);
    assert_eq!(short["checks"]["composite"], serde_json::Value::Null);
    let tab = parse(&replace(TD3, 2, 21, '\t'));
    assert!(
        tab.errors[0].message.contains("a tab"),
        "{}",
        tab.errors[0].message
    );
}

#[test]
fn unreadable_fields_are_null_and_so_are_their_checks() {
    let report = parse(&replace(TD3, 2, 3, '-'));
    assert_eq!(report.document_number, None);
    assert_eq!(report.checks.document_number, None);
    assert_eq!(report.checks.composite, None);
    assert_eq!(report.checks.birth_date, Some(true));
    assert_eq!(report.surname.as_deref(), Some("ERIKSSON"));
    let short = parse(&TD3[..TD3.len() - 1]);
    assert_eq!(short.format, Some(MrzFormat::Td3));
    assert_eq!(
        short.surname.as_deref(),
        Some("ERIKSSON"),
        "line 1 is still read"
    );
    assert_eq!(short.document_number, None);
}

#[test]
fn partly_unknown_birth_dates() {
    for (digits, expected) in [
        ("7408<<", Some("1974-08")),
        ("74<<<<", Some("1974")),
        ("<<<<<<", None),
    ] {
        let report = parse(&rechecked_td3(&TD3.replace("740812", digits)));
        assert!(report.valid, "{digits}: {:?}", report.errors);
        assert_eq!(
            report.birth_date.map(|d| d.to_string()).as_deref(),
            expected
        );
    }
    let empty_personal_number = rechecked_td3(&TD3.replace("ZE184226B", "<<<<<<<<<"));
    let report = parse(&empty_personal_number);
    assert!(report.valid, "{:?}", report.errors);
    assert_eq!(report.checks.optional_data, Some(true));
    assert_eq!(report.optional_data.as_deref(), Some(""));
}

#[test]
fn floods_are_summarised() {
    let flood = format!("{}\n{}", "é".repeat(44), "-".repeat(44));
    let report = parse(&flood);
    assert_eq!(with_code(&report, C::IllegalCharacter).len(), 18);
    let huge = "A".repeat(1_000_000);
    let report = parse(&huge);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].code, C::WrongLineCount);
    let many_lines = "P\n".repeat(100_000);
    assert_eq!(parse(&many_lines).errors.len(), 1);
    let blank_lines = format!("{}\n{}", "\n".repeat(50), TD3);
    assert_eq!(with_code(&parse(&blank_lines), C::EmptyLine).len(), 9);
}
