//! The public vectors of domain.md §7 and the Doc 9303 specimens of every format.

use serde_json::json;
use umis_domain::mrz::{MrzFormat, Sex, check_digit, parse_mrz, to_icao_latin, to_mrz_name};

use crate::support::{MRVA, MRVB, TD1, TD1_LONG, TD2, TD3, parse};

#[test]
fn td3_specimen_serialises_to_the_contract() {
    let report = parse(TD3);
    let expected = json!({
        "valid": true,
        "format": "TD3",
        "document_code": "P",
        "issuing_state": "UTO",
        "surname": "ERIKSSON",
        "given_names": "ANNA MARIA",
        "document_number": "L898902C3",
        "nationality": "UTO",
        "birth_date": "1974-08-12",
        "sex": "F",
        "expiry_date": "2012-04-15",
        "optional_data": "ZE184226B",
        "checks": {
            "document_number": true,
            "birth_date": true,
            "expiry_date": true,
            "optional_data": true,
            "composite": true
        },
        "errors": []
    });
    assert_eq!(serde_json::to_value(&report).unwrap(), expected);
    let keys: Vec<String> = serde_json::to_value(&report)
        .unwrap()
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys.len(), 14);
}

#[test]
fn td1_specimen() {
    let report = parse(TD1);
    assert!(report.valid, "{:?}", report.errors);
    assert_eq!(report.format, Some(MrzFormat::Td1));
    assert_eq!(report.document_code.as_deref(), Some("I"));
    assert_eq!(report.document_number.as_deref(), Some("D23145890"));
    assert_eq!(report.surname.as_deref(), Some("ERIKSSON"));
    assert_eq!(report.given_names.as_deref(), Some("ANNA MARIA"));
    assert_eq!(
        report.birth_date.map(|d| d.to_string()).as_deref(),
        Some("1974-08-12")
    );
    assert_eq!(
        report.expiry_date.map(|d| d.to_string()).as_deref(),
        Some("2012-04-15")
    );
    assert_eq!(report.sex, Some(Sex::Female));
    assert_eq!(report.optional_data.as_deref(), Some(""));
    assert_eq!(report.checks.optional_data, None);
    assert_eq!(report.checks.composite, Some(true));
}

#[test]
fn td1_long_document_number() {
    let report = parse(TD1_LONG);
    assert!(report.valid, "{:?}", report.errors);
    assert_eq!(report.document_number.as_deref(), Some("D23145890734"));
    assert_eq!(report.checks.document_number, Some(true));
    assert_eq!(report.optional_data.as_deref(), Some(""));
    assert_eq!(report.surname.as_deref(), Some("STEVENSON"));
    assert_eq!(report.given_names.as_deref(), Some("PETER JOHN"));
    assert_eq!(
        report.birth_date.map(|d| d.to_string()).as_deref(),
        Some("1934-07-12")
    );
    assert_eq!(report.sex, Some(Sex::Male));
}

#[test]
fn td2_and_visa_specimens() {
    let cases = [
        (
            TD2,
            MrzFormat::Td2,
            "D23145890",
            "1974-08-12",
            "2012-04-15",
            "",
            Some(true),
        ),
        (
            MRVA,
            MrzFormat::MrvA,
            "L8988901C",
            "1940-09-07",
            "1996-12-10",
            "6ZE184226B",
            None,
        ),
        (
            MRVB,
            MrzFormat::MrvB,
            "L8988901C",
            "1940-09-07",
            "1996-12-10",
            "",
            None,
        ),
    ];
    for (text, format, number, birth, expiry, optional, composite) in cases {
        let report = parse(text);
        assert!(report.valid, "{format:?}: {:?}", report.errors);
        assert_eq!(report.format, Some(format));
        assert_eq!(report.document_number.as_deref(), Some(number));
        assert_eq!(
            report.birth_date.map(|d| d.to_string()).as_deref(),
            Some(birth)
        );
        assert_eq!(
            report.expiry_date.map(|d| d.to_string()).as_deref(),
            Some(expiry)
        );
        assert_eq!(report.optional_data.as_deref(), Some(optional));
        assert_eq!(report.checks.composite, composite);
        assert_eq!(report.checks.document_number, Some(true));
        assert_eq!(report.checks.optional_data, None);
    }
    assert_eq!(parse(MRVA).nationality.as_deref(), Some("XXX"));
    assert_eq!(parse(MRVA).document_code.as_deref(), Some("VI"));
}

#[test]
fn check_digits_of_the_domain_vectors() {
    assert_eq!(check_digit("520727"), Some(3));
    assert_eq!(check_digit("AB2134<<<"), Some(5));
    assert_eq!(check_digit("ab"), None);
}

#[test]
fn cyrillic_vector() {
    assert_eq!(to_icao_latin("Юлия Щеглова", 'A'), "IULIIA SHCHEGLOVA");
    assert_eq!(to_mrz_name("Юлия Щеглова", 'A'), "IULIIA<SHCHEGLOVA");
    assert_eq!(to_mrz_name("Məmmədov Elçin", 'A'), "MAMMADOV<ELCIN");
}

#[test]
fn centuries_follow_today() {
    // The 2012 expiry is in the past yet stays 2012 while 2012 >= today.year - 50.
    let expiry_year = |today: (i32, u8, u8)| parse_mrz(TD3, today).expiry_date.map(|d| d.year);
    assert_eq!(expiry_year((2062, 12, 31)), Some(2012));
    assert_eq!(expiry_year((2063, 1, 1)), Some(2112));
    assert_eq!(expiry_year((1963, 1, 1)), Some(2012));
    assert_eq!(expiry_year((1962, 12, 31)), Some(1912));
    // Born 12 August of a year ending in 74: 1974 until the day before the 2074 birthday.
    assert_eq!(
        parse_mrz(TD3, (2074, 8, 11)).birth_date.map(|d| d.year),
        Some(1974)
    );
    assert_eq!(
        parse_mrz(TD3, (2074, 8, 12)).birth_date.map(|d| d.year),
        Some(2074)
    );
    assert_eq!(parse(TD3).birth_date.map(|d| d.year), Some(1974));
}

#[test]
fn tolerated_layout_details() {
    // CRLF, trailing spaces and a final newline are trimmed.
    let crlf = format!("{}  \r\n", TD3.replace('\n', "\r\n"));
    assert!(parse(&crlf).valid, "{:?}", parse(&crlf).errors);
    // German 'D<<', a stateless holder 'XXA', unspecified sex.
    let german = TD3
        .replace("P<UTO", "P<D<<")
        .replace("6UTO7408122F", "6XXA7408122<");
    let report = parse(&german);
    assert!(report.valid, "{:?}", report.errors);
    assert_eq!(report.issuing_state.as_deref(), Some("D"));
    assert_eq!(report.nationality.as_deref(), Some("XXA"));
    assert_eq!(report.sex, Some(Sex::Unspecified));
}
