//! Inspections in the back office: the list with a planning form, and one inspection with the
//! persons found (their status of stay at that moment), decisions and fines.

mod actions;
mod detail;
mod list;

pub(crate) use actions::{complete, fine_paid};
pub(crate) use detail::{add_finding, view};
pub(crate) use list::{list, plan};

use crate::UiError;

fn some(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// The message key of a validation error on `field`.
fn error_of(field: &'static str) -> (&'static str, &'static str) {
    let key = match field {
        "place" => "insp-error-place",
        "planned_on" | "carried_out_on" | "fine_due" => "person-error-date",
        "inspectors" => "insp-error-inspectors",
        "person_id" => "insp-error-person",
        "violation_article" => "insp-error-article",
        "decision" => "insp-error-decision",
        "fine_amount" => "insp-error-fine",
        _ => "error-bad-request",
    };
    (field, key)
}

/// An inspection number from the path; anything else is a page that does not exist.
fn inspection_id(raw: &str) -> Result<i64, UiError> {
    raw.parse().map_err(|_| UiError::NotFound)
}
