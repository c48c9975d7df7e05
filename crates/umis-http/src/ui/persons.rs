//! The person registry in the back office: register a person (an MRZ can fill the form), view a
//! person (audited as a read of personal data), attach documents.

use super::{Page, render};
use crate::extract::{CurrentUser, Protected, csrf_form};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_domain::person::PersonId;
use umis_service::{DocumentInput, NewPersonInput, ServiceError};
use umis_store::Person;

/// The registration form, as typed (kept on errors so nothing is lost).
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct PersonForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    mrz: String,
    #[serde(default)]
    surname: String,
    #[serde(default)]
    given_names: String,
    #[serde(default)]
    patronymic: String,
    #[serde(default)]
    sex: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    place_of_birth: String,
    #[serde(default)]
    nationalities: String,
    #[serde(default)]
    doc_type: String,
    #[serde(default)]
    doc_issuing_state: String,
    #[serde(default)]
    doc_number: String,
    #[serde(default)]
    doc_expiry_date: String,
    /// Set when the officer saves despite likely duplicates.
    #[serde(default)]
    confirm: String,
}

csrf_form!(PersonForm, DocumentForm);

#[derive(Template)]
#[template(path = "persons.html")]
struct PersonsPage {
    page: Page,
    persons: Vec<Person>,
    next_url: Option<String>,
    can_register: bool,
    q: ListQuery,
    searched: bool,
    hits: Vec<(umis_service::SearchHit, Person)>,
    query_error: Option<&'static str>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    nationality: String,
    #[serde(default)]
    document_number: String,
}

/// The registry: a fuzzy search over names in any script, dates, nationality and documents;
/// without a query, persons listed by number.
pub(crate) async fn list(
    State(state): State<AppState>,
    cu: CurrentUser,
    axum::extract::Query(q): axum::extract::Query<ListQuery>,
) -> Result<Response, UiError> {
    let searched = [&q.name, &q.birth_date, &q.nationality, &q.document_number]
        .iter()
        .any(|v| !v.trim().is_empty());
    let mut page = PersonsPage {
        page: Page::for_user(&cu, "persons", "nav-persons", "/persons"),
        persons: Vec::new(),
        next_url: None,
        can_register: cu.ctx.may(umis_domain::Permission::WritePersons),
        q: ListQuery::default(),
        searched,
        hits: Vec::new(),
        query_error: None,
    };
    if searched {
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let input = umis_service::SearchInput {
            name: opt(&q.name),
            birth_date: opt(&q.birth_date),
            nationality: opt(&q.nationality),
            document_number: opt(&q.document_number),
            limit: Some(20),
        };
        match state.services.search_persons(&cu.ctx, &input).await {
            Ok(hits) => page.hits = with_persons(&state, &cu.ctx, hits).await?,
            Err(ServiceError::Validation { field, .. }) => {
                page.query_error = Some(if field == "birth_date" {
                    "person-error-date"
                } else {
                    "persons-search-error"
                });
            }
            Err(e) => return Err(e.into()),
        }
    } else {
        let after = q.after.clone().filter(|a| !a.is_empty());
        let (persons, next) = match state
            .services
            .list_persons(&cu.ctx, after.as_deref(), 50, Some("active"))
            .await
        {
            Ok(r) => r,
            Err(ServiceError::Validation { .. }) => {
                return Err(UiError::BadRequest("error-bad-request"));
            }
            Err(e) => return Err(e.into()),
        };
        page.persons = persons;
        page.next_url = next.map(|n| format!("/persons?after={n}"));
    }
    page.q = q;
    render(&page)
}

/// Pairs search hits with the stored persons, for display.
async fn with_persons(
    state: &AppState,
    ctx: &umis_service::Ctx,
    hits: Vec<umis_service::SearchHit>,
) -> Result<Vec<(umis_service::SearchHit, Person)>, UiError> {
    let ids: Vec<i64> = hits
        .iter()
        .filter_map(|h| h.person_id.parse().ok())
        .collect();
    let persons = state.services.persons_shown(ctx, &ids).await?;
    Ok(hits
        .into_iter()
        .filter_map(|h| {
            let id: i64 = h.person_id.parse().ok()?;
            let p = persons.iter().find(|p| p.person_id == id)?.clone();
            Some((h, p))
        })
        .collect())
}

#[derive(Template)]
#[template(path = "person_new.html")]
struct NewPersonPage {
    page: Page,
    form: PersonForm,
    errors: Vec<(&'static str, &'static str)>,
    mrz_errors: Vec<String>,
    mrz_read: bool,
    duplicates: Vec<(umis_service::SearchHit, Person)>,
}

