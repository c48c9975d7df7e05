//! Changes to an existing officer account: disable and enable it, reset its second factor,
//! record the officer's full name.

use crate::extract::{Protected, csrf_form};
use crate::ui::admin::CsrfForm;
use crate::{AppState, UiError};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_service::ServiceError;

pub(crate) async fn disable_user(
    State(state): State<AppState>,
    Path(username): Path<String>,
    Protected { cu, form: _ }: Protected<CsrfForm>,
) -> Result<Response, UiError> {
    match state
        .services
        .set_user_disabled(&cu.ctx, &username, true)
        .await
    {
        Ok(()) => {}
        Err(ServiceError::Conflict(_)) => {
            return Err(UiError::BadRequest("users-error-self-disable"));
        }
        Err(e) => return Err(e.into()),
    }
    Ok(crate::ui::redirect::see_other("/admin/users?done=disabled").into_response())
}

pub(crate) async fn enable_user(
    State(state): State<AppState>,
    Path(username): Path<String>,
    Protected { cu, form: _ }: Protected<CsrfForm>,
) -> Result<Response, UiError> {
    state
        .services
        .set_user_disabled(&cu.ctx, &username, false)
        .await?;
    Ok(crate::ui::redirect::see_other("/admin/users?done=enabled").into_response())
}

pub(crate) async fn reset_mfa(
    State(state): State<AppState>,
    Path(username): Path<String>,
    Protected { cu, form: _ }: Protected<CsrfForm>,
) -> Result<Response, UiError> {
    state.services.reset_user_mfa(&cu.ctx, &username).await?;
    Ok(crate::ui::redirect::see_other("/admin/users?done=mfa-reset").into_response())
}

#[derive(Deserialize)]
pub(crate) struct FullNameForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    full_name: String,
}

csrf_form!(FullNameForm);

/// Records an officer's full name (as decision letters sign them).
pub(crate) async fn set_full_name(
    State(state): State<AppState>,
    Path(username): Path<String>,
    Protected { cu, form }: Protected<FullNameForm>,
) -> Result<Response, UiError> {
    match state
        .services
        .set_user_full_name(&cu.ctx, &username, &form.full_name)
        .await
    {
        Ok(_) => Ok(crate::ui::redirect::see_other("/admin/users?done=named").into_response()),
        Err(ServiceError::Validation { .. }) => Err(UiError::BadRequest("users-error-full-name")),
        Err(e) => Err(e.into()),
    }
}
