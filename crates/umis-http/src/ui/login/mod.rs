//! Login, logout and the language switch.

mod lang;
mod session;
mod submit;

pub(crate) use lang::switch_lang;
pub(crate) use session::{keepalive, logout};
pub(crate) use submit::submit;

use super::{Page, anon_tr, render};
use crate::extract::{CSRF_COOKIE, MaybeUser, cookie, set_cookie};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    page: Page,
    next: String,
    username: String,
    error_key: Option<&'static str>,
    notice_key: Option<&'static str>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct LoginQuery {
    #[serde(default)]
    next: Option<String>,
    #[serde(default)]
    bye: Option<String>,
    #[serde(default)]
    expired: Option<String>,
}

fn new_token() -> Result<String, UiError> {
    let mut buf = [0u8; 32];
    getrandom::fill(&mut buf).map_err(|_| UiError::Internal)?;
    Ok(hex::encode(buf))
}

/// The anonymous anti-forgery token: the one in the cookie, or a new one to set.
fn anon_csrf(headers: &HeaderMap) -> Result<(String, bool), UiError> {
    match cookie(headers, CSRF_COOKIE).filter(|c| c.len() == 64) {
        Some(c) => Ok((c, false)),
        None => Ok((new_token()?, true)),
    }
}

fn login_page(
    state: &AppState,
    headers: &HeaderMap,
    csrf: String,
    next: String,
    username: String,
    error_key: Option<&'static str>,
    notice_key: Option<&'static str>,
) -> LoginPage {
    LoginPage {
        page: Page {
            tr: anon_tr(state, headers),
            user: None,
            csrf,
            nav: Vec::new(),
            path: format!("/login?next={}", super::urlencode(&next)),
            title_key: "login-title",
            idle_seconds: 0,
        },
        next,
        username,
        error_key,
        notice_key,
    }
}

pub(crate) async fn show(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Query(q): Query<LoginQuery>,
    headers: HeaderMap,
) -> Result<Response, UiError> {
    let next = super::redirect::local_or_home(q.next.as_deref());
    if user.is_some() {
        return Ok(crate::ui::redirect::see_other(&next).into_response());
    }
    let (csrf, fresh) = anon_csrf(&headers)?;
    let notice = if q.expired.is_some() {
        Some("login-expired")
    } else {
        q.bye.map(|_| "login-bye")
    };
    let page = login_page(
        &state,
        &headers,
        csrf.clone(),
        next,
        String::new(),
        None,
        notice,
    );
    let mut res = render(&page)?;
    if fresh {
        let c = set_cookie(CSRF_COOKIE, &csrf, None, state.config.secure_cookies);
        if let Ok(v) = c.parse() {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    Ok(res)
}
