//! Registering a person: the form, the MRZ read into it, likely duplicates shown before saving.

use super::*;

#[derive(Template)]
#[template(path = "person_new.html")]
pub(super) struct NewPersonPage {
    pub(super) page: Page,
    pub(super) form: PersonForm,
    pub(super) errors: Vec<(&'static str, &'static str)>,
    pub(super) mrz_errors: Vec<String>,
    pub(super) mrz_read: bool,
    pub(super) duplicates: Vec<(umis_service::SearchHit, Person)>,
}

impl NewPersonPage {
    pub(super) fn error(&self, field: &str) -> Option<&'static str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, k)| *k)
    }

    pub(super) fn sexes(&self) -> [(&'static str, &'static str); 4] {
        [
            ("", "person-sex-unknown"),
            ("M", "person-sex-m"),
            ("F", "person-sex-f"),
            ("X", "person-sex-x"),
        ]
    }

    pub(super) fn doc_types(&self) -> [&'static str; 7] {
        DOC_TYPES
    }

    pub(super) fn score(&self, h: &umis_service::SearchHit) -> String {
        format!("{:.0}%", h.score * 100.0)
    }

    /// Name, message key, value and hint key of each text field.
    pub(super) fn text_fields(&self) -> Vec<(&'static str, &'static str, String, &'static str)> {
        let f = &self.form;
        vec![
            ("surname", "person-surname", f.surname.clone(), ""),
            (
                "given_names",
                "person-given-names",
                f.given_names.clone(),
                "",
            ),
            ("patronymic", "person-patronymic", f.patronymic.clone(), ""),
            (
                "birth_date",
                "person-birth-date",
                f.birth_date.clone(),
                "person-birth-date-hint",
            ),
            (
                "place_of_birth",
                "person-place-of-birth",
                f.place_of_birth.clone(),
                "",
            ),
            (
                "nationalities",
                "person-nationalities",
                f.nationalities.clone(),
                "person-nationalities-hint",
            ),
        ]
    }

    pub(super) fn doc_fields(&self) -> Vec<(&'static str, &'static str, String, &'static str)> {
        let f = &self.form;
        vec![
            (
                "doc_issuing_state",
                "person-doc-issuing-state",
                f.doc_issuing_state.clone(),
                "",
            ),
            ("doc_number", "person-doc-number", f.doc_number.clone(), ""),
            (
                "doc_expiry_date",
                "person-doc-expiry",
                f.doc_expiry_date.clone(),
                "",
            ),
        ]
    }
}

pub(super) const DOC_TYPES: [&str; 7] = [
    "passport",
    "id_card",
    "refugee_travel_document",
    "stateless_travel_document",
    "residence_card",
    "visa",
    "other",
];

pub(super) fn new_page(cu: &CurrentUser, form: PersonForm) -> NewPersonPage {
    NewPersonPage {
        page: Page::for_user(cu, "persons", "persons-new", "/persons/new"),
        form,
        errors: Vec::new(),
        mrz_errors: Vec::new(),
        mrz_read: false,
        duplicates: Vec::new(),
    }
}

pub(crate) async fn new_form(
    State(state): State<AppState>,
    cu: CurrentUser,
) -> Result<Response, UiError> {
    state
        .services
        .authorize(
            &cu.ctx,
            umis_domain::Permission::WritePersons,
            "person.create",
        )
        .await?;
    render(&new_page(
        &cu,
        PersonForm {
            doc_type: "passport".into(),
            ..Default::default()
        },
    ))
}

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

/// Fills the form from the pasted MRZ (title-casing the MRZ's capitals is left to the officer).
pub(crate) async fn read_mrz(
    State(state): State<AppState>,
    Protected { cu, mut form }: Protected<PersonForm>,
) -> Result<Response, UiError> {
    state
        .services
        .authorize(
            &cu.ctx,
            umis_domain::Permission::WritePersons,
            "person.create",
        )
        .await?;
    let text = form.mrz.replace("\r\n", "\n");
    let report =
        umis_domain::mrz::parse_mrz(text.trim(), crate::api::mrz::today(state.services.now()));
    let mut page_errors = Vec::new();
    for e in &report.errors {
        page_errors.push(super::mrz_text::mrz_error_text(&cu.tr, e));
    }
    if let Some(s) = &report.surname {
        form.surname = s.clone();
    }
    if let Some(g) = &report.given_names {
        form.given_names = g.clone();
    }
    if let Some(sex) = report.sex {
        form.sex = serde_json::to_value(sex)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
    }
    if let Some(d) = report.birth_date {
        form.birth_date = serde_json::to_value(d)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
    }
    if let Some(n) = &report.nationality {
        form.nationalities = n.clone();
    }
    if let Some(n) = &report.document_number {
        form.doc_number = n.clone();
    }
    if let Some(s) = &report.issuing_state {
        form.doc_issuing_state = s.clone();
    }
    if let Some(d) = report.expiry_date {
        form.doc_expiry_date = serde_json::to_value(d)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
    }
    if let Some(code) = &report.document_code {
        form.doc_type = match code.chars().next() {
            Some('I') | Some('A') | Some('C') => "id_card",
            Some('V') => "visa",
            _ => "passport",
        }
        .into();
    }
    let mut page = new_page(&cu, form);
    page.mrz_errors = page_errors;
    page.mrz_read = true;
    let mut res = render(&page)?;
    if !report.valid {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

pub(crate) async fn create(
    State(state): State<AppState>,
    Protected { cu, form }: Protected<PersonForm>,
) -> Result<Response, UiError> {
    let input = to_input(&form);
    // Likely duplicates are shown before saving; the officer may still save.
    if form.confirm.is_empty() {
        let dups = state.services.likely_duplicates(&input)?;
        if !dups.is_empty() {
            let mut page = new_page(&cu, form);
            page.duplicates = with_persons(&state, &cu.ctx, dups).await?;
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::CONFLICT;
            return Ok(res);
        }
    }
    match state.services.create_person(&cu.ctx, &input).await {
        Ok(p) => Ok(crate::ui::redirect::see_other(&format!(
            "/persons/{}?done=created",
            PersonId::from_stored(p.person_id)
        ))
        .into_response()),
        Err(ServiceError::Validation { field, code, .. }) => {
            let mut page = new_page(&cu, form);
            page.errors.push((form_field(field), error_key(code)));
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}
