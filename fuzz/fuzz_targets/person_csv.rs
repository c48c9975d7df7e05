//! The person import file reader on any bytes: never panics, never reports more rows than the
//! file has lines, row numbers never go back, and every row's cells come out trimmed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use umis_domain::import::{CsvRow, CsvRows, PERSON_COLUMNS, PersonRow};

fuzz_target!(|data: &[u8]| {
    let Ok(mut csv) = CsvRows::new(data) else {
        return;
    };
    // The header check of `umis import persons`; rows are read either way, to reach them.
    let _ = csv.headers() == PERSON_COLUMNS;
    let lines = count(data, b'\n') + 1;
    let terminators = lines + count(data, b'\r');
    let (mut rows, mut last) = (0u64, 1u64);
    while let Some(row) = csv.next_row() {
        rows += 1;
        let line = match row {
            CsvRow::Record { line, record } => {
                if let Ok(person) = PersonRow::from_fields(record) {
                    check_person(&person);
                } else {
                    assert_ne!(record.len(), PERSON_COLUMNS.len());
                }
                line
            }
            CsvRow::Unreadable { line, error } => {
                assert!(!error.is_io_error(), "a byte slice cannot fail to read");
                line
            }
        };
        assert!(line >= last, "row {line} after {last}");
        assert!(line <= lines, "row {line} in a file of {lines} lines");
        last = line;
    }
    assert!(
        rows <= terminators,
        "{rows} rows from {terminators} line ends"
    );
});

fn count(data: &[u8], byte: u8) -> u64 {
    data.iter().filter(|b| **b == byte).count() as u64
}

fn check_person(p: &PersonRow) {
    let cells = [
        &p.external_id,
        &p.surname,
        &p.given_names,
        &p.patronymic,
        &p.sex,
        &p.birth_date,
        &p.document_number,
        &p.document_issuing_state,
    ];
    for cell in cells.into_iter().flatten() {
        assert!(!cell.is_empty() && cell.trim() == cell);
    }
    for n in &p.nationalities {
        assert!(!n.is_empty() && !n.contains([';', ' ']));
    }
}
