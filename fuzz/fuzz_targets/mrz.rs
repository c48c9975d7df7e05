//! The MRZ parser on any text: it never panics, every report keeps its invariants, and a valid
//! MRZ rebuilt from what the parser read parses to the same report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use umis_domain::mrz::{Date, MrzBuilder, MrzFormat, MrzReport, parse_mrz};

/// The date every input is read on (as in the domain's MRZ tests).
const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 22,
};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = parse_mrz(&text, TODAY);
    check_invariants(&report);
    if report.valid {
        check_round_trip(&report);
    }
});

/// What holds for every report, whatever the input.
fn check_invariants(report: &MrzReport) {
    assert_eq!(report.valid, report.errors.is_empty());
    for error in &report.errors {
        assert!(!error.message.is_empty());
        assert!(error.line.is_none_or(|l| l >= 1));
        assert!(error.column.is_none_or(|c| c >= 1));
        assert!(error.column.is_none() || error.line.is_some());
    }
    if report.valid {
        assert!(report.format.is_some());
        assert!(report.document_number.is_some() && report.surname.is_some());
    }
    let json = serde_json::to_value(report).expect("a report serialises");
    assert_eq!(json.as_object().map(|o| o.len()), Some(14));
}

/// Builds the document again from the report's values and parses it: the same report. TD1
/// joins its two optional fields in the report, so they are left out of its rebuild.
fn check_round_trip(report: &MrzReport) {
    let Some(format) = report.format else {
        return;
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut builder = MrzBuilder::new(format)
        .document_code(&text(&report.document_code))
        .issuing_state(&text(&report.issuing_state))
        .name(&text(&report.surname), &text(&report.given_names))
        .document_number(&text(&report.document_number))
        .nationality(&text(&report.nationality));
    if let Some(birth) = report.birth_date {
        builder = builder.birth_date(birth);
    }
    if let Some(sex) = report.sex {
        builder = builder.sex(sex);
    }
    if let Some(expiry) = report.expiry_date {
        builder = builder.expiry_date(expiry);
    }
    if format != MrzFormat::Td1 {
        builder = builder.optional_data(&text(&report.optional_data));
    }
    let rebuilt = builder
        .build()
        .expect("the values of a valid MRZ fit its format");
    let mut again = parse_mrz(&rebuilt, TODAY);
    let mut expected = report.clone();
    if format == MrzFormat::Td1 {
        again.optional_data = None;
        expected.optional_data = None;
    }
    assert_eq!(again, expected, "rebuilt:\n{rebuilt}");
}
