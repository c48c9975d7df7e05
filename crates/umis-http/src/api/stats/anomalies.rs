//! Anomaly alerts over the API: days whose border flows leave their expected range.

use super::*;

/// Parameters of the anomaly alerts.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AnomalyParams {
    /// The last day judged (default yesterday, the last complete day).
    #[param(required = false, value_type = crate::api::vocab::DayOrBlankSchema, inline)]
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
