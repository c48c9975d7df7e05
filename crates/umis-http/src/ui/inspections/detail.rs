//! One inspection: the persons found (their status of stay at that moment), decisions and fines,
//! and the form that records another person found.

use super::{error_of, inspection_id, some};
use crate::extract::{CurrentUser, Protected, csrf_form};
use crate::ui::{Page, render};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_domain::Permission;
use umis_domain::person::PersonId;
use umis_service::{Finding, FindingInput, Inspection, ServiceError};

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

csrf_form!(FindingForm);

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
