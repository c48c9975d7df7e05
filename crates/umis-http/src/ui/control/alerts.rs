//! Control alerts: expulsions past their deadline and entries by banned persons.

use crate::extract::CurrentUser;
use crate::ui::{Page, render};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;

#[derive(Template)]
#[template(path = "alerts.html")]
struct AlertsPage {
    page: Page,
    alerts: umis_service::AlertsView,
    /// The persons' names, by person number.
    names: std::collections::HashMap<String, umis_service::DisplayName>,
}

/// Expulsions past their deadline and entries by banned persons, each linking to the person.
pub(crate) async fn alerts(
    State(state): State<AppState>,
    cu: CurrentUser,
) -> Result<Response, UiError> {
    let alerts = state.services.control_alerts(&cu.ctx).await?;
    let ids: Vec<&str> = alerts
        .overdue_expulsions
        .iter()
        .map(|o| o.person_id.as_str())
        .chain(alerts.banned_entries.iter().map(|a| a.person_id.as_str()))
        .collect();
    let names = state.services.display_names(&cu.ctx, &ids).await?;
    render(&AlertsPage {
        page: Page::for_user(&cu, "alerts", "nav-alerts", "/control/alerts"),
        alerts,
        names,
    })
}
