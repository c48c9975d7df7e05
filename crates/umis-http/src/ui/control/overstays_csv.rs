//! The whole filtered overstay list as a CSV download.

use super::{OverstaysQuery, parse};
use crate::extract::CurrentUser;
use crate::{AppState, UiError};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use umis_domain::Permission;
use umis_service::{MAX_REPORT_PAGE, OverstayLine, ServiceError};

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
