//! The login form's submission: the password and second factor checked, the session cookie set.

use super::login_page;
use crate::extract::{
    CSRF_COOKIE, ClientAddr, LANG_COOKIE, SESSION_COOKIE, UiForm, check_csrf, cookie, set_cookie,
};
use crate::ui::render;
use crate::{AppState, UiError};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_service::{Actor, Ctx, LoginRequest, ServiceError};

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
    let next = crate::ui::redirect::local_or_home(Some(&form.next));
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