impl NewPersonPage {
    fn error(&self, field: &str) -> Option<&'static str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, k)| *k)
    }

    fn sexes(&self) -> [(&'static str, &'static str); 4] {
        [
            ("", "person-sex-unknown"),
            ("M", "person-sex-m"),
            ("F", "person-sex-f"),
            ("X", "person-sex-x"),
        ]
    }

    fn doc_types(&self) -> [&'static str; 7] {
        DOC_TYPES
    }

    fn score(&self, h: &umis_service::SearchHit) -> String {
        format!("{:.0}%", h.score * 100.0)
    }

    /// Name, message key, value and hint key of each text field.
    fn text_fields(&self) -> Vec<(&'static str, &'static str, String, &'static str)> {
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

    fn doc_fields(&self) -> Vec<(&'static str, &'static str, String, &'static str)> {
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

const DOC_TYPES: [&str; 7] = [
    "passport",
    "id_card",
    "refugee_travel_document",
    "stateless_travel_document",
    "residence_card",
    "visa",
    "other",
];

fn new_page(cu: &CurrentUser, form: PersonForm) -> NewPersonPage {
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
fn error_key(code: &str) -> &'static str {
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
fn form_field(field: &str) -> &'static str {
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

fn to_input(form: &PersonForm) -> NewPersonInput {
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
        page_errors.push(e.message.clone());
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

#[derive(Template)]
#[template(path = "person_view.html")]
struct PersonPage {
    page: Page,
    history: Vec<umis_store::HistoryEntry>,
    merge_error: Option<&'static str>,
    merge_value: String,
    edit: EditForm,
    edit_errors: Vec<(&'static str, &'static str)>,
    person: Person,
    number: String,
    notice_key: Option<&'static str>,
    doc_form: DocumentForm,
    doc_errors: Vec<(&'static str, &'static str)>,
    stay: Option<umis_service::StayView>,
}

impl PersonPage {
    /// Whether the officer may see applications (the links to this person's cases).
    fn may_cases(&self) -> bool {
        self.page.nav.iter().any(|n| n.id == "cases")
    }

    /// The message shown for the registration obligation.
    fn registration_text(&self, s: &umis_service::StayView) -> String {
        let Some(r) = &s.registration else {
            return String::new();
        };
        let get = |k: &str| {
            r.get(k)
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false)
        };
        let deadline = r
            .get("deadline")
            .and_then(|d| d.as_str())
            .unwrap_or("")
            .to_owned();
        if get("registered") {
            self.page.tr.t("stay-reg-done")
        } else if get("overdue") {
            self.page.tr.t1("stay-reg-overdue", "date", deadline)
        } else if get("required") {
            self.page.tr.t1("stay-reg-due", "date", deadline)
        } else {
            self.page.tr.t("stay-reg-not-required")
        }
    }

    /// Days used of a rolling allowance, as "used / allowed (window)".
    fn window_text(&self, s: &umis_service::StayView) -> String {
        s.window
            .as_ref()
            .map(|w| {
                format!(
                    "{} / {} ({})",
                    w["days_used"], w["days_allowed"], w["window_days"]
                )
            })
            .unwrap_or_default()
    }
}

impl PersonsPage {
    fn number(&self, p: &Person) -> String {
        PersonId::from_stored(p.person_id).to_string()
    }

    fn score(&self, h: &umis_service::SearchHit) -> String {
        format!("{:.0}%", h.score * 100.0)
    }

    /// Message keys of a short account of why a candidate matched.
    fn why(&self, h: &umis_service::SearchHit) -> Vec<String> {
        let e = serde_json::to_value(&h.explanation).unwrap_or_default();
        let mut out = Vec::new();
        if let Some(kind) = e.pointer("/name/kind").and_then(|k| k.as_str()) {
            out.push(format!("why-name-{kind}"));
            if e.pointer("/name/order_swapped").and_then(|v| v.as_bool()) == Some(true) {
                out.push("why-order-swapped".into());
            }
        }
        for (field, prefix) in [
            ("birth_date", "why-birth-"),
            ("nationality", "why-nationality-"),
            ("document", "why-document-"),
        ] {
            if let Some(v) = e.get(field).and_then(|v| v.as_str()) {
                out.push(format!("{prefix}{}", v.replace('_', "-")));
            }
        }
        out
    }
}

impl PersonPage {
    fn doc_error(&self, field: &str) -> Option<&'static str> {
        self.doc_errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, k)| *k)
    }

    fn doc_types(&self) -> [&'static str; 7] {
        DOC_TYPES
    }

    fn doc_type_key(&self, t: &str) -> String {
        format!("doc-type-{}", t.replace('_', "-"))
    }

    fn doc_fields(&self) -> Vec<(&'static str, &'static str, String)> {
        let f = &self.doc_form;
        vec![
            (
                "issuing_state",
                "person-doc-issuing-state",
                f.issuing_state.clone(),
            ),
            ("number", "person-doc-number", f.number.clone()),
            ("expiry_date", "person-doc-expiry", f.expiry_date.clone()),
        ]
    }

    fn edit_error(&self, field: &str) -> Option<&'static str> {
        self.edit_errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, k)| *k)
    }

    fn edit_fields(&self) -> Vec<(&'static str, &'static str, String)> {
        let e = &self.edit;
        vec![
            ("surname", "person-surname", e.surname.clone()),
            ("given_names", "person-given-names", e.given_names.clone()),
            ("patronymic", "person-patronymic", e.patronymic.clone()),
            ("birth_date", "person-birth-date", e.birth_date.clone()),
            (
                "place_of_birth",
                "person-place-of-birth",
                e.place_of_birth.clone(),
            ),
            (
                "nationalities",
                "person-nationalities",
                e.nationalities.clone(),
            ),
        ]
    }

    fn sexes(&self) -> [(&'static str, &'static str); 4] {
        [
            ("", "person-sex-unknown"),
            ("M", "person-sex-m"),
            ("F", "person-sex-f"),
            ("X", "person-sex-x"),
        ]
    }

    fn history_key(&self, h: &umis_store::HistoryEntry) -> String {
        format!("person-history-{}", h.action.replace('_', "-"))
    }

    fn statuses(&self) -> [&'static str; 5] {
        ["valid", "lost", "stolen", "expired", "revoked"]
    }

    fn doc_status_key(&self, s: &str) -> String {
        format!("doc-status-{s}")
    }

    fn sex_key(&self) -> &'static str {
        match self.person.sex.as_deref() {
            Some("M") => "person-sex-m",
            Some("F") => "person-sex-f",
            Some("X") => "person-sex-x",
            _ => "person-sex-unknown",
        }
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct DocumentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    doc_type: String,
    #[serde(default)]
    issuing_state: String,
    #[serde(default)]
    number: String,
    #[serde(default)]
    expiry_date: String,
    #[serde(default)]
    status: String,
}

