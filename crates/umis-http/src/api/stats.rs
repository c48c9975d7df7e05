//! Statistics, forecasts and anomaly alerts over the API: `GET /stats/{dataset}` (JSON or CSV,
//! small cells suppressed, CSV exports audited), `POST /forecasts` (an uploaded series),
//! `GET /forecasts/{series}` (a series the system holds) and `GET /monitoring/anomalies`.

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

/// A published table of counts.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatTableOut {
    /// The dataset.
    pub dataset: String,
    /// The breakdown.
    pub by: String,
    /// First day of the period.
    pub from: Option<String>,
    /// Last day of the period.
    pub to: Option<String>,
    /// The day of a stock figure.
    pub as_of: Option<String>,
    /// Period length of a flow.
    pub interval: Option<String>,
    /// The measures, in the order of each row's values.
    pub columns: Vec<String>,
    /// The cells.
    pub rows: Vec<StatRowOut>,
    /// Each column's total before suppression (`null` for averages).
    pub totals: Vec<Option<i64>>,
    /// Cells with fewer than this many (but some) are published as `null`.
    pub suppress_below: i64,
    /// How many cells were suppressed.
    pub suppressed_cells: usize,
}

/// One row of a statistic.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatRowOut {
    /// The period (flows), else `null`.
    pub period: Option<String>,
    /// The group (`all` without a breakdown).
    pub group: String,
    /// One value per column; `null` when suppressed.
    pub values: Vec<Option<i64>>,
}

impl From<StatTable> for StatTableOut {
    fn from(t: StatTable) -> Self {
        StatTableOut {
            dataset: t.dataset.to_owned(),
            by: t.by,
            from: t.from,
            to: t.to,
            as_of: t.as_of,
            interval: t.interval,
            columns: t.columns.iter().map(|c| (*c).to_owned()).collect(),
            rows: t
                .rows
                .into_iter()
                .map(|r| StatRowOut {
                    period: r.period,
                    group: r.group,
                    values: r.values,
                })
                .collect(),
            totals: t.totals,
            suppress_below: t.suppress_below,
            suppressed_cells: t.suppressed_cells,
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
            (StatTableOut = "application/json"),
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
    Ok(Json(StatTableOut::from(table)).into_response())
}

/// One point of an uploaded series.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesPoint {
    /// `2019-07`, `2019-Q3`, `2019-W07` or an ISO date.
    pub period: String,
    /// The value.
    pub value: f64,
}

/// A series to forecast: either `csv` (header `period,value`) or `series`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForecastRequest {
    /// The series as CSV text with the header `period,value`.
    pub csv: Option<String>,
    /// The series as points, in order, without gaps.
    pub series: Option<Vec<SeriesPoint>>,
    /// How many periods ahead (1–120).
    #[schema(minimum = 1, maximum = 120)]
    #[serde(deserialize_with = "super::whole::count")]
    pub horizon: usize,
    /// Season length, 1–2,500 and at most half the series (default by frequency: 12 monthly,
    /// 4 quarterly, 52 weekly, 7 daily).
    #[schema(minimum = 1, maximum = 2500)]
    #[serde(default, deserialize_with = "super::whole::opt_count")]
    pub season: Option<usize>,
    /// Allow negative values (default false: counts cannot be negative).
    #[serde(default)]
    pub allow_negative: bool,
}

/// Parameters of `POST /forecasts` with a `text/csv` body.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ForecastParams {
    /// How many periods ahead (1–120); required with a CSV body.
    #[param(minimum = 1, maximum = 120)]
    pub horizon: Option<usize>,
    /// Season length, 1–2,500 and at most half the series.
    #[param(minimum = 1, maximum = 2500)]
    pub season: Option<usize>,
    /// Allow negative values.
    pub allow_negative: Option<bool>,
}

