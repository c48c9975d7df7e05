//! The comparisons of the fields beside the name: dates of birth with the tolerances of real
//! data entry, and document numbers with OCR confusions folded.

use crate::explain::{DateMatch, DocumentMatch};
use crate::record::PartialDate;

/// Compares a query date with a record's, with the tolerances of real data entry.
pub(crate) fn date_match(query: PartialDate, record: Option<PartialDate>) -> DateMatch {
    let Some(r) = record else {
        return DateMatch::Unknown;
    };
    let conflict = |a: Option<u8>, b: Option<u8>| matches!((a, b), (Some(x), Some(y)) if x != y);
    match (query.year - r.year).abs() {
        0 => match (query.month, r.month) {
            (Some(qm), Some(rm)) if qm == rm => match (query.day, r.day) {
                (Some(qd), Some(rd)) if qd == rd => DateMatch::Exact,
                (Some(_), Some(_)) => DateMatch::Mismatch,
                _ => DateMatch::YearMonth,
            },
            (Some(qm), Some(rm)) => match (query.day, r.day) {
                (Some(qd), Some(rd)) if qm == rd && qd == rm => DateMatch::DayMonthSwapped,
                _ => DateMatch::Mismatch,
            },
            _ => DateMatch::YearOnly,
        },
        1 if !conflict(query.month, r.month) && !conflict(query.day, r.day) => {
            DateMatch::YearOffByOne
        }
        _ => DateMatch::Mismatch,
    }
}

/// How much a date comparison supports a match.
pub(crate) fn date_score(m: DateMatch) -> f32 {
    match m {
        DateMatch::Exact => 1.0,
        DateMatch::YearMonth => 0.9,
        DateMatch::YearOnly => 0.8,
        DateMatch::DayMonthSwapped => 0.85,
        DateMatch::YearOffByOne => 0.75,
        DateMatch::Unknown => 0.5,
        DateMatch::Mismatch => 0.0,
    }
}

/// A date comparison and how much it supports a match: a year apart is fair evidence between
/// two full dates with the same day and month (a typo in the year), weak when either date is
/// partial (any namesake born the year before or after).
pub(crate) fn date_evidence(query: PartialDate, record: Option<PartialDate>) -> (DateMatch, f32) {
    let m = date_match(query, record);
    let precise = query.day.is_some() && record.is_some_and(|r| r.day.is_some());
    let score = match m {
        DateMatch::YearOffByOne if !precise => 0.4,
        _ => date_score(m),
    };
    (m, score)
}

/// Compares document numbers: `cleaned` (uppercase alphanumerics) and `folded` (OCR-folded)
/// forms of the query against a record's cleaned numbers.
pub(crate) fn document_match<'a>(
    cleaned: &str,
    folded: &str,
    record: impl Iterator<Item = &'a str>,
) -> DocumentMatch {
    let mut result = DocumentMatch::Unknown;
    for number in record {
        if number == cleaned {
            return DocumentMatch::Exact;
        }
        if umis_domain::person::fold_document_number(number) == folded {
            result = DocumentMatch::OcrConfusable;
        } else if result == DocumentMatch::Unknown {
            result = DocumentMatch::Mismatch;
        }
    }
    result
}
