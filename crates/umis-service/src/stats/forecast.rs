//! Forecasts of the series the system holds (or a series a user uploads) and daily anomaly
//! alerts on border flows and refusals. The models live in `umis-forecast`; this module
//! assembles series from the statistics and checks who may see them.

use super::date_param;
use crate::stay::parse_day;
use crate::{Ctx, ServiceError, Services};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use time::{Date, Duration};
use umis_domain::Permission;
use umis_forecast::{
    Budget, Direction, Forecast, ForecastOptions, MAX_POINTS, MIN_NON_SEASONAL, Period, Series,
    SeriesError,
};
use umis_store::{FlowDim, FlowFilter};

/// The series the system can forecast (`GET /analytics/forecast?series=…`).
pub const SYSTEM_SERIES: [&str; 4] = ["entries", "exits", "applications", "valid_permits"];

/// Months of history a system series covers by default.
const DEFAULT_HISTORY_MONTHS: u32 = 36;

/// Days of daily history the anomaly detector reads.
const ANOMALY_HISTORY_DAYS: i64 = 182;
/// Alerts are raised for anomalies among the last this many days.
pub const ANOMALY_RECENT_DAYS: i64 = 14;
/// Robust score (MAD units) at which a day is anomalous.
pub const ANOMALY_THRESHOLD: f64 = 4.0;
/// A flagged day must also stand this many standard deviations of count noise (Poisson:
/// √expected) from what was expected, so that a series with a very regular rhythm does not
/// turn a difference of two or three events into an alert.
pub const ANOMALY_MIN_COUNT_Z: f64 = 3.0;
/// A series is watched only if it averages at least this many events a day.
const ANOMALY_MIN_DAILY_MEAN: f64 = 3.0;
/// Days of history shown with each alert.
const ANOMALY_CHART_DAYS: usize = 56;
/// Most watched nationalities (by entries).
const ANOMALY_TOP_NATIONALITIES: usize = 10;

/// The choice of a system series.
#[derive(Debug, Clone, Default)]
pub struct SystemSeriesQuery {
    /// One of [`SYSTEM_SERIES`].
    pub series: String,
    /// Entries/exits of one nationality.
    pub nationality: Option<String>,
    /// Entries/exits at one crossing point.
    pub bcp: Option<String>,
    /// Applications of one type.
    pub app_type: Option<String>,
    /// How many whole months of history (12–120, default 36).
    pub months: Option<u32>,
}

/// One anomaly alert with the history that explains it.
#[derive(Debug, Clone, Serialize)]
pub struct AnomalyAlert {
    /// `entries`, `exits` or `refusals`.
    pub metric: &'static str,
    /// `total`, `bcp` or `nationality`.
    pub dimension: &'static str,
    /// The crossing point or nationality (`all` for totals).
    pub group: String,
    /// The anomalous day.
    pub day: String,
    /// Its count.
    pub value: f64,
    /// What trend and weekly season predicted.
    pub expected: f64,
    /// Robust score in MAD units.
    pub score: f64,
    /// `up` (a surge) or `down` (a drop).
    pub direction: Direction,
    /// The days before and including it, for the chart: (day, count).
    pub history: Vec<(String, f64)>,
}

/// The most time one forecast may compute (below the request time limit).
pub const FORECAST_BUDGET: std::time::Duration = std::time::Duration::from_secs(20);
/// What a client that runs too many forecasts is told to wait.
const FORECAST_RETRY_AFTER_SECS: u64 = 5;

/// Raises its flag when dropped: the forecast stops when its caller stops waiting.
struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

fn series_error(e: SeriesError) -> ServiceError {
    match e {
        SeriesError::TooLong { .. } => ServiceError::TooLarge {
            code: "series_too_long",
            message: e.to_string(),
        },
        SeriesError::HorizonTooLong { .. } => {
            ServiceError::invalid("horizon", e.code(), e.to_string())
        }
        SeriesError::OutOfTime { .. } => ServiceError::Unavailable {
            code: "out_of_time",
            message: e.to_string(),
        },
        _ => ServiceError::invalid("series", e.code(), e.to_string()),
    }
}

fn first_of_month(d: Date) -> Date {
    d.replace_day(1).unwrap_or(d)
}

fn last_of_month(d: Date) -> Date {
    umis_domain::stats::add_months(first_of_month(d), 1) - Duration::days(1)
}

fn month_period(d: Date) -> Period {
    Period::monthly(d.year(), u8::from(d.month()))
}

