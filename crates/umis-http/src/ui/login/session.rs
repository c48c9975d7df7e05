//! The end of a session (logout) and the keep-alive that answers the idle warning.

use crate::extract::{Protected, SESSION_COOKIE, csrf_form, set_cookie};
use crate::{AppState, UiError};
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub(crate) struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

pub(crate) async fn logout(
    State(state): State<AppState>,
    Protected { cu, form: _ }: Protected<CsrfOnly>,
) -> Result<Response, UiError> {
    state.services.logout(&cu.ctx, &cu.session_token).await?;
    let mut res = crate::ui::redirect::see_other("/login?bye=1").into_response();
    let c = set_cookie(SESSION_COOKIE, "", Some(0), state.config.secure_cookies);
    if let Ok(v) = c.parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

/// Keeps the session alive when the officer answers the idle warning: the session was
/// touched by authenticating this request, so there is nothing left to do.
pub(crate) async fn keepalive(Protected { cu: _, form: _ }: Protected<CsrfOnly>) -> StatusCode {
    StatusCode::NO_CONTENT
}

csrf_form!(CsrfOnly);
