//! The forecasting entry point: checks the request, picks a model by backtest, forecasts.

use serde::Serialize;

use crate::backtest::{self, Score, clamp};
use crate::budget::Budget;
use crate::error::SeriesError;
use crate::model::{self, Candidate, Intervals, Prediction};
use crate::series::Series;

/// The longest horizon a forecast may have.
pub const MAX_HORIZON: usize = 120;
/// The most values a forecast accepts (enough for thirteen years of days).
pub const MAX_POINTS: usize = 5_000;
/// A horizon may cover at most this many seasons.
const MAX_HORIZON_SEASONS: usize = 3;
/// The fewest values a non-seasonal forecast needs.
pub const MIN_NON_SEASONAL: usize = 8;
/// The largest value magnitude accepted, far above any count and far below overflow.
const MAX_MAGNITUDE: f64 = 1e12;

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

/// A forecast with the chosen model, its backtest and the scores of every candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    /// The chosen model: `seasonal_naive`, `naive`, `ets` or `mstl_ets`.
    pub model: String,
    /// The season length used (1 when non-seasonal).
    pub season: usize,
    /// One point per future period.
    pub forecast: Vec<ForecastPoint>,
    /// How the chosen model and seasonal naive did on the series' own history.
    pub backtest: Backtest,
    /// The backtest scores of every candidate that could be fitted.
    pub candidates: Vec<CandidateScore>,
    /// Why the forecast deserves less trust, as stable codes (see [`warnings_for`]).
    pub warnings: Vec<&'static str>,
}

/// The chosen model did worse than seasonal naive on the series' own history.
pub const WARN_WORSE_THAN_NAIVE: &str = "worse_than_seasonal_naive";
/// The series is shorter than two seasons: the season and the backtest rest on little data.
pub const WARN_SHORT_SERIES: &str = "short_series";

/// Why a forecast of a series of `length` points with `season` and `backtest` deserves less
/// trust: a chosen model scoring worse than seasonal naive, or fewer than two seasons of data.
pub fn warnings_for(length: usize, season: usize, backtest: &Backtest) -> Vec<&'static str> {
    let mut out = Vec::new();
    if backtest.origins > 0 && backtest.mase > backtest.seasonal_naive_mase {
        out.push(WARN_WORSE_THAN_NAIVE);
    }
    if season > 1 && length < 2 * season {
        out.push(WARN_SHORT_SERIES);
    }
    out
}

/// A forecast for one future period with 80% and 95% prediction intervals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastPoint {
    /// The period in its text form, e.g. `2024-07`.
    pub period: String,
    /// The point forecast.
    pub value: f64,
    /// The lower bound of the 80% interval.
    pub lo80: f64,
    /// The upper bound of the 80% interval.
    pub hi80: f64,
    /// The lower bound of the 95% interval.
    pub lo95: f64,
    /// The upper bound of the 95% interval.
    pub hi95: f64,
}

/// Rolling-origin backtest scores of the chosen model and of seasonal naive.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Backtest {
    /// The chosen model's mean absolute scaled error.
    pub mase: f64,
    /// The chosen model's symmetric mean absolute percentage error (0 to 200).
    pub smape: f64,
    /// Seasonal naive's mean absolute scaled error over the same origins.
    pub seasonal_naive_mase: f64,
    /// Seasonal naive's sMAPE over the same origins.
    pub seasonal_naive_smape: f64,
    /// The number of forecast origins.
    pub origins: usize,
}

/// One candidate model's backtest scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateScore {
    /// The model name.
    pub model: String,
    /// Its mean absolute scaled error.
    pub mase: f64,
    /// Its sMAPE (0 to 200).
    pub smape: f64,
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

/// Picks the season length per the rules: an explicit season must fit the series, a default one
/// quietly falls back to non-seasonal when the series is too short for it.
/// Refuses a horizon past three seasons: the season used, or for a non-seasonal forecast the
/// usual season of the series' frequency (at least one period).
fn check_horizon(series: &Series, season: usize, horizon: usize) -> Result<(), SeriesError> {
    let counted = if season >= 2 {
        season
    } else {
        series.frequency.default_season().max(1)
    };
    let maximum = counted.saturating_mul(MAX_HORIZON_SEASONS).min(MAX_HORIZON);
    if horizon > maximum {
        return Err(SeriesError::HorizonTooLong {
            horizon,
            season: counted,
            maximum,
        });
    }
    Ok(())
}