/// A forecast with its backtest.
#[derive(Debug, Serialize, ToSchema)]
pub struct ForecastOut {
    /// The chosen model: `seasonal_naive`, `naive`, `ets` or `mstl_ets`.
    pub model: String,
    /// The season length used (1 when non-seasonal).
    pub season: usize,
    /// One point per future period.
    pub forecast: Vec<ForecastPointOut>,
    /// How the chosen model and seasonal naive did on the series' own history.
    pub backtest: BacktestOut,
    /// Every candidate's backtest scores.
    pub candidates: Vec<CandidateOut>,
}

/// A forecast period with 80 % and 95 % prediction intervals.
#[derive(Debug, Serialize, ToSchema)]
pub struct ForecastPointOut {
    /// The period.
    pub period: String,
    /// Point forecast.
    pub value: f64,
    /// Lower bound of the 80 % interval.
    pub lo80: f64,
    /// Upper bound of the 80 % interval.
    pub hi80: f64,
    /// Lower bound of the 95 % interval.
    pub lo95: f64,
    /// Upper bound of the 95 % interval.
    pub hi95: f64,
}

/// Rolling-origin backtest scores.
#[derive(Debug, Serialize, ToSchema)]
pub struct BacktestOut {
    /// Mean absolute scaled error of the chosen model (below 1 beats a seasonal naive in-sample).
    pub mase: f64,
    /// Symmetric mean absolute percentage error (0–200).
    pub smape: f64,
    /// MASE of seasonal naive over the same origins.
    pub seasonal_naive_mase: f64,
    /// sMAPE of seasonal naive.
    pub seasonal_naive_smape: f64,
    /// How many forecast origins were scored.
    pub origins: usize,
}

/// A candidate model's backtest.
#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateOut {
    /// The model.
    pub model: String,
    /// Its MASE.
    pub mase: f64,
    /// Its sMAPE.
    pub smape: f64,
}

impl From<Forecast> for ForecastOut {
    fn from(f: Forecast) -> Self {
        ForecastOut {
            model: f.model,
            season: f.season,
            forecast: f
                .forecast
                .into_iter()
                .map(|p| ForecastPointOut {
                    period: p.period,
                    value: p.value,
                    lo80: p.lo80,
                    hi80: p.hi80,
                    lo95: p.lo95,
                    hi95: p.hi95,
                })
                .collect(),
            backtest: BacktestOut {
                mase: f.backtest.mase,
                smape: f.backtest.smape,
                seasonal_naive_mase: f.backtest.seasonal_naive_mase,
                seasonal_naive_smape: f.backtest.seasonal_naive_smape,
                origins: f.backtest.origins,
            },
            candidates: f
                .candidates
                .into_iter()
                .map(|c| CandidateOut {
                    model: c.model,
                    mase: c.mase,
                    smape: c.smape,
                })
                .collect(),
        }
    }
}

fn series_problem(e: umis_service::umis_forecast::SeriesError) -> ApiError {
    umis_service::ServiceError::invalid("series", e.code(), e.to_string()).into()
}

