//! The officer's own account: language, password, second factor.

use super::{Page, render};
use crate::extract::{CurrentUser, Protected, csrf_form};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_service::ServiceError;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    page: Page,
    mfa_required_notice: bool,
    notice_key: Option<&'static str>,
    enrolment: Option<(String, String)>,
    code_error: Option<&'static str>,
    password_errors: Vec<(&'static str, &'static str)>,
}

impl AccountPage {
    fn password_error(&self, field: &str) -> Option<&'static str> {
        self.password_errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, k)| *k)
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct AccountQuery {
    #[serde(default)]
    done: Option<String>,
}

fn base(cu: &CurrentUser) -> AccountPage {
    AccountPage {
        page: Page::for_user(cu, "account", "nav-account", "/account"),
        mfa_required_notice: cu.user.must_enrol_mfa,
        notice_key: None,
        enrolment: None,
        code_error: None,
        password_errors: Vec::new(),
    }
}

pub(crate) async fn show(
    cu: CurrentUser,
    Query(q): Query<AccountQuery>,
) -> Result<Response, UiError> {
    let mut page = base(&cu);
    page.notice_key = match q.done.as_deref() {
        Some("totp-on") => Some("account-totp-enabled"),
        Some("totp-off") => Some("account-totp-disabled"),
        _ => None,
    };
    render(&page)
}

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

csrf_form!(CodeForm, PasswordForm);