pub(crate) fn resolve_season(
    series: &Series,
    horizon: usize,
    season: Option<usize>,
) -> Result<usize, SeriesError> {
    let n = series.len();
    let too_short_plain = || SeriesError::TooShort {
        length: n,
        minimum: MIN_NON_SEASONAL,
        reason: "for a non-seasonal forecast".to_owned(),
    };
    let seasonal_minimum = |s: usize| s.saturating_mul(2).saturating_add(horizon);
    match season {
        Some(s) if s == 0 || (s >= 2 && s > n / 2) => Err(SeriesError::BadSeason {
            season: s,
            max: n / 2,
        }),
        Some(1) => (n >= MIN_NON_SEASONAL)
            .then_some(1)
            .ok_or_else(too_short_plain),
        Some(s) if n < seasonal_minimum(s) => Err(SeriesError::TooShort {
            length: n,
            minimum: seasonal_minimum(s),
            reason: format!(
                "for a seasonal forecast with season {s} and horizon {horizon} (two seasons plus the horizon)"
            ),
        }),
        Some(s) => Ok(s),
        None => {
            let s = series.frequency.default_season();
            if n >= seasonal_minimum(s) {
                Ok(s)
            } else if n >= MIN_NON_SEASONAL {
                Ok(1)
            } else {
                Err(too_short_plain())
            }
        }
    }
}

fn check_values(series: &Series, non_negative: bool) -> Result<(), SeriesError> {
    let n = series.values.len();
    if n == 0 {
        return Err(SeriesError::Empty);
    }
    if series.periods.len() != n {
        return Err(SeriesError::LengthMismatch {
            periods: series.periods.len(),
            values: n,
        });
    }
    for (i, (&value, period)) in series.values.iter().zip(&series.periods).enumerate() {
        let reason = if !value.is_finite() {
            Some("is not a finite number")
        } else if value.abs() > MAX_MAGNITUDE {
            Some("is too large to forecast (the limit is 1e12 in magnitude)")
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(SeriesError::NotNumeric {
                row: i + 1,
                text: value.to_string(),
                reason,
            });
        }
        if non_negative && value < 0.0 {
            return Err(SeriesError::Negative {
                row: i + 1,
                period: period.to_string(),
                value,
            });
        }
    }
    Ok(())
}

/// The naive forecast, which cannot fail on finite bounded values; used only if every
/// candidate failed its final fit.
fn fallback(values: &[f64], options: &ForecastOptions) -> (Candidate, Score, Prediction) {
    let last = values.last().copied().unwrap_or(0.0);
    let prediction = model::predict(Candidate::Naive, values, 1, options.horizon, true)
        .unwrap_or_else(|| Prediction {
            point: vec![last; options.horizon],
            intervals: None,
        });
    let score = Score {
        mase: f64::NAN,
        smape: f64::NAN,
    };
    (Candidate::Naive, score, prediction)
}

/// Turns a prediction into ordered, finite `(value, lo80, hi80, lo95, hi95)` tuples.
fn points(prediction: Prediction, non_negative: bool) -> Vec<(f64, f64, f64, f64, f64)> {
    let Prediction { point, intervals } = prediction;
    let n = point.len();
    let Intervals {
        lo80,
        hi80,
        lo95,
        hi95,
    } = intervals.unwrap_or_else(|| Intervals {
        lo80: point.clone(),
        hi80: point.clone(),
        lo95: point.clone(),
        hi95: point.clone(),
    });
    let point = clamp(point, non_negative);
    (0..n)
        .map(|i| {
            let at = |v: &[f64]| v.get(i).copied().unwrap_or(point[i]);
            let value = point[i];
            let lo80 = at(&lo80).min(value);
            let hi80 = at(&hi80).max(value);
            let lo95 = at(&lo95).min(lo80);
            let hi95 = at(&hi95).max(hi80);
            let floor = |x: f64| if non_negative { x.max(0.0) } else { x };
            (value, floor(lo80), hi80, floor(lo95), hi95)
        })
        .collect()
}

fn finite_or_zero(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}

#[cfg(test)]
mod warning_tests {
    use super::*;

    fn backtest(mase: f64, naive: f64, origins: usize) -> Backtest {
        Backtest {
            mase,
            smape: 0.0,
            seasonal_naive_mase: naive,
            seasonal_naive_smape: 0.0,
            origins,
        }
    }

    #[test]
    fn a_forecast_says_when_to_trust_it_less() {
        assert_eq!(
            warnings_for(48, 12, &backtest(0.8, 1.0, 6)),
            Vec::<&str>::new()
        );
        assert_eq!(
            warnings_for(48, 12, &backtest(30.75, 1.2, 6)),
            vec![WARN_WORSE_THAN_NAIVE]
        );
        assert_eq!(
            warnings_for(20, 12, &backtest(0.5, 1.0, 2)),
            vec![WARN_SHORT_SERIES]
        );
        // No backtest, no comparison; a non-seasonal series is never "short".
        assert!(warnings_for(30, 1, &backtest(2.0, 1.0, 0)).is_empty());
    }
}