/// Forecasts an uploaded series (requires `stats:read`). The body is `text/csv` with the header
/// `period,value` (then `horizon` and `season` are query parameters) or JSON with `csv` or
/// `series`. The model is chosen by a rolling-origin backtest on the series' own history.
#[utoipa::path(
    post, path = "/forecasts", tag = "statistics",
    params(ForecastParams),
    request_body(content = ForecastRequest, description = "The series (JSON, or text/csv with query parameters)"),
    security(("bearer" = ["stats:read"])),
    responses(
        (status = 200, description = "The forecast", body = ForecastOut),
        (status = 400, description = "Malformed body or parameters", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Token lacks stats:read", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 413, description = "A body over 1 MiB, or a series of more than 5,000 points (`series_too_long`)", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 415, description = "Another content type", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad series (too short, gaps, non-numeric, negative) or horizon (`horizon_too_long`: more than three seasons or 120 periods)", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 429, description = "The client already runs two forecasts (`too_many_requests`, with `Retry-After`)", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 503, description = "The forecast ran out of its time budget (`out_of_time`)", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn post_forecast(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<ForecastOut>, ApiError> {
    let params: ForecastParams = parse_query(raw.as_deref())?;
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let text = std::str::from_utf8(&body).map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_body",
            "the body is not UTF-8",
        )
    })?;
    let (series, options) = if ctype.starts_with("text/csv") {
        let horizon = params.horizon.ok_or_else(|| {
            ApiError::from(umis_service::ServiceError::invalid(
                "horizon",
                "required",
                "horizon is required",
            ))
        })?;
        let series = Series::parse_csv(text).map_err(series_problem)?;
        (
            series,
            ForecastOptions {
                horizon,
                season: params.season,
                non_negative: !params.allow_negative.unwrap_or(false),
            },
        )
    } else if ctype.starts_with("application/json") {
        if params.horizon.is_some() || params.season.is_some() || params.allow_negative.is_some() {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_parameter",
                "with a JSON body, horizon and season belong in the body",
            ));
        }
        let req: ForecastRequest = serde_json::from_str(text).map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_body",
                format!("the body is not a forecast request: {e}"),
            )
        })?;
        let series = match (req.csv, req.series) {
            (Some(csv), None) => Series::parse_csv(&csv).map_err(series_problem)?,
            (None, Some(points)) => {
                let mut periods = Vec::with_capacity(points.len());
                let mut values = Vec::with_capacity(points.len());
                for (i, p) in points.into_iter().enumerate() {
                    let period = Period::parse(p.period.trim()).map_err(|e| {
                        umis_service::ServiceError::invalid(
                            "series",
                            e.code(),
                            format!("point {}: {e}", i + 1),
                        )
                    })?;
                    periods.push(period);
                    values.push(p.value);
                }
                Series::new(periods, values).map_err(series_problem)?
            }
            _ => {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_body",
                    "give the series either as `csv` or as `series`, not both",
                ));
            }
        };
        (
            series,
            ForecastOptions {
                horizon: req.horizon,
                season: req.season,
                non_negative: !req.allow_negative,
            },
        )
    } else {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send text/csv (header period,value) or application/json",
        ));
    };
    let f = state
        .services
        .forecast_series(&ctx, series, options)
        .await
        .map_err(forecast_problem)?;
    Ok(Json(f.into()))
}

/// A forecast refusal; a horizon past three seasons keeps its own code, `horizon_too_long`.
fn forecast_problem(e: umis_service::ServiceError) -> ApiError {
    let horizon = matches!(
        e,
        umis_service::ServiceError::Validation {
            code: "horizon_too_long",
            ..
        }
    );
    let err = ApiError::from(e);
    if horizon {
        err.with_code("horizon_too_long")
    } else {
        err
    }
}

/// Parameters of a forecast of a system series.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SystemForecastParams {
    /// Months ahead (1–120, default 12).
    #[param(minimum = 1, maximum = 120)]
    pub horizon: Option<usize>,
    /// Season length, 1–60 and at most half the months of history (default 12).
    #[param(minimum = 1, maximum = 60)]
    pub season: Option<usize>,
    /// Months of history (12–120, default 36).
    #[param(minimum = 12, maximum = 120)]
    pub months: Option<u32>,
    /// Entries/exits of one nationality.
    #[param(required = false, value_type = super::vocab::CountrySchema, inline)]
    pub nationality: Option<String>,
    /// Entries/exits at one crossing point.
    #[param(pattern = "^([A-Za-z0-9_-]{1,16})?$")]
    pub bcp: Option<String>,
    /// Applications of one type.
    #[param(required = false, value_type = super::vocab::ApplicationTypeSchema, inline)]
    pub app_type: Option<String>,
}

/// A system series with its forecast.
#[derive(Debug, Serialize, ToSchema)]
pub struct SystemForecastOut {
    /// The series' name.
    pub series: String,
    /// Its history: (period, value).
    pub history: Vec<HistoryPoint>,
    /// The forecast.
    #[serde(flatten)]
    pub forecast: ForecastOut,
}