impl Services {
    /// Forecasts `series` (requires `ReadStats`). The work runs on the blocking pool within
    /// [`FORECAST_BUDGET`], and stops as soon as the caller stops waiting (a request that
    /// timed out); a client runs at most two forecasts at once.
    pub async fn forecast_series(
        &self,
        ctx: &Ctx,
        series: Series,
        options: ForecastOptions,
    ) -> Result<Forecast, ServiceError> {
        self.authorize(ctx, Permission::ReadStats, "stats.forecast")
            .await?;
        if series.len() > MAX_POINTS {
            return Err(series_error(SeriesError::TooLong {
                length: series.len(),
                maximum: MAX_POINTS,
            }));
        }
        let Some(_slot) = self.forecasts.enter(&ctx.actor_name()) else {
            return Err(ServiceError::Busy {
                retry_after_secs: FORECAST_RETRY_AFTER_SECS,
            });
        };
        let stop = StopOnDrop(Arc::new(AtomicBool::new(false)));
        let budget = Budget::within(FORECAST_BUDGET).cancelled_by(stop.0.clone());
        tokio::task::spawn_blocking(move || {
            umis_forecast::forecast_within(&series, &options, &budget)
        })
        .await
        .map_err(|e| ServiceError::Internal(format!("forecast task: {e}")))?
        .map_err(series_error)
    }

