//! The home page: the officer's office, what needs them today, and system alerts for
//! administrators.

use super::{Page, render};
use crate::extract::CurrentUser;
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    page: Page,
    office_name: String,
    /// System alerts, for administrators.
    alerts: Vec<umis_service::SystemAlert>,
    /// What needs the officer today.
    items: Vec<umis_service::HomeItem>,
}

impl DashboardPage {
    /// The message shown for a system alert of `kind`.
    fn alert_key(&self, kind: &str) -> &'static str {
        match kind {
            umis_service::ALERT_AUDIT_VERIFICATION_FAILED => "system-alert-audit-verification",
            umis_service::ALERT_AUDIT_CHECKPOINT_FAILED => "system-alert-audit-checkpoint",
            _ => "system-alert-other",
        }
    }
}

pub(super) async fn dashboard(
    State(state): State<AppState>,
    cu: CurrentUser,
) -> Result<Response, UiError> {
    let office_name = state
        .services
        .list_offices()
        .await?
        .into_iter()
        .find(|o| o.code == cu.user.office_code)
        .map_or_else(|| cu.user.office_code.clone(), |o| o.name);
    let alerts = if cu.ctx.may(umis_domain::Permission::ManageSecurity) {
        state.services.system_alerts(&cu.ctx).await?
    } else {
        Vec::new()
    };
    let items = state.services.home(&cu.ctx).await?;
    let page = Page::for_user(&cu, "home", "nav-home", "/");
    render(&DashboardPage {
        page,
        office_name,
        alerts,
        items,
    })
}
