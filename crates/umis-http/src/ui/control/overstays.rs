//! The overstay list with its filters; each row opens the person.

use super::{OverstaysQuery, PAGE_SIZE, parse, query_string};
use crate::extract::CurrentUser;
use crate::ui::{Page, render};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use umis_domain::Permission;
use umis_service::{OverstayLine, ServiceError};

#[derive(Template)]
#[template(path = "overstays.html")]
struct OverstaysPage {
    page: Page,
    as_of: String,
    nationality: String,
    min_days: String,
    rows: Vec<OverstayLine>,
    /// The persons' names, by person number.
    names: std::collections::HashMap<String, umis_service::DisplayName>,
    next_url: Option<String>,
    csv_url: String,
    error_key: Option<&'static str>,
}

/// The overstay list.
pub(crate) async fn overstays(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<OverstaysQuery>,
) -> Result<Response, UiError> {
    state
        .services
        .authorize(&cu.ctx, Permission::ReadPersons, "report.overstays")
        .await?;
    let page = Page::for_user(&cu, "overstays", "nav-overstays", "/control/overstays");
    let parsed = match parse(&state, &q) {
        Ok(p) => p,
        Err(key) => {
            return render(&OverstaysPage {
                page,
                as_of: q.as_of.clone().unwrap_or_default(),
                nationality: q.nationality.clone().unwrap_or_default(),
                min_days: q.min_days.clone().unwrap_or_default(),
                rows: Vec::new(),
                names: Default::default(),
                next_url: None,
                csv_url: String::new(),
                error_key: Some(key),
            });
        }
    };
    let result = state
        .services
        .overstays_filtered(
            &cu.ctx,
            &parsed.as_of,
            &parsed.filter,
            q.after.as_deref(),
            PAGE_SIZE,
        )
        .await;
    let (rows, error_key) = match result {
        Ok(rows) => (rows, None),
        Err(ServiceError::Validation { field, .. }) => (
            Vec::new(),
            Some(match field {
                "nationality" => "person-error-country",
                "as_of" => "person-error-date",
                "min_days" => "error-min-days",
                _ => "error-bad-request",
            }),
        ),
        Err(e) => return Err(e.into()),
    };
    let ids: Vec<&str> = rows.iter().map(|r| r.person_id.as_str()).collect();
    let names = state.services.display_names(&cu.ctx, &ids).await?;
    let qs = query_string(&parsed);
    let next_url = (rows.len() as i64 == PAGE_SIZE)
        .then(|| {
            rows.last()
                .map(|r| format!("/control/overstays?{qs}&after={}", r.person_id))
        })
        .flatten();
    render(&OverstaysPage {
        page,
        as_of: parsed.as_of.clone(),
        nationality: parsed.nationality.clone(),
        min_days: parsed.min_days.clone(),
        rows,
        names,
        next_url,
        csv_url: format!("/control/overstays.csv?{qs}"),
        error_key,
    })
}
