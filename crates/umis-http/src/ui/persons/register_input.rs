//! The registration form turned into the service's input, and the service's validation errors
//! turned back into message keys at the form's fields.

use super::*;

/// Message key for a validation error on `field` with stable `code`.
pub(super) fn error_key(code: &str) -> &'static str {
    match code {
        "required" => "person-error-required",
        "too_long" => "person-error-too-long",
        "invalid_name" => "person-error-name",
        "unknown_sex" => "person-error-sex",
        "invalid_date" => "person-error-date",
        "future_date" => "person-error-future",
        "unknown_country" => "person-error-country",
        "invalid_document_number" => "person-error-document-number",
        "too_many" => "person-error-too-many",
        _ => "person-error-invalid",
    }
}

/// Form field that shows an error for a service field.
pub(super) fn form_field(field: &str) -> &'static str {
    match field {
        "surname" => "surname",
        "given_names" => "given_names",
        "patronymic" => "patronymic",
        "sex" => "sex",
        "birth_date" => "birth_date",
        "place_of_birth" => "place_of_birth",
        "nationality" => "nationalities",
        "document_issuing_state" => "doc_issuing_state",
        "document_number" => "doc_number",
        "expiry_date" | "issue_date" => "doc_expiry_date",
        "doc_type" => "doc_type",
        _ => "surname",
    }
}

pub(super) fn to_input(form: &PersonForm) -> NewPersonInput {
    let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let documents = if form.doc_number.trim().is_empty() {
        Vec::new()
    } else {
        vec![DocumentInput {
            doc_type: opt(&form.doc_type).unwrap_or_else(|| "passport".into()),
            issuing_state: form.doc_issuing_state.clone(),
            number: form.doc_number.clone(),
            issue_date: None,
            expiry_date: opt(&form.doc_expiry_date),
            status: None,
            mrz: opt(&form.mrz),
        }]
    };
    NewPersonInput {
        surname: form.surname.clone(),
        given_names: opt(&form.given_names),
        patronymic: opt(&form.patronymic),
        sex: opt(&form.sex),
        birth_date: opt(&form.birth_date),
        place_of_birth: opt(&form.place_of_birth),
        nationalities: form
            .nationalities
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        external_id: None,
        aliases: Vec::new(),
        documents,
    }
}
