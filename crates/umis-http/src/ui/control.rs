//! Migration control in the back office: the overstay list with filters (each row opens the
//! person), its CSV download, and the stay panel of the person page.

use super::{Page, render};
use crate::extract::CurrentUser;
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_domain::Permission;
use umis_service::{MAX_REPORT_PAGE, OverstayFilter, OverstayLine, ServiceError};

const PAGE_SIZE: i64 = 50;

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

#[derive(Debug, Default, Deserialize)]
pub(crate) struct OverstaysQuery {
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    nationality: Option<String>,
    #[serde(default)]
    min_days: Option<String>,
    #[serde(default)]
    after: Option<String>,
}

struct Parsed {
    as_of: String,
    filter: OverstayFilter,
    nationality: String,
    min_days: String,
}

fn parse(state: &AppState, q: &OverstaysQuery) -> Result<Parsed, &'static str> {
    let as_of = q
        .as_of
        .clone()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| state.services.local_today().to_string());
    let nationality = q
        .nationality
        .clone()
        .unwrap_or_default()
        .trim()
        .to_ascii_uppercase();
    let min_days = q.min_days.clone().unwrap_or_default().trim().to_owned();
    let days = if min_days.is_empty() {
        None
    } else {
        Some(
            min_days
                .parse::<i64>()
                .ok()
                .filter(|d| (0..=36_500).contains(d))
                .ok_or("error-min-days")?,
        )
    };
    Ok(Parsed {
        as_of,
        filter: OverstayFilter {
            nationality: Some(nationality.clone()).filter(|n| !n.is_empty()),
            min_days: days,
        },
        nationality,
        min_days,
    })
}

fn query_string(p: &Parsed) -> String {
    serde_urlencoded::to_string([
        ("as_of", p.as_of.as_str()),
        ("nationality", p.nationality.as_str()),
        ("min_days", p.min_days.as_str()),
    ])
    .unwrap_or_default()
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

/// The whole filtered list as CSV (the report's columns).
pub(crate) async fn overstays_csv(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<OverstaysQuery>,
) -> Result<Response, UiError> {
    state
        .services
        .authorize(&cu.ctx, Permission::ReadPersons, "report.overstays")
        .await?;
    let parsed = parse(&state, &q).map_err(UiError::BadRequest)?;
    let mut out = String::from(OverstayLine::CSV_HEADER);
    out.push('\n');
    let mut after: Option<String> = None;
    loop {
        let rows = match state
            .services
            .overstays_filtered(
                &cu.ctx,
                &parsed.as_of,
                &parsed.filter,
                after.as_deref(),
                MAX_REPORT_PAGE,
            )
            .await
        {
            Ok(rows) => rows,
            Err(ServiceError::Validation { .. }) => {
                return Err(UiError::BadRequest("error-bad-request"));
            }
            Err(e) => return Err(e.into()),
        };
        for r in &rows {
            out.push_str(&r.csv_line());
            out.push('\n');
        }
        if (rows.len() as i64) < MAX_REPORT_PAGE {
            break;
        }
        after = rows.last().map(|r| r.person_id.clone());
    }
    let name = format!("attachment; filename=\"overstays-{}.csv\"", parsed.as_of);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, name),
        ],
        out,
    )
        .into_response())
}

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
