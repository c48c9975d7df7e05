//! Forecasts over the API: an uploaded series (CSV or JSON) and the series the system holds.

use super::*;

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
    #[serde(deserialize_with = "crate::api::whole::count")]
    pub horizon: usize,
    /// Season length, 1–2,500 and at most half the series (default by frequency: 12 monthly,
    /// 4 quarterly, 52 weekly, 7 daily).
    #[schema(minimum = 1, maximum = 2500)]
    #[serde(default, deserialize_with = "crate::api::whole::opt_count")]
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
    /// Why the forecast deserves less trust: `worse_than_seasonal_naive` (the chosen model
    /// did worse than seasonal naive on the series' own history), `short_series` (fewer than
    /// two seasons of data). Empty when neither holds.
    pub warnings: Vec<String>,
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
            warnings: f.warnings.iter().map(|w| (*w).to_owned()).collect(),
        }
    }
}

pub(super) fn series_problem(e: umis_service::umis_forecast::SeriesError) -> ApiError {
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
pub(super) fn forecast_problem(e: umis_service::ServiceError) -> ApiError {
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
    #[param(required = false, value_type = crate::api::vocab::CountrySchema, inline)]
    pub nationality: Option<String>,
    /// Entries/exits at one crossing point.
    #[param(pattern = "^([A-Za-z0-9_-]{1,16})?$")]
    pub bcp: Option<String>,
    /// Applications of one type.
    #[param(required = false, value_type = crate::api::vocab::ApplicationTypeSchema, inline)]
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
