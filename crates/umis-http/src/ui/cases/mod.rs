//! Casework in the back office: the work queue (by deadline, with at-risk and overdue views
//! for supervisors), intake of a new application, the case page (person, documents, checks,
//! timeline and the actions open to this officer), the decision letter as a printable page and
//! as a PDF, and the policy-rule and holiday administration.

mod actions;
mod attachments;
mod case;
mod case_display;
mod intake;
mod intake_fields;
mod letter_content;
mod letter_wording;
mod letters;
mod permits;
mod policy;
mod policy_display;
mod policy_params;
mod policy_writes;
mod queue;
mod queue_tabs;

use super::{Page, render};
use crate::extract::{CurrentUser, Protected, check_csrf, csrf_form};
use crate::i18n::Tr;
use crate::pdf::{Block, Letter};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_domain::Permission;
use umis_domain::cases::{
    AGENCIES, AppType, CHECK_ANSWERS, FieldKind, REFUSAL_GROUNDS, TYPES, TypeSpec,
};
use umis_service::PolicyRuleRow;
use umis_service::{
    ActionInput, ApplicationInput, CaseView, EventLine, LetterData, PolicyRuleInput, QueuePage,
    QueueQuery, ServiceError,
};

pub(crate) use actions::*;
pub(crate) use attachments::*;
pub(crate) use case::*;
pub(crate) use intake::*;
pub(crate) use letters::*;
pub(crate) use permits::*;
pub(crate) use policy::*;
pub(crate) use policy_writes::*;
pub(crate) use queue::*;

/// Message key `prefix-value` with underscores as dashes (`case-state-under-review`).
pub(crate) fn key(prefix: &str, value: &str) -> String {
    format!("{prefix}-{}", value.replace('_', "-"))
}

fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn some(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Error codes with a translated explanation (`case-error-…`); others show the service's
/// own message.
pub const TRANSLATED_ERRORS: &[&str] = &[
    "unknown_field",
    "out_of_range",
    "unknown_value",
    "invalid_date",
    "invalid_text",
    "invalid_country",
    "unknown_document",
    "no_valid_passport",
    "contract_ended",
    "not_issued",
    "not_refused",
    "already_appealed",
    "unknown_agency",
    "unknown_answer",
    "not_later",
    "unknown_user",
    "missing_documents",
    "checks_pending",
    "illegal_transition",
    "stale_version",
    "ground_required",
    "unknown_ground",
    "required",
    "not_approved",
    "unsupported_type",
    "too_large",
    "empty_file",
    "passport_validity",
    "insufficient_residence",
    "quota_exhausted",
];

/// What a refused case write shows: always a sentence in the officer's language (the code's own
/// message, or a general one for the kind of refusal), with the label of the field at fault.
fn refusal(tr: &Tr, e: &ServiceError) -> Option<String> {
    // The service's own messages are English and name fields: the officer reads a translated
    // sentence and, for a form error, the label of the field at fault.
    let translated = |code: &str, fallback: &str| {
        if TRANSLATED_ERRORS.contains(&code) {
            tr.t(key("case-error", code))
        } else {
            tr.t(fallback)
        }
    };
    match e {
        ServiceError::Validation {
            field,
            code,
            message,
        } => {
            let lead = translated(code, "case-error-invalid");
            // A form field of the application is reported as `fields`, the message naming it
            // first (`address: …`, the domain's field errors).
            let field = match (*field, message.split_once(": ")) {
                ("fields", Some((name, _))) => name,
                (f, _) => f,
            };
            Some(match field_label(tr, field) {
                Some(label) => format!("{lead}: {label}"),
                None => lead,
            })
        }
        ServiceError::Refused { code, .. } => Some(translated(code, "case-error-conflict")),
        ServiceError::Forbidden(_) => Some(tr.t("case-error-forbidden")),
        ServiceError::Conflict(_) => Some(tr.t("case-error-conflict")),
        ServiceError::NotFound => Some(tr.t("case-error-person")),
        _ => None,
    }
}

/// The label of a form field named in an error (`fields.requested_months` → "Months
/// requested"), if the officer's form has one.
fn field_label(tr: &Tr, field: &str) -> Option<String> {
    let name = field.rsplit('.').next().unwrap_or(field);
    ["case-field", "case", "person"]
        .iter()
        .find_map(|prefix| tr.try_t(key(prefix, name)))
}
