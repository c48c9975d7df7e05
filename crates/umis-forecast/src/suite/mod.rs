//! A deterministic benchmark: synthetic series of known structure and a holdout evaluation.

mod synthetic;

pub use synthetic::synthetic_suite;

use serde::Serialize;

use crate::backtest::{ScoreSum, mase_scale, origin_ends};
use crate::error::SeriesError;
use crate::forecast::{ForecastOptions, forecast, resolve_season};
use crate::model::{self, Candidate};
use crate::series::Series;

/// The most holdout origins [`evaluate`] uses.
const HOLDOUT_ORIGINS: usize = 5;

/// How the automatic forecaster and seasonal naive did on one series' held-out values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuiteRow {
    /// The series' name ([`evaluate`] alone names it by frequency and length, e.g. `monthlyx144`).
    pub name: String,
    /// The number of values in the series.
    pub length: usize,
    /// The season length used.
    pub season: usize,
    /// The model chosen most often across the holdout origins.
    pub model: String,
    /// The forecaster's mean absolute scaled error on held-out values.
    pub mase: f64,
    /// The forecaster's sMAPE (0 to 200) on held-out values.
    pub smape: f64,
    /// Seasonal naive's MASE on the same held-out values.
    pub seasonal_naive_mase: f64,
    /// Seasonal naive's sMAPE on the same held-out values.
    pub seasonal_naive_smape: f64,
}

/// Evaluates every series of [`synthetic_suite`] with a horizon of one season (at most 13
/// periods) and the frequency's usual season.
pub fn run_suite() -> Result<Vec<SuiteRow>, SeriesError> {
    synthetic_suite()
        .into_iter()
        .map(|(name, series)| {
            let horizon = series.frequency.default_season().min(13);
            let row = evaluate(&series, horizon, None)?;
            Ok(SuiteRow { name, ..row })
        })
        .collect()
}

/// Holdout evaluation: at up to five origins in the last part of `series`, runs the full
/// [`forecast`] (model choice included) on the prefix alone and scores its point forecasts, and
/// seasonal naive's, against the held-out actual values.
pub fn evaluate(
    series: &Series,
    horizon: usize,
    season: Option<usize>,
) -> Result<SuiteRow, SeriesError> {
    if !(1..=crate::forecast::MAX_HORIZON).contains(&horizon) {
        return Err(SeriesError::BadHorizon { horizon });
    }
    let n = series.len();
    // The season is settled on the shortest training prefix so that every origin uses it.
    let prefix_len = n.saturating_sub(horizon);
    let shortest = Series {
        frequency: series.frequency,
        periods: series.periods.iter().take(prefix_len).copied().collect(),
        values: series.values.iter().take(prefix_len).copied().collect(),
    };
    let season = resolve_season(&shortest, horizon, season)?;
    let min_train = if season >= 2 {
        2 * season + horizon
    } else {
        crate::forecast::MIN_NON_SEASONAL
    };
    let stride = (horizon / 2).max(1);
    let ends = origin_ends(n, horizon, min_train, HOLDOUT_ORIGINS, stride);
    let options = ForecastOptions {
        horizon,
        season: Some(season),
        non_negative: false,
    };
    let benchmark = if season >= 2 {
        Candidate::SeasonalNaive
    } else {
        Candidate::Naive
    };
    let mut ours = ScoreSum::default();
    let mut naive = ScoreSum::default();
    let mut chosen: Vec<String> = Vec::new();
    for &end in &ends {
        let train = Series {
            frequency: series.frequency,
            periods: series.periods[..end].to_vec(),
            values: series.values[..end].to_vec(),
        };
        let actual = &series.values[end..end + horizon];
        let scale = mase_scale(&train.values, season);
        let result = forecast(&train, &options)?;
        let point: Vec<f64> = result.forecast.iter().map(|p| p.value).collect();
        ours.add(&point, actual, scale);
        chosen.push(result.model);
        if let Some(p) = model::predict(benchmark, &train.values, season, horizon, false) {
            naive.add(&p.point, actual, scale);
        }
    }
    let (Some(ours), Some(naive)) = (ours.mean(), naive.mean()) else {
        return Err(SeriesError::TooShort {
            length: n,
            minimum: min_train + horizon,
            reason: "for a holdout evaluation (a training prefix plus the horizon)".to_owned(),
        });
    };
    Ok(SuiteRow {
        name: format!("{}x{n}", series.frequency),
        length: n,
        season,
        model: most_frequent(&chosen),
        mase: ours.mase,
        smape: ours.smape,
        seasonal_naive_mase: naive.mase,
        seasonal_naive_smape: naive.smape,
    })
}

/// The most frequent name, ties going to the one chosen last.
fn most_frequent(names: &[String]) -> String {
    let count = |name: &String| names.iter().filter(|n| *n == name).count();
    names
        .iter()
        .max_by_key(|name| count(name))
        .cloned()
        .unwrap_or_default()
}
