//! Administration screens: offices, partner agency tokens, security settings, the component
//! gallery (officer accounts: `admin_users`).

mod offices;
mod security;
mod token_writes;
mod tokens;

pub(crate) use offices::{offices, save_office};
pub(crate) use security::{security, set_security};
pub(crate) use token_writes::{create_token, revoke_token};
pub(crate) use tokens::tokens;

use super::{Page, render};
use crate::extract::{CurrentUser, csrf_form};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use umis_domain::Permission;

#[derive(Debug, Deserialize)]
pub(crate) struct DoneQuery {
    #[serde(default)]
    pub(crate) done: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

csrf_form!(CsrfForm);

#[derive(Template)]
#[template(path = "admin_components.html")]
struct ComponentsPage {
    page: Page,
}

/// Every component of the design system on one page (administrators), as docs/UI.md lists them.
pub(crate) async fn components(
    State(state): State<AppState>,
    cu: CurrentUser,
) -> Result<Response, UiError> {
    state
        .services
        .authorize(&cu.ctx, Permission::ManageUsers, "components.view")
        .await?;
    render(&ComponentsPage {
        page: Page::for_user(&cu, "components", "components-title", "/admin/components"),
    })
}
