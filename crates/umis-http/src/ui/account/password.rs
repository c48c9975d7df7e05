//! Changing the officer's own password.

use super::base;
use crate::extract::{Protected, csrf_form};
use crate::ui::render;
use crate::{AppState, UiError};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_service::ServiceError;

#[derive(Deserialize)]
pub(crate) struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

pub(crate) async fn change_password(
    State(state): State<AppState>,
    Protected { cu, form }: Protected<PasswordForm>,
) -> Result<Response, UiError> {
    let mut page = base(&cu);
    if form.new_password != form.confirm_password {
        page.password_errors
            .push(("confirm_password", "account-password-mismatch"));
    } else {
        match state
            .services
            .change_own_password(&cu.ctx, &form.current_password, &form.new_password)
            .await
        {
            // Every session of the account ends, this one too: log in with the new password.
            Ok(()) => return Ok(crate::ui::redirect::see_other("/login?bye=1").into_response()),
            Err(ServiceError::Validation { field, .. }) => {
                let (f, key) = if field == "current_password" {
                    ("current_password", "account-password-wrong")
                } else {
                    ("new_password", "account-password-weak")
                };
                page.password_errors.push((f, key));
            }
            Err(e) => return Err(e.into()),
        }
    }
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

csrf_form!(PasswordForm);
