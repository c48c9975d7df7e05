//! Administration of officer accounts: list, create, full name, disable and enable, reset the
//! second factor.

mod changes;

pub(crate) use changes::{disable_user, enable_user, reset_mfa, set_full_name};

use super::admin::DoneQuery;
use super::{Page, render};
use crate::extract::{CurrentUser, Protected, csrf_form};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_domain::Role;
use umis_service::{NewUserInput, Office, ServiceError, User};

#[derive(Template)]
#[template(path = "admin_users.html")]
struct UsersPage {
    page: Page,
    users: Vec<User>,
    offices: Vec<Office>,
    roles: Vec<Role>,
    form: NewUserForm,
    errors: Vec<(&'static str, &'static str)>,
    notice_key: Option<&'static str>,
}

impl UsersPage {
    fn error(&self, field: &str) -> Option<&'static str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, k)| *k)
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct NewUserForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    office: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    full_name: String,
}

csrf_form!(NewUserForm);

async fn users_page(
    state: &AppState,
    cu: &CurrentUser,
    form: NewUserForm,
    errors: Vec<(&'static str, &'static str)>,
    notice_key: Option<&'static str>,
) -> Result<UsersPage, UiError> {
    Ok(UsersPage {
        page: Page::for_user(cu, "users", "nav-users", "/admin/users"),
        users: state.services.list_users(&cu.ctx).await?,
        offices: state.services.list_offices().await?,
        roles: Role::ALL.to_vec(),
        form,
        errors,
        notice_key,
    })
}

pub(crate) async fn users(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Response, UiError> {
    let notice = match q.done.as_deref() {
        Some("created") => Some("users-created"),
        Some("disabled") => Some("users-disabled"),
        Some("enabled") => Some("users-enabled"),
        Some("mfa-reset") => Some("users-mfa-reset-done"),
        Some("named") => Some("users-named"),
        _ => None,
    };
    render(&users_page(&state, &cu, NewUserForm::default(), Vec::new(), notice).await?)
}

pub(crate) async fn create_user(
    State(state): State<AppState>,
    Protected { cu, form }: Protected<NewUserForm>,
) -> Result<Response, UiError> {
    let input = NewUserInput {
        username: form.username.trim().to_owned(),
        role: form.role.clone(),
        office_code: form.office.clone(),
        password: form.password.clone(),
        mfa_exempt: false,
        full_name: form.full_name.clone(),
    };
    let error = match state.services.create_user(&cu.ctx, input).await {
        Ok(_) => {
            return Ok(crate::ui::redirect::see_other("/admin/users?done=created").into_response());
        }
        Err(ServiceError::Validation { field, code, .. }) => {
            let key = match code {
                "invalid_username" => "users-error-username",
                "unknown_role" => "users-error-role",
                "weak_password" => "users-error-password",
                "invalid_full_name" => "users-error-full-name",
                _ => "users-error-office",
            };
            (if field == "office" { "office" } else { field }, key)
        }
        Err(ServiceError::Conflict(_)) => ("username", "users-error-taken"),
        Err(e) => return Err(e.into()),
    };
    let form = NewUserForm {
        password: String::new(),
        ..form
    };
    let mut res = render(&users_page(&state, &cu, form, vec![error], None).await?)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}