/// One period of history.
#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryPoint {
    /// The period.
    pub period: String,
    /// The value.
    pub value: f64,
}

/// Forecasts a monthly series the system holds: `entries`, `exits` (optionally of one
/// nationality or crossing point), `applications` (optionally of one type) or `valid_permits`
/// (requires `stats:read`).
#[utoipa::path(
    get, path = "/forecasts/{series}", tag = "statistics",
    params(("series" = String, Path, description = "entries, exits, applications or valid_permits"), SystemForecastParams),
    security(("bearer" = ["stats:read"])),
    responses(
        (status = 200, description = "History and forecast", body = SystemForecastOut),
        (status = 400, description = "Unknown parameter", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Token lacks stats:read", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown series, bad filter or too little history", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn get_system_forecast(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SystemForecastOut>, ApiError> {
    let p: SystemForecastParams = parse_query(raw.as_deref())?;
    let series = state
        .services
        .system_series(
            &ctx,
            &SystemSeriesQuery {
                series: name.clone(),
                nationality: p.nationality,
                bcp: p.bcp,
                app_type: p.app_type,
                months: p.months,
            },
        )
        .await?;
    let history = series
        .periods
        .iter()
        .zip(&series.values)
        .map(|(period, value)| HistoryPoint {
            period: period.to_string(),
            value: *value,
        })
        .collect();
    let f = state
        .services
        .forecast_series(
            &ctx,
            series,
            ForecastOptions {
                horizon: p.horizon.unwrap_or(12),
                season: p.season,
                non_negative: true,
            },
        )
        .await
        .map_err(forecast_problem)?;
    Ok(Json(SystemForecastOut {
        series: name,
        history,
        forecast: f.into(),
    }))
}

/// Parameters of the anomaly alerts.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AnomalyParams {
    /// The last day judged (default yesterday, the last complete day).
    #[param(required = false, value_type = super::vocab::DayOrBlankSchema, inline)]
    pub as_of: Option<String>,
}

/// An unusual day.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnomalyOut {
    /// `entries`, `exits` or `refusals`.
    pub metric: String,
    /// `total`, `bcp` or `nationality`.
    pub dimension: String,
    /// The crossing point or nationality (`all` for totals).
    pub group: String,
    /// The day.
    pub day: String,
    /// Its count.
    pub value: f64,
    /// What trend and weekly season predicted.
    pub expected: f64,
    /// Robust score (MAD units; alerts from 4).
    pub score: f64,
    /// `up` (a surge) or `down` (a drop).
    pub direction: String,
}

impl From<AnomalyAlert> for AnomalyOut {
    fn from(a: AnomalyAlert) -> Self {
        AnomalyOut {
            metric: a.metric.to_owned(),
            dimension: a.dimension.to_owned(),
            group: a.group,
            day: a.day,
            value: a.value,
            expected: a.expected,
            score: a.score,
            direction: match a.direction {
                umis_service::umis_forecast::Direction::Up => "up",
                umis_service::umis_forecast::Direction::Down => "down",
            }
            .to_owned(),
        }
    }
}

/// Unusual days of the last two weeks: surges or drops of entries in total, per crossing point
/// and per leading nationality, of exits, and of refusals, judged against each series' trend
/// and weekly season over the last six months (requires `stats:read`).
#[utoipa::path(
    get, path = "/monitoring/anomalies", tag = "statistics",
    params(AnomalyParams),
    security(("bearer" = ["stats:read"])),
    responses(
        (status = 200, description = "Alerts, latest first", body = Vec<AnomalyOut>),
        (status = 403, description = "Token lacks stats:read", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Malformed as_of", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn get_anomalies(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    RawQuery(raw): RawQuery,
) -> Result<Json<Vec<AnomalyOut>>, ApiError> {
    let p: AnomalyParams = parse_query(raw.as_deref())?;
    let alerts = state.services.anomalies(&ctx, p.as_of.as_deref()).await?;
    Ok(Json(alerts.into_iter().map(AnomalyOut::from).collect()))
}