    /// A monthly series the system holds, over whole months up to the last complete one
    /// (requires `ReadStats`).
    pub async fn system_series(
        &self,
        ctx: &Ctx,
        q: &SystemSeriesQuery,
    ) -> Result<Series, ServiceError> {
        self.authorize(ctx, Permission::ReadStats, "stats.series")
            .await?;
        check_series_filters(q)?;
        let months = q.months.unwrap_or(DEFAULT_HISTORY_MONTHS);
        if !(12..=120).contains(&months) {
            return Err(ServiceError::invalid(
                "months",
                "out_of_range",
                "months must be between 12 and 120",
            ));
        }
        let end = first_of_month(self.local_today()) - Duration::days(1);
        let start = first_of_month(umis_domain::stats::add_months(
            first_of_month(end),
            -(months as i32 - 1),
        ));
        let mut month_starts = Vec::with_capacity(months as usize);
        let mut m = start;
        while m <= end {
            month_starts.push(m);
            m = umis_domain::stats::add_months(m, 1);
        }
        let values: Vec<f64> = match q.series.as_str() {
            "entries" | "exits" => {
                let filter = self.flow_filter(&super::StatsQuery {
                    nationality: q.nationality.clone(),
                    bcp: q.bcp.clone(),
                    ..Default::default()
                })?;
                let cells = self
                    .store
                    .border_flows(
                        &start.to_string(),
                        &end.to_string(),
                        FlowDim::Total,
                        &filter,
                    )
                    .await?;
                let want = if q.series == "entries" {
                    "entry"
                } else {
                    "exit"
                };
                let mut by_month: HashMap<Date, f64> = HashMap::new();
                for c in cells.iter().filter(|c| c.direction == want) {
                    if let Some(d) = parse_day(&c.day) {
                        *by_month.entry(first_of_month(d)).or_insert(0.0) += c.events as f64;
                    }
                }
                month_starts
                    .iter()
                    .map(|m| by_month.get(m).copied().unwrap_or(0.0))
                    .collect()
            }
            "applications" => {
                let app_type = q
                    .app_type
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty());
                let mut out = Vec::with_capacity(month_starts.len());
                for m in &month_starts {
                    let rows = self
                        .store
                        .applications_received(&m.to_string(), &last_of_month(*m).to_string())
                        .await?;
                    out.push(
                        rows.iter()
                            .filter(|(t, _)| app_type.is_none_or(|a| a == t))
                            .map(|(_, n)| *n as f64)
                            .sum(),
                    );
                }
                out
            }
            "valid_permits" => {
                let mut out = Vec::with_capacity(month_starts.len());
                for m in &month_starts {
                    let rows = self
                        .store
                        .valid_permits(&last_of_month(*m).to_string())
                        .await?;
                    out.push(rows.iter().map(|(_, n)| *n as f64).sum());
                }
                out
            }
            _ => {
                return Err(ServiceError::invalid(
                    "series",
                    "unknown_value",
                    format!("series must be one of: {}", SYSTEM_SERIES.join(", ")),
                ));
            }
        };
        // Months before the first recorded value are before the data starts, not zeros: they
        // are left out (keeping at least what a non-seasonal forecast needs).
        let first = values.iter().position(|v| *v != 0.0).unwrap_or(0);
        let keep_from = first.min(values.len().saturating_sub(MIN_NON_SEASONAL));
        let periods = month_starts[keep_from..]
            .iter()
            .map(|m| month_period(*m))
            .collect();
        Series::new(periods, values[keep_from..].to_vec()).map_err(series_error)
    }

    /// Unusual days among the last [`ANOMALY_RECENT_DAYS`] up to `as_of` (default yesterday): entries
    /// in total, per crossing point and per leading nationality, exits, and refusals; each
    /// judged against its own trend and weekly season (requires `ReadStats`).
    pub async fn anomalies(
        &self,
        ctx: &Ctx,
        as_of: Option<&str>,
    ) -> Result<Vec<AnomalyAlert>, ServiceError> {
        self.authorize(ctx, Permission::ReadStats, "stats.anomalies")
            .await?;
        // By default the last complete day: today's counts are still growing.
        let to =
            date_param("as_of", as_of)?.unwrap_or_else(|| self.local_today() - Duration::days(1));
        let from = to - Duration::days(ANOMALY_HISTORY_DAYS - 1);
        let days: Vec<Date> = (0..ANOMALY_HISTORY_DAYS)
            .map(|i| from + Duration::days(i))
            .collect();
        let index: HashMap<Date, usize> = days.iter().enumerate().map(|(i, d)| (*d, i)).collect();
        let n = days.len();
        let (f, t) = (from.to_string(), to.to_string());
        let none = FlowFilter::default();
        // (metric, dimension, group) → daily counts
        let mut watched: BTreeMap<(&'static str, &'static str, String), Vec<f64>> = BTreeMap::new();
        for (dim, dim_name) in [
            (FlowDim::Total, "total"),
            (FlowDim::Bcp, "bcp"),
            (FlowDim::Nationality, "nationality"),
        ] {
            let cells = self.store.border_flows(&f, &t, dim, &none).await?;
            for c in cells {
                let metric = if c.direction == "exit" {
                    "exits"
                } else {
                    "entries"
                };
                // Exits are watched in total only: a drop there is the signal.
                if metric == "exits" && dim_name != "total" {
                    continue;
                }
                if let Some(i) = parse_day(&c.day).and_then(|d| index.get(&d)) {
                    watched
                        .entry((metric, dim_name, c.group))
                        .or_insert_with(|| vec![0.0; n])[*i] += c.events as f64;
                }
            }
        }
        // Keep the leading nationalities only.
        let mut nats: Vec<(String, f64)> = watched
            .iter()
            .filter(|((_, d, _), _)| *d == "nationality")
            .map(|((_, _, g), v)| (g.clone(), v.iter().sum()))
            .collect();
        nats.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let keep: Vec<String> = nats
            .into_iter()
            .take(ANOMALY_TOP_NATIONALITIES)
            .map(|(g, _)| g)
            .collect();
        watched.retain(|(_, d, g), _| *d != "nationality" || keep.contains(g));
        let mut refusals = vec![0.0; n];
        for a in self.store.applications_decided(&f, &t).await? {
            if a.outcome.as_deref() == Some("refused")
                && let Some(i) = parse_day(&a.decided_on).and_then(|d| index.get(&d))
            {
                refusals[*i] += 1.0;
            }
        }
        watched.insert(("refusals", "total", "all".to_owned()), refusals);
        let labels: Vec<String> = days.iter().map(Date::to_string).collect();
        let alerts = tokio::task::spawn_blocking(move || {
            let mut alerts = Vec::new();
            for ((metric, dimension, group), values) in watched {
                let mean = values.iter().sum::<f64>() / values.len() as f64;
                if mean < ANOMALY_MIN_DAILY_MEAN {
                    continue;
                }
                for a in umis_forecast::detect_anomalies(&values, 7, ANOMALY_THRESHOLD) {
                    if a.index + (ANOMALY_RECENT_DAYS as usize) < values.len() {
                        continue;
                    }
                    let noise = a.expected.max(1.0).sqrt();
                    if (a.value - a.expected).abs() < ANOMALY_MIN_COUNT_Z * noise {
                        continue;
                    }
                    let lo = (a.index + 1).saturating_sub(ANOMALY_CHART_DAYS);
                    alerts.push(AnomalyAlert {
                        metric,
                        dimension,
                        group: group.clone(),
                        day: labels[a.index].clone(),
                        value: a.value,
                        expected: a.expected,
                        score: a.score,
                        direction: a.direction,
                        history: (lo..=a.index)
                            .map(|i| (labels[i].clone(), values[i]))
                            .collect(),
                    });
                }
            }
            alerts.sort_by(|a, b| b.day.cmp(&a.day).then(b.score.total_cmp(&a.score)));
            alerts
        })
        .await
        .map_err(|e| ServiceError::Internal(format!("anomaly task: {e}")))?;
        Ok(alerts)
    }
}

/// A filter applies to the series it can narrow, and names a known value: a nationality or
/// crossing point to entries and exits, an application type to applications. Anything else is
/// refused rather than ignored, so that a typo never widens the series silently.
fn check_series_filters(q: &SystemSeriesQuery) -> Result<(), ServiceError> {
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .is_some()
    };
    let flows = matches!(q.series.as_str(), "entries" | "exits");
    for (field, value) in [("nationality", &q.nationality), ("bcp", &q.bcp)] {
        if given(value) && !flows {
            return Err(ServiceError::invalid(
                field,
                "not_applicable",
                format!("{field} narrows only the entries and exits series"),
            ));
        }
    }
    if let Some(t) = q
        .app_type
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        if q.series != "applications" {
            return Err(ServiceError::invalid(
                "app_type",
                "not_applicable",
                "app_type narrows only the applications series",
            ));
        }
        t.parse::<umis_domain::cases::AppType>()
            .map_err(|e| ServiceError::invalid("app_type", "unknown_type", e.to_string()))?;
    }
    Ok(())
}
