//! Issuing an API token to a partner agency, and revoking a client's tokens.

use super::CsrfForm;
use super::tokens::{NewTokenForm, tokens_page};
use crate::extract::Protected;
use crate::ui::render;
use crate::{AppState, UiError};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use umis_service::ServiceError;

pub(crate) async fn create_token(
    State(state): State<AppState>,
    Protected { cu, form: pairs }: Protected<Vec<(String, String)>>,
) -> Result<Response, UiError> {
    // Repeated `scopes` fields (one per checkbox) are read as pairs.
    let mut form = NewTokenForm::default();
    for (k, v) in pairs {
        match k.as_str() {
            "client" => form.client = v.trim().to_owned(),
            "scopes" => form.scopes.push(v),
            "expires_days" => form.expires_days = v.trim().to_owned(),
            _ => {}
        }
    }
    let mut errors = Vec::new();
    let expires = if form.expires_days.is_empty() {
        None
    } else {
        match form.expires_days.parse::<i64>() {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(("expires_days", "tokens-error-expiry"));
                None
            }
        }
    };
    if form.scopes.is_empty() {
        errors.push(("scopes", "tokens-error-scopes"));
    }
    let mut issued = None;
    if errors.is_empty() {
        match state
            .services
            .issue_token(&cu.ctx, &form.client, &form.scopes.join(","), expires)
            .await
        {
            Ok(t) => issued = Some(t.token),
            Err(ServiceError::Validation { field, .. }) => errors.push(match field {
                "client" => ("client", "tokens-error-client"),
                "scopes" => ("scopes", "tokens-error-scopes"),
                _ => ("expires_days", "tokens-error-expiry"),
            }),
            Err(e) => return Err(e.into()),
        }
    }
    let mut page = tokens_page(&state, &cu).await?;
    let failed = issued.is_none();
    page.issued = issued;
    page.errors = errors;
    if failed {
        page.form = form;
    }
    let mut res = render(&page)?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

pub(crate) async fn revoke_token(
    State(state): State<AppState>,
    Path(client): Path<String>,
    Protected { cu, form: _ }: Protected<CsrfForm>,
) -> Result<Response, UiError> {
    state.services.revoke_tokens(&cu.ctx, &client).await?;
    Ok(crate::ui::redirect::see_other("/admin/tokens?done=revoked").into_response())
}
