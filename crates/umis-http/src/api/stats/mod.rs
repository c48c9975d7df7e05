//! Statistics, forecasts and anomaly alerts over the API: `GET /stats/{dataset}` (JSON or CSV,
//! small cells suppressed, CSV exports audited), `POST /forecasts` (an uploaded series),
//! `GET /forecasts/{series}` (a series the system holds) and `GET /monitoring/anomalies`.

mod anomalies;
mod forecast;

use super::parse_query;
use crate::extract::ApiCtx;
use crate::{ApiError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use umis_service::umis_forecast::{Forecast, ForecastOptions, Period, Series};
use umis_service::{AnomalyAlert, StatTable, StatsQuery, SystemSeriesQuery};
use utoipa::{IntoParams, ToSchema};

pub(crate) use anomalies::*;
pub(crate) use forecast::*;

/// Largest accepted body of `POST /forecasts`.
pub(crate) const FORECAST_MAX_BYTES: usize = 1024 * 1024;

/// Parameters of a statistic (each dataset reads the ones it needs; see docs/API.md).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct StatsParams {
    /// First day of the period, `YYYY-MM-DD` (default: twelve months before `to`).
    #[param(required = false, value_type = super::vocab::DayOrBlankSchema, inline)]
    pub from: Option<String>,
    /// Last day of the period (default: today).
    #[param(required = false, value_type = super::vocab::DayOrBlankSchema, inline)]
    pub to: Option<String>,
    /// The day of a stock figure (stock, permits, overstays; default today).
    #[param(required = false, value_type = super::vocab::DayOrBlankSchema, inline)]
    pub as_of: Option<String>,
    /// Flows: `month` (default), `day`, `week`, `quarter`, `year` or `total` (one period `from/to`).
    #[param(required = false, value_type = super::vocab::IntervalSchema, inline)]
    pub interval: Option<String>,
    /// The breakdown: flows `total|nationality|bcp|travel_mode`; stock
    /// `nationality|sex|age_band|basis|region`; applications `type|ground`.
    pub by: Option<String>,
    /// Flows of one nationality (ICAO code).
    #[param(required = false, value_type = super::vocab::CountrySchema, inline)]
    pub nationality: Option<String>,
    /// Flows at one border crossing point.
    #[param(pattern = "^([A-Za-z0-9_-]{1,16})?$")]
    pub bcp: Option<String>,
    /// Flows of one travel mode.
    #[param(required = false, value_type = super::vocab::TravelModeSchema, inline)]
    pub travel_mode: Option<String>,
    /// `json` (default) or `csv` (an audited export).
    #[param(required = false, value_type = super::vocab::ExportFormatSchema, inline)]
    pub format: Option<String>,
}

impl From<StatsParams> for StatsQuery {
    fn from(p: StatsParams) -> Self {
        StatsQuery {
            from: p.from,
            to: p.to,
            as_of: p.as_of,
            interval: p.interval,
            by: p.by,
            nationality: p.nationality,
            bcp: p.bcp,
            travel_mode: p.travel_mode,
            format: p.format,
        }
    }
}

/// A CSV download.
pub(crate) fn csv_response(name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.csv\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// A statistic: `flows`, `stock`, `applications`, `permits`, `enforcement` or `overstays`
/// (requires `stats:read`). Counts only, never persons; cells below the configured threshold
/// are `null` (`<N` in CSV). `format=csv` is an export and is audited.
#[utoipa::path(
    get, path = "/stats/{dataset}", tag = "statistics",
    params(("dataset" = String, Path, description = "flows, stock, applications, permits, enforcement or overstays"), StatsParams),
    security(("bearer" = ["stats:read"])),
    responses(
        (status = 200, description = "The table (JSON, or text/csv with format=csv)", content(
            (StatTable = "application/json"),
            (String = "text/csv"),
        )),
        (status = 400, description = "Unknown parameter or format", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Token lacks stats:read", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such dataset", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A malformed date, interval or breakdown", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn get_stats(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p: StatsParams = parse_query(raw.as_deref())?;
    let csv = super::wants_csv(p.format.as_deref())?;
    if !umis_service::DATASETS.contains(&dataset.as_str()) {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!(
                "no such statistic; datasets: {}",
                umis_service::DATASETS.join(", ")
            ),
        ));
    }
    let q: StatsQuery = p.into();
    if csv {
        let table = state.services.stats_export(&ctx, &dataset, &q).await?;
        return Ok(csv_response(&format!("umis-{dataset}"), table.to_csv()));
    }
    let table = state.services.stats(&ctx, &dataset, &q).await?;
    Ok(Json(table).into_response())
}
