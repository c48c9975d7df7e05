//! The border event CSV reader on any bytes: never panics, never reports more rows than the file
//! has lines, and an event keeps only the file's columns, without blank values.
#![no_main]

use libfuzzer_sys::fuzz_target;
use umis_domain::border::{BorderEventInput, EVENT_FIELDS, check_csv_headers};
use umis_domain::import::{CsvRow, CsvRows};

fuzz_target!(|data: &[u8]| {
    let Ok(mut csv) = CsvRows::new(data) else {
        return;
    };
    let headers = csv.headers().to_vec();
    let known = check_csv_headers(&headers).is_ok();
    if known {
        assert!(headers.iter().all(|h| EVENT_FIELDS.contains(&h.as_str())));
    }
    let lines = data.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    let terminators = lines + data.iter().filter(|b| **b == b'\r').count() as u64;
    let mut rows = 0u64;
    while let Some(row) = csv.next_row() {
        rows += 1;
        let CsvRow::Record { line, record } = row else {
            continue;
        };
        assert!(line <= lines, "row {line} in a file of {lines} lines");
        match BorderEventInput::from_csv_record(&headers, record) {
            Ok(event) => {
                assert_eq!(record.len(), headers.len());
                for (k, v) in &event.fields {
                    assert!(headers.contains(k));
                    assert!(!v.trim().is_empty());
                }
                for k in EVENT_FIELDS {
                    if let Some(v) = event.get(k) {
                        assert!(!v.is_empty() && v.trim() == v);
                    }
                }
            }
            Err(message) => assert!(message.starts_with("expected ")),
        }
    }
    assert!(
        rows <= terminators,
        "{rows} rows from {terminators} line ends"
    );
});
