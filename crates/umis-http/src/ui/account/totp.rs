//! Turning the officer's second factor (a TOTP authenticator) on and off.

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
pub(crate) struct CodeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    secret: String,
}

pub(crate) async fn totp_start(
    State(state): State<AppState>,
    Protected { cu, form: _ }: Protected<CodeForm>,
) -> Result<Response, UiError> {
    let enrolment = state.services.totp_begin(&cu.ctx).await?;
    let mut page = base(&cu);
    page.enrolment = Some((enrolment.secret, enrolment.url));
    render(&page)
}

pub(crate) async fn totp_confirm(
    State(state): State<AppState>,
    Protected { cu, form }: Protected<CodeForm>,
) -> Result<Response, UiError> {
    match state.services.totp_confirm(&cu.ctx, &form.code).await {
        Ok(()) => Ok(crate::ui::redirect::see_other("/account?done=totp-on").into_response()),
        Err(ServiceError::Validation { .. }) => {
            let mut page = base(&cu);
            // Show the same secret again so the officer can retry.
            let secret: String = form
                .secret
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .take(64)
                .collect();
            page.enrolment = Some((secret, String::new()));
            page.code_error = Some("account-totp-wrong-code");
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn totp_disable(
    State(state): State<AppState>,
    Protected { cu, form: _ }: Protected<CodeForm>,
) -> Result<Response, UiError> {
    state.services.totp_disable(&cu.ctx).await?;
    Ok(crate::ui::redirect::see_other("/account?done=totp-off").into_response())
}

csrf_form!(CodeForm);
