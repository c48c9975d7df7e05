//! The decisions on a pair: merging one record into the other, recording that they are
//! different persons, and withdrawing that decision.

use super::compare::compare_page;
use crate::extract::{Protected, csrf_form};
use crate::ui::render;
use crate::{AppState, UiError};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_service::ServiceError;

/// Which record survives a merge.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct MergeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    survivor: String,
}

/// Why two records are different persons.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct DismissForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
}

/// A form with nothing but its anti-forgery token.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct EmptyForm {
    #[serde(default)]
    csrf: String,
}

csrf_form!(MergeForm, DismissForm, EmptyForm);

/// Merges one record of the pair into the other (the officer chooses the survivor).
pub(crate) async fn merge(
    State(state): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    Protected { cu, form }: Protected<MergeForm>,
) -> Result<Response, UiError> {
    let survivor = form.survivor.trim();
    let merged = if survivor == a.trim() {
        b.trim()
    } else if survivor == b.trim() {
        a.trim()
    } else {
        return Err(UiError::BadRequest("dup-error-survivor"));
    };
    let error = match state
        .services
        .merge_persons(&cu.ctx, survivor, merged)
        .await
    {
        Ok(_) => {
            return Ok(
                crate::ui::redirect::see_other("/persons/duplicates?done=merged").into_response(),
            );
        }
        Err(ServiceError::Conflict(_)) => "person-error-merge-state",
        Err(ServiceError::Validation { .. }) | Err(ServiceError::NotFound) => {
            return Err(UiError::NotFound);
        }
        Err(e) => return Err(e.into()),
    };
    let mut page = compare_page(&state, &cu, &a, &b).await?;
    page.error_key = Some(error);
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::CONFLICT;
    Ok(res)
}

/// Records that the pair are different persons.
pub(crate) async fn dismiss(
    State(state): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    Protected { cu, form }: Protected<DismissForm>,
) -> Result<Response, UiError> {
    let (error, status) = match state
        .services
        .decide_not_duplicate(&cu.ctx, &a, &b, &form.reason)
        .await
    {
        Ok(_) => {
            return Ok(
                crate::ui::redirect::see_other("/persons/duplicates?done=dismissed")
                    .into_response(),
            );
        }
        Err(ServiceError::Validation {
            field: "reason",
            code,
            ..
        }) => (
            if code == "too_long" {
                "dup-error-reason-long"
            } else {
                "dup-error-reason"
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(ServiceError::Conflict(_)) => ("dup-error-decided", StatusCode::CONFLICT),
        Err(ServiceError::Validation { .. }) | Err(ServiceError::NotFound) => {
            return Err(UiError::NotFound);
        }
        Err(e) => return Err(e.into()),
    };
    let mut page = compare_page(&state, &cu, &a, &b).await?;
    page.error_key = Some(error);
    page.reason = form.reason.chars().take(2000).collect();
    let mut res = render(&page)?;
    *res.status_mut() = status;
    Ok(res)
}

/// Withdraws a "not a duplicate" decision.
pub(crate) async fn reopen(
    State(state): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    Protected { cu, form: _ }: Protected<EmptyForm>,
) -> Result<Response, UiError> {
    match state.services.reopen_duplicate(&cu.ctx, &a, &b).await {
        Ok(()) => Ok(
            crate::ui::redirect::see_other(&format!("/persons/duplicates/{a}/{b}")).into_response(),
        ),
        Err(ServiceError::Validation { .. }) | Err(ServiceError::NotFound) => {
            Err(UiError::NotFound)
        }
        Err(e) => Err(e.into()),
    }
}
