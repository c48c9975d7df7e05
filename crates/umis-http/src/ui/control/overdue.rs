//! Present persons whose registration at the place of stay is overdue.

use super::PAGE_SIZE;
use crate::extract::CurrentUser;
use crate::ui::{Page, render};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use umis_domain::Permission;
use umis_service::ServiceError;

#[derive(Template)]
#[template(path = "registrations_overdue.html")]
struct OverduePage {
    page: Page,
    as_of: String,
    rows: Vec<umis_service::OverdueRegistration>,
    next_url: Option<String>,
    error_key: Option<&'static str>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct OverdueQuery {
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    after: Option<String>,
}

/// Present persons whose registration at the place of stay is overdue.
pub(crate) async fn overdue_registrations(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<OverdueQuery>,
) -> Result<Response, UiError> {
    state
        .services
        .authorize(
            &cu.ctx,
            Permission::ReadPersons,
            "report.overdue_registrations",
        )
        .await?;
    let as_of = q
        .as_of
        .clone()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| state.services.local_today().to_string());
    let (rows, error_key) = match state
        .services
        .overdue_registrations(&cu.ctx, &as_of, q.after.as_deref(), PAGE_SIZE)
        .await
    {
        Ok(rows) => (rows, None),
        Err(ServiceError::Validation { .. }) => (Vec::new(), Some("person-error-date")),
        Err(e) => return Err(e.into()),
    };
    let qs = serde_urlencoded::to_string([("as_of", as_of.as_str())]).unwrap_or_default();
    let next_url = (rows.len() as i64 == PAGE_SIZE)
        .then(|| {
            rows.last()
                .map(|r| format!("/control/registrations?{qs}&after={}", r.person_id))
        })
        .flatten();
    render(&OverduePage {
        page: Page::for_user(
            &cu,
            "registrations",
            "nav-registrations",
            "/control/registrations",
        ),
        as_of,
        rows,
        next_url,
        error_key,
    })
}
