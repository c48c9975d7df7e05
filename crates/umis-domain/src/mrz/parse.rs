//! Parsing one MRZ: the format's fields in reading order, then the optional data and composite.

use super::date::Date;
use super::error::{MrzError, MrzField};
use super::fields::{Number, Reader, words};
use super::input::{self, Doc};
use super::layout::Layout;
use super::{MrzFormat, MrzReport};

/// Parses `text` as of `today` (see [`super::parse_mrz`]).
pub(crate) fn parse(text: &str, today: Date) -> MrzReport {
    let mut report = MrzReport::empty();
    let mut errors: Vec<MrzError> = Vec::new();
    let input = input::split(text, &mut errors);
    if let Some(format) = input::detect(&input, &mut errors) {
        report.format = Some(format);
        let layout = Layout::of(format);
        let doc = Doc::check(&input, layout, &mut errors);
        let mut reader = Reader {
            doc: &doc,
            layout,
            today,
            errors: Vec::new(),
        };
        read_fields(&mut reader, &mut report);
        errors.append(&mut reader.errors);
    }
    // Reading order: defects of the whole text first, then by line and column.
    errors.sort_by_key(|e| (e.line.unwrap_or(0), e.column.unwrap_or(0)));
    report.valid = errors.is_empty();
    report.errors = errors;
    report
}

fn read_fields(reader: &mut Reader<'_>, report: &mut MrzReport) {
    let layout = reader.layout;
    report.document_code = reader.document_code();
    report.issuing_state = reader.country(layout.issuing_state, MrzField::IssuingState);
    (report.surname, report.given_names) = reader.name();
    let number = reader.document_number();
    report.document_number = number.value.clone();
    report.checks.document_number = number.check;
    report.nationality = reader.country(layout.nationality, MrzField::Nationality);
    let (birth, birth_check) = reader.date(
        layout.birth_date,
        layout.birth_date_check,
        MrzField::BirthDate,
    );
    report.birth_date = birth;
    report.checks.birth_date = birth_check;
    report.sex = reader.sex();
    let (expiry, expiry_check) = reader.date(
        layout.expiry_date,
        layout.expiry_date_check,
        MrzField::ExpiryDate,
    );
    report.expiry_date = expiry.and_then(|d| Some(Date::from((d.year, d.month?, d.day?))));
    report.checks.expiry_date = expiry_check;
    report.optional_data = optional_data(reader, &number);
    if let Some(check) = layout.optional_data_check {
        let data = reader.read(layout.optional_data).map(<[char]>::to_vec);
        report.checks.optional_data =
            reader.verify(data.as_deref(), check, MrzField::OptionalData, true);
    }
    if let Some(check) = layout.composite_check {
        let parts: Option<Vec<&[char]>> = layout
            .composite_parts
            .iter()
            .map(|span| reader.read(*span))
            .collect();
        let data = parts.map(|parts| parts.concat());
        report.checks.composite = reader.verify(data.as_deref(), check, MrzField::Composite, false);
    }
}

/// The optional data without filler and without a long document number's overflow; TD1 joins
/// its two fields with a space.
fn optional_data(reader: &Reader<'_>, number: &Number) -> Option<String> {
    let layout = reader.layout;
    let first = reader.read(layout.optional_data)?;
    let first = words(first.get(number.overflow..).unwrap_or(&[]));
    match (layout.format, layout.optional_data_2) {
        (MrzFormat::Td1, Some(span)) => {
            let second = words(reader.read(span)?);
            Some(match (first.is_empty(), second.is_empty()) {
                (_, true) => first,
                (true, false) => second,
                (false, false) => format!("{first} {second}"),
            })
        }
        _ => Some(first),
    }
}
