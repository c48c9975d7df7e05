//! The list of inspections, with the form that plans a new one.

use super::{error_of, some};
use crate::extract::{CurrentUser, Protected, csrf_form};
use crate::ui::{Page, render};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_domain::Permission;
use umis_service::{Inspection, InspectionInput, ServiceError};

#[derive(Template)]
#[template(path = "inspections.html")]
struct ListPage {
    page: Page,
    rows: Vec<Inspection>,
    may_write: bool,
    form: PlanForm,
    error: Option<(&'static str, &'static str)>,
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

csrf_form!(PlanForm);

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