/// The edit form of a person's core facts.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct EditForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: i32,
    #[serde(default)]
    surname: String,
    #[serde(default)]
    given_names: String,
    #[serde(default)]
    patronymic: String,
    #[serde(default)]
    sex: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    place_of_birth: String,
    #[serde(default)]
    nationalities: String,
}

csrf_form!(EditForm, MergeForm);

/// Merging a duplicate into the person shown.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct MergeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    merged: String,
}

pub(crate) async fn merge(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Protected { cu, form }: Protected<MergeForm>,
) -> Result<Response, UiError> {
    let error = match state
        .services
        .merge_persons(&cu.ctx, &id, form.merged.trim())
        .await
    {
        Ok(_) => {
            return Ok(
                crate::ui::redirect::see_other(&format!("/persons/{id}?done=merged"))
                    .into_response(),
            );
        }
        Err(ServiceError::Validation {
            field: "merged",
            code,
            ..
        }) => {
            if code == "same_person" {
                "person-error-merge-self"
            } else {
                "person-error-number"
            }
        }
        Err(ServiceError::NotFound) => "person-error-number",
        Err(ServiceError::Conflict(_)) => "person-error-merge-state",
        Err(e) => return Err(e.into()),
    };
    let person = state.services.get_person(&cu.ctx, &id, None).await?;
    let mut page = person_page(&state, &cu, &id, person).await?;
    page.merge_error = Some(error);
    page.merge_value = form.merged;
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

impl EditForm {
    fn of(p: &Person) -> EditForm {
        let n = p.names.first();
        EditForm {
            csrf: String::new(),
            version: p.version,
            surname: n.map(|n| n.surname.clone()).unwrap_or_default(),
            given_names: n.and_then(|n| n.given_names.clone()).unwrap_or_default(),
            patronymic: n.and_then(|n| n.patronymic.clone()).unwrap_or_default(),
            sex: p.sex.clone().unwrap_or_default(),
            birth_date: p.birth_date.clone().unwrap_or_default(),
            place_of_birth: p.place_of_birth.clone().unwrap_or_default(),
            nationalities: p.nationalities.join(" "),
        }
    }

    fn input(&self) -> NewPersonInput {
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        NewPersonInput {
            surname: self.surname.clone(),
            given_names: opt(&self.given_names),
            patronymic: opt(&self.patronymic),
            sex: opt(&self.sex),
            birth_date: opt(&self.birth_date),
            place_of_birth: opt(&self.place_of_birth),
            nationalities: self
                .nationalities
                .split([',', ' '])
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            ..Default::default()
        }
    }
}

async fn person_page(
    state: &AppState,
    cu: &CurrentUser,
    id: &str,
    person: Person,
) -> Result<PersonPage, UiError> {
    let history = state.services.person_history(&cu.ctx, id).await?;
    let stay = state.services.person_stay_on_page(&cu.ctx, id).await.ok();
    Ok(PersonPage {
        stay,
        page: Page::for_user(cu, "persons", "persons-view", &format!("/persons/{id}")),
        number: PersonId::from_stored(person.person_id).to_string(),
        history,
        merge_error: None,
        merge_value: String::new(),
        edit: EditForm::of(&person),
        edit_errors: Vec::new(),
        person,
        notice_key: None,
        doc_form: DocumentForm {
            doc_type: "passport".into(),
            ..Default::default()
        },
        doc_errors: Vec::new(),
    })
}

pub(crate) async fn edit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Protected { cu, form }: Protected<EditForm>,
) -> Result<Response, UiError> {
    match state
        .services
        .update_person(&cu.ctx, &id, &form.input(), form.version)
        .await
    {
        Ok(_) => Ok(
            crate::ui::redirect::see_other(&format!("/persons/{id}?done=updated")).into_response(),
        ),
        Err(ServiceError::Validation { field, code, .. }) if field != "person_id" => {
            let person = state.services.get_person(&cu.ctx, &id, None).await?;
            let mut page = person_page(&state, &cu, &id, person).await?;
            page.edit_errors = vec![(form_field(field), error_key(code))];
            page.edit = form;
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(ServiceError::Conflict(_)) => {
            let person = state.services.get_person(&cu.ctx, &id, None).await?;
            let mut page = person_page(&state, &cu, &id, person).await?;
            page.notice_key = None;
            page.edit_errors = vec![("surname", "person-error-stale")];
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::CONFLICT;
            Ok(res)
        }
        Err(ServiceError::Validation { .. }) => Err(UiError::NotFound),
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct ViewQuery {
    #[serde(default)]
    done: Option<String>,
    #[serde(default)]
    purpose: Option<String>,
}

pub(crate) async fn view(
    State(state): State<AppState>,
    cu: CurrentUser,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<ViewQuery>,
) -> Result<Response, UiError> {
    let purpose = q.purpose.map(|p| p.chars().take(200).collect());
    let person = match state.services.get_person(&cu.ctx, &id, purpose).await {
        Ok(p) => p,
        Err(ServiceError::Validation { .. }) => return Err(UiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let notice_key = match q.done.as_deref() {
        Some("created") => Some("person-created"),
        Some("document") => Some("person-document-added"),
        Some("updated") => Some("person-updated"),
        Some("merged") => Some("person-merged"),
        _ => None,
    };
    let mut page = person_page(&state, &cu, &id, person).await?;
    page.notice_key = notice_key;
    render(&page)
}

pub(crate) async fn add_document(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Protected { cu, form }: Protected<DocumentForm>,
) -> Result<Response, UiError> {
    let input = DocumentInput {
        doc_type: if form.doc_type.is_empty() {
            "passport".into()
        } else {
            form.doc_type.clone()
        },
        issuing_state: form.issuing_state.clone(),
        number: form.number.clone(),
        issue_date: None,
        expiry_date: Some(form.expiry_date.clone()).filter(|s| !s.trim().is_empty()),
        status: Some(form.status.clone()).filter(|s| !s.trim().is_empty()),
        mrz: None,
    };
    match state.services.add_document(&cu.ctx, &id, &input).await {
        Ok(_) => Ok(
            crate::ui::redirect::see_other(&format!("/persons/{id}?done=document")).into_response(),
        ),
        Err(ServiceError::Validation { field, code, .. }) if field != "person_id" => {
            let person = state.services.get_person(&cu.ctx, &id, None).await?;
            let f = match field {
                "document_issuing_state" => "issuing_state",
                "document_number" => "number",
                "expiry_date" => "expiry_date",
                "status" => "status",
                _ => "doc_type",
            };
            let mut page = person_page(&state, &cu, &id, person).await?;
            page.doc_form = form;
            page.doc_errors = vec![(f, error_key(code))];
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(ServiceError::Validation { .. }) => Err(UiError::NotFound),
        Err(e) => Err(e.into()),
    }
}
