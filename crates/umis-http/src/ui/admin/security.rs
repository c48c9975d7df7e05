//! Security settings: which roles must use a second factor.

use super::DoneQuery;
use crate::extract::{CurrentUser, Protected};
use crate::ui::{Page, render};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use umis_domain::Role;

#[derive(Template)]
#[template(path = "admin_security.html")]
struct SecurityPage {
    page: Page,
    roles: Vec<(Role, bool)>,
    notice_key: Option<&'static str>,
}

pub(crate) async fn security(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Response, UiError> {
    let roles = state.services.role_mfa_settings(&cu.ctx).await?;
    render(&SecurityPage {
        page: Page::for_user(&cu, "security", "nav-security", "/admin/security"),
        roles,
        notice_key: (q.done.as_deref() == Some("saved")).then_some("security-saved"),
    })
}

pub(crate) async fn set_security(
    State(state): State<AppState>,
    Protected { cu, form: pairs }: Protected<Vec<(String, String)>>,
) -> Result<Response, UiError> {
    let mut wanted = Vec::new();
    for (k, v) in &pairs {
        if k == "mfa" {
            let role: Role = v
                .parse()
                .map_err(|_| UiError::BadRequest("error-bad-form"))?;
            wanted.push(role);
        }
    }
    for (role, current) in state.services.role_mfa_settings(&cu.ctx).await? {
        let required = wanted.contains(&role);
        if required != current {
            state.services.set_role_mfa(&cu.ctx, role, required).await?;
        }
    }
    Ok(crate::ui::redirect::see_other("/admin/security?done=saved").into_response())
}
