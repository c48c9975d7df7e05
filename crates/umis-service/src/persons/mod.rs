//! The person registry's use cases: create, view (audited as a read of personal data), list,
//! and add identity documents — with validation that names every offending field.

mod input;
mod merge;
mod names;
mod read;
mod update;
mod validate;
mod write;

use crate::secret::random_bytes;
use crate::{Ctx, ServiceError, Services};
use umis_domain::person::{
    DocumentStatus, DocumentType, PartialDate, PersonId, Sex, fold_document_number,
};
use umis_domain::{AuditOutcome, Permission};
use umis_store::{NewDocument, NewPersonRow, Person, PersonName};

pub use input::{DocumentInput, NameInput, NewPersonInput};
pub use names::DisplayName;
pub use validate::*;

/// Longest accepted name part, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// The most nationalities one person record holds.
pub const MAX_NATIONALITIES: usize = 8;

fn parse_person_id(field: &'static str, s: &str) -> Result<PersonId, ServiceError> {
    s.parse().map_err(|e: umis_domain::person::PersonIdError| {
        invalid(field, "invalid_person_id", e.to_string())
    })
}

/// Reads the cursor of a list ordered by person number: the position after which the next page
/// starts, as digits (the last person number of the previous page).
pub(crate) fn person_cursor(s: &str) -> Result<i64, ServiceError> {
    let s = s.trim();
    if (1..=18).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().map_err(|_| {
            invalid(
                "cursor",
                "invalid_cursor",
                "the cursor is not one this API issued",
            )
        })
    } else {
        Err(invalid(
            "cursor",
            "invalid_cursor",
            "the cursor is not one this API issued",
        ))
    }
}

/// A validation error on `field` (shared by the service modules).
pub(crate) fn invalid(
    field: &'static str,
    code: &'static str,
    message: impl Into<String>,
) -> ServiceError {
    ServiceError::invalid(field, code, message)
}

/// Whether `code` is a known ICAO country or special code.
pub fn known_country(code: &str) -> bool {
    umis_domain::mrz::is_known_country(code)
}

pub(crate) fn today(now_micros: i64) -> PartialDate {
    let days = now_micros.div_euclid(86_400_000_000);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    PartialDate {
        year: i32::try_from(y).unwrap_or(1970),
        month: u8::try_from(m).ok(),
        day: u8::try_from(d).ok(),
    }
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub(crate) fn parse_partial_date(s: &str) -> Option<PartialDate> {
    s.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::today;

    #[test]
    fn civil_date_of_an_instant() {
        let d = today(1_795_379_400_000_000); // 2026-11-22T20:30Z
        assert_eq!((d.year, d.month, d.day), (2026, Some(11), Some(22)));
        let d = today(0);
        assert_eq!((d.year, d.month, d.day), (1970, Some(1), Some(1)));
        let d = today(951_782_400_000_000); // 2000-02-29
        assert_eq!((d.year, d.month, d.day), (2000, Some(2), Some(29)));
    }
}
