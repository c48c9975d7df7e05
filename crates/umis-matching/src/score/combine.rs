//! How the field comparisons combine into one score, and how far the evidence beyond the name
//! lets a match be sure.

use crate::explain::{DateMatch, DocumentMatch, NationalityMatch};

/// How sure a match can be, given the evidence beyond the name. A name with a matching full
/// date of birth, or a matching document, can identify one person; a name with only a year or
/// a month of birth in common (either side partial), or no date at all, fits every namesake
/// born then, so such a match stays below the refer threshold however well the name matches.
pub(crate) fn evidence_factor(
    date: Option<(DateMatch, f32)>,
    document: Option<DocumentMatch>,
) -> f32 {
    if matches!(
        document,
        Some(DocumentMatch::Exact | DocumentMatch::OcrConfusable)
    ) {
        return 1.0;
    }
    match date {
        None | Some((DateMatch::Unknown, _)) => 0.84,
        Some((DateMatch::YearOnly, _)) => 0.88,
        Some((DateMatch::YearOffByOne, evidence)) if evidence < 0.5 => 0.88,
        Some((DateMatch::YearMonth, _)) => 0.9,
        Some(_) => 1.0,
    }
}

/// Combines the field comparisons into one score in `0.0..=1.0`: a weighted mean over the
/// fields the query gave. Weights: name 0.6; date 0.25 (a record without a date counts 0.6 of
/// it, so a namesake of unknown birth date still refers but ranks below a matching date);
/// nationality 0.05 (unknown: half); a matching document 0.4 but a different one only 0.1
/// (people change passports), and a person with no recorded document half of 0.1, so missing
/// data never outranks matching data.
pub(crate) fn combine(
    name: Option<f32>,
    date: Option<(DateMatch, f32)>,
    nationality: Option<NationalityMatch>,
    document: Option<DocumentMatch>,
) -> f32 {
    let mut sum = 0.0f32;
    let mut weight = 0.0f32;
    let mut add = |w: f32, v: f32| {
        sum += w * v;
        weight += w;
    };
    if let Some(sim) = name {
        add(0.6, sim);
    }
    match date {
        Some((DateMatch::Unknown, _)) => add(0.25, 0.6),
        Some((_, evidence)) => add(0.25, evidence),
        None => {}
    }
    match nationality {
        Some(NationalityMatch::Match) => add(0.05, 1.0),
        Some(NationalityMatch::Unknown) => add(0.05, 0.5),
        Some(NationalityMatch::Mismatch) => add(0.05, 0.0),
        None => {}
    }
    match document {
        Some(DocumentMatch::Exact) => add(0.4, 1.0),
        Some(DocumentMatch::OcrConfusable) => add(0.4, 0.92),
        Some(DocumentMatch::Unknown) => add(0.1, 0.5),
        Some(DocumentMatch::Mismatch) => add(0.1, 0.0),
        None => {}
    }
    if weight > 0.0 {
        (sum / weight).clamp(0.0, 1.0)
    } else {
        0.0
    }
}
