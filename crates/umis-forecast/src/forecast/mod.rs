//! The forecasting entry point: checks the request, picks a model by backtest, forecasts.

mod checks;
mod output;
mod report;

pub(crate) use checks::resolve_season;
pub use report::{
    Backtest, CandidateScore, Forecast, ForecastPoint, WARN_SHORT_SERIES, WARN_WORSE_THAN_NAIVE,
    warnings_for,
};

use crate::backtest;
use crate::budget::Budget;
use crate::error::SeriesError;
use crate::model;
use crate::series::Series;
use checks::{check_horizon, check_values};
use output::{fallback, finite_or_zero, points};

/// The longest horizon a forecast may have.
pub const MAX_HORIZON: usize = 120;
/// The most values a forecast accepts (enough for thirteen years of days).
pub const MAX_POINTS: usize = 5_000;
/// The fewest values a non-seasonal forecast needs.
pub const MIN_NON_SEASONAL: usize = 8;

/// What to forecast: how far ahead, with which season length, and whether values are counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForecastOptions {
    /// How many periods to forecast, 1 to 120.
    pub horizon: usize,
    /// The season length; `None` uses the frequency's usual season, `Some(1)` means none.
    pub season: Option<usize>,
    /// Whether values can never be negative: negative input is rejected, output clamped at 0.
    pub non_negative: bool,
}

/// Forecasts `series` `options.horizon` periods ahead with the model that did best in a
/// rolling-origin backtest on the series' own history.
pub fn forecast(series: &Series, options: &ForecastOptions) -> Result<Forecast, SeriesError> {
    forecast_within(series, options, &Budget::unlimited())
}

/// As [`forecast`], stopping with [`SeriesError::OutOfTime`] once `budget` is spent. A series
/// longer than [`MAX_POINTS`] or a horizon longer than three seasons (and 120 periods) is
/// refused before any work.
pub fn forecast_within(
    series: &Series,
    options: &ForecastOptions,
    budget: &Budget,
) -> Result<Forecast, SeriesError> {
    if series.len() > MAX_POINTS {
        return Err(SeriesError::TooLong {
            length: series.len(),
            maximum: MAX_POINTS,
        });
    }
    if !(1..=MAX_HORIZON).contains(&options.horizon) {
        return Err(SeriesError::BadHorizon {
            horizon: options.horizon,
        });
    }
    check_values(series, options.non_negative)?;
    let values = &series.values;
    let season = resolve_season(series, options.horizon, options.season)?;
    check_horizon(series, season, options.horizon)?;
    let tested = backtest::backtest(
        values,
        season,
        options.horizon,
        options.non_negative,
        budget,
    )?;

    let mut ranked = tested.scores.clone();
    // A stable sort keeps the fixed candidate order on ties, so output is deterministic.
    ranked.sort_by(|a, b| a.1.mase.total_cmp(&b.1.mase));
    let mut chosen = None;
    for &(candidate, score) in &ranked {
        budget.check()?;
        if let Some(p) = model::predict(candidate, values, season, options.horizon, true) {
            chosen = Some((candidate, score, p));
            break;
        }
    }
    let (candidate, score, prediction) = chosen.unwrap_or_else(|| fallback(values, options));

    let last = series.periods.last().copied();
    let forecast = points(prediction, options.non_negative)
        .into_iter()
        .enumerate()
        .map(|(i, (value, lo80, hi80, lo95, hi95))| ForecastPoint {
            period: last.map_or_else(
                || format!("+{}", i + 1),
                |p| {
                    p.offset(i64::try_from(i + 1).unwrap_or(i64::MAX))
                        .to_string()
                },
            ),
            value,
            lo80,
            hi80,
            lo95,
            hi95,
        })
        .collect();
    let backtest = Backtest {
        mase: finite_or_zero(score.mase),
        smape: finite_or_zero(score.smape),
        seasonal_naive_mase: finite_or_zero(tested.seasonal_naive.mase),
        seasonal_naive_smape: finite_or_zero(tested.seasonal_naive.smape),
        origins: tested.origins,
    };
    Ok(Forecast {
        model: candidate.name().to_owned(),
        season,
        forecast,
        warnings: warnings_for(values.len(), season, &backtest),
        backtest,
        candidates: tested
            .scores
            .iter()
            .map(|(c, s)| CandidateScore {
                model: c.name().to_owned(),
                mase: s.mase,
                smape: s.smape,
            })
            .collect(),
    })
}
