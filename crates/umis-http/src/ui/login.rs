//! Login, logout and the language switch.

use super::{Page, anon_tr, render};
use crate::extract::{
    CSRF_COOKIE, ClientAddr, LANG_COOKIE, MaybeUser, Protected, SESSION_COOKIE, UiForm, check_csrf,
    cookie, csrf_form, set_cookie,
};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_domain::Lang;
use umis_service::{Actor, Ctx, LoginRequest, ServiceError};

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

#[derive(Deserialize)]
pub(crate) struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: String,
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
    UiForm(form): UiForm<LoginForm>,
) -> Result<Response, UiError> {
    let anon = Ctx::new(Actor::Anonymous, addr.clone());
    let expected = cookie(&headers, CSRF_COOKIE).unwrap_or_default();
    check_csrf(&state.services, &anon, &expected, &form.csrf, &headers).await?;
    let next = super::redirect::local_or_home(Some(&form.next));
    let username = form.username.trim().chars().take(64).collect::<String>();
    let result = state
        .services
        .login(LoginRequest {
            username: username.clone(),
            password: form.password,
            totp_code: Some(form.code).filter(|c| !c.trim().is_empty()),
            client_addr: addr,
        })
        .await;
    match result {
        Ok(ok) => {
            let secure = state.config.secure_cookies;
            let max_age = state.services.security().session_absolute_hours * 3600;
            let mut res = crate::ui::redirect::see_other(&next).into_response();
            let mut cookies = vec![set_cookie(
                SESSION_COOKIE,
                &ok.session_token,
                Some(max_age),
                secure,
            )];
            if let Some(lang) = ok.user.lang {
                cookies.push(set_cookie(
                    LANG_COOKIE,
                    lang.code(),
                    Some(31_536_000),
                    secure,
                ));
            }
            for c in cookies {
                if let Ok(v) = c.parse() {
                    res.headers_mut().append(header::SET_COOKIE, v);
                }
            }
            Ok(res)
        }
        Err(e) => {
            let (status, key) = match e {
                ServiceError::Locked { .. } => (StatusCode::TOO_MANY_REQUESTS, "login-locked"),
                ServiceError::SecondFactor => (StatusCode::UNAUTHORIZED, "login-code-required"),
                ServiceError::Unauthenticated(_) => (StatusCode::UNAUTHORIZED, "login-failed"),
                other => return Err(other.into()),
            };
            let page = login_page(&state, &headers, expected, next, username, Some(key), None);
            let mut res = render(&page)?;
            *res.status_mut() = status;
            Ok(res)
        }
    }
}

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

#[derive(Deserialize)]
pub(crate) struct LangForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    back: String,
}

pub(crate) async fn switch_lang(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    MaybeUser(user): MaybeUser,
    headers: HeaderMap,
    UiForm(form): UiForm<LangForm>,
) -> Result<Response, UiError> {
    let lang: Lang = form
        .lang
        .parse()
        .map_err(|_| UiError::BadRequest("error-unknown-language"))?;
    match &user {
        Some(cu) => {
            check_csrf(&state.services, &cu.ctx, &cu.csrf, &form.csrf, &headers).await?;
            state.services.set_own_lang(&cu.ctx, lang).await?;
        }
        None => {
            let anon = Ctx::new(Actor::Anonymous, addr);
            let expected = cookie(&headers, CSRF_COOKIE).unwrap_or_default();
            check_csrf(&state.services, &anon, &expected, &form.csrf, &headers).await?;
        }
    }
    let mut res = crate::ui::redirect::see_other(&super::redirect::local_or_home(Some(&form.back)))
        .into_response();
    let c = set_cookie(
        LANG_COOKIE,
        lang.code(),
        Some(31_536_000),
        state.config.secure_cookies,
    );
    if let Ok(v) = c.parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

csrf_form!(CsrfOnly);
