//! The officer's own account: language, password, second factor.

mod password;
mod totp;

pub(crate) use password::change_password;
pub(crate) use totp::{totp_confirm, totp_disable, totp_start};

use super::{Page, render};
use crate::UiError;
use crate::extract::CurrentUser;
use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use serde::Deserialize;

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
