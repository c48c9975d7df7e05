//! Inspections in the back office: the list with a planning form, and one inspection with the
//! persons found (their status of stay at that moment), decisions and fines.

use super::{Page, render};
use crate::extract::{CurrentUser, Protected, csrf_form};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_domain::Permission;
use umis_domain::person::PersonId;
use umis_service::{FindingInput, InspectionInput, ServiceError};
use umis_store::{Finding, Inspection};

#[derive(Template)]
#[template(path = "inspections.html")]
struct ListPage {
    page: Page,
    rows: Vec<Inspection>,
    may_write: bool,
    form: PlanForm,
    error: Option<(&'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "inspection.html")]
struct DetailPage {
    page: Page,
    inspection: Inspection,
    findings: Vec<Finding>,
    may_write: bool,
    form: FindingForm,
    error: Option<(&'static str, &'static str)>,
    decisions: &'static [&'static str],
}

impl DetailPage {
    fn person(&self, f: &Finding) -> String {
        PersonId::from_stored(f.person_id).to_string()
    }
}

/// The planning form.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct PlanForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    employer: String,
    #[serde(default)]
    employer_tax_id: String,
    #[serde(default)]
    planned_on: String,
    #[serde(default)]
    inspectors: String,
    #[serde(default)]
    notes: String,
}

/// A person found.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct FindingForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    person_id: String,
    #[serde(default)]
    violation_article: String,
    #[serde(default)]
    violation_text: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    fine_amount: String,
    #[serde(default)]
    fine_due: String,
}

/// A bare form (only the anti-forgery token).
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct ActionForm {
    #[serde(default)]
    csrf: String,
}

csrf_form!(PlanForm, FindingForm, ActionForm);

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

async fn list_page(
    state: &AppState,
    cu: &CurrentUser,
    form: PlanForm,
    error: Option<(&'static str, &'static str)>,
) -> Result<Response, UiError> {
    let rows = state.services.inspections(&cu.ctx, 200).await?;
    let mut res = render(&ListPage {
        page: Page::for_user(cu, "inspections", "nav-inspections", "/control/inspections"),
        rows,
        may_write: cu.ctx.may(Permission::WriteExpulsions),
        form,
        error,
    })?;
    if error.is_some() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// The list of inspections.
pub(crate) async fn list(
    State(state): State<AppState>,
    cu: CurrentUser,
) -> Result<Response, UiError> {
    let form = PlanForm {
        planned_on: state.services.local_today().to_string(),
        inspectors: cu.ctx.actor_name(),
        ..Default::default()
    };
    list_page(&state, &cu, form, None).await
}

/// Plans an inspection.
pub(crate) async fn plan(
    State(state): State<AppState>,
    Protected { cu, form }: Protected<PlanForm>,
) -> Result<Response, UiError> {
    let input = InspectionInput {
        place: form.place.clone(),
        employer: some(&form.employer),
        employer_tax_id: some(&form.employer_tax_id),
        planned_on: form.planned_on.clone(),
        inspectors: form.inspectors.clone(),
        notes: some(&form.notes),
    };
    match state.services.plan_inspection(&cu.ctx, &input).await {
        Ok(id) => Ok(
            crate::ui::redirect::see_other(&format!("/control/inspections/{id}")).into_response(),
        ),
        Err(ServiceError::Validation { field, .. }) => {
            list_page(&state, &cu, form, Some(error_of(field))).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn detail_page(
    state: &AppState,
    cu: &CurrentUser,
    id: i64,
    form: FindingForm,
    error: Option<(&'static str, &'static str)>,
) -> Result<Response, UiError> {
    let (inspection, findings) = match state.services.inspection(&cu.ctx, id).await {
        Ok(x) => x,
        Err(ServiceError::NotFound) => return Err(UiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let mut res = render(&DetailPage {
        page: Page::for_user(
            cu,
            "inspections",
            "nav-inspections",
            &format!("/control/inspections/{id}"),
        ),
        inspection,
        findings,
        may_write: cu.ctx.may(Permission::WriteExpulsions),
        form,
        error,
        decisions: &umis_service::DECISIONS,
    })?;
    if error.is_some() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// An inspection number from the path; anything else is a page that does not exist.
fn inspection_id(raw: &str) -> Result<i64, UiError> {
    raw.parse().map_err(|_| UiError::NotFound)
}

/// One inspection.
pub(crate) async fn view(
    State(state): State<AppState>,
    cu: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, UiError> {
    let id = inspection_id(&id)?;
    detail_page(&state, &cu, id, FindingForm::default(), None).await
}

/// Records a person found.
pub(crate) async fn add_finding(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Protected { cu, form }: Protected<FindingForm>,
) -> Result<Response, UiError> {
    let id = inspection_id(&id)?;
    let input = FindingInput {
        person_id: form.person_id.clone(),
        violation_article: some(&form.violation_article),
        violation_text: some(&form.violation_text),
        decision: some(&form.decision),
        fine_amount: match some(&form.fine_amount) {
            None => None,
            Some(a) => match a.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    return detail_page(&state, &cu, id, form, Some(error_of("fine_amount"))).await;
                }
            },
        },
        fine_due: some(&form.fine_due),
    };
    match state.services.record_finding(&cu.ctx, id, &input).await {
        Ok(_) => Ok(
            crate::ui::redirect::see_other(&format!("/control/inspections/{id}")).into_response(),
        ),
        Err(ServiceError::Validation { field, .. }) => {
            detail_page(&state, &cu, id, form, Some(error_of(field))).await
        }
        Err(ServiceError::NotFound) => {
            detail_page(&state, &cu, id, form, Some(error_of("person_id"))).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Marks the inspection carried out today.
pub(crate) async fn complete(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Protected { cu, form: _ }: Protected<ActionForm>,
) -> Result<Response, UiError> {
    let id = inspection_id(&id)?;
    state
        .services
        .complete_inspection(&cu.ctx, id, None)
        .await?;
    Ok(crate::ui::redirect::see_other(&format!("/control/inspections/{id}")).into_response())
}

/// Records that a fine was paid today.
pub(crate) async fn fine_paid(
    State(state): State<AppState>,
    Path((id, person, finding)): Path<(String, String, String)>,
    Protected { cu, form: _ }: Protected<ActionForm>,
) -> Result<Response, UiError> {
    let (id, finding) = (inspection_id(&id)?, inspection_id(&finding)?);
    state
        .services
        .fine_paid(&cu.ctx, &person, finding, None)
        .await?;
    Ok(crate::ui::redirect::see_other(&format!("/control/inspections/{id}")).into_response())
}
