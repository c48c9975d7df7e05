//! A deterministic benchmark: synthetic series of known structure and a holdout evaluation.

use std::f64::consts::TAU;

use serde::Serialize;

use crate::backtest::{ScoreSum, mase_scale, origin_ends};
use crate::error::SeriesError;
use crate::forecast::{ForecastOptions, forecast, resolve_season};
use crate::model::{self, Candidate};
use crate::period::Period;
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

/// Eight deterministic series of known structure, each named, 72 to 200 values long.
pub fn synthetic_suite() -> Vec<(String, Series)> {
    let mut rng = Lcg(0x5eed_2024);
    let month0 = Period::monthly(2010, 1);
    let seasonal = |t: usize, m: usize, phase: f64| (TAU * t as f64 / m as f64 + phase).sin();
    let mut suite = Vec::new();
    let mut push = |name: &str, start: Period, values: Vec<f64>| {
        suite.push((name.to_owned(), Series::from_monthly(start, values)));
    };

    let v = (0..144)
        .map(|t| 1000.0 + 5.0 * t as f64 + 150.0 * seasonal(t, 12, 0.0) + 40.0 * rng.normal())
        .collect();
    push("monthly_trend_season", month0, v);

    let v = (0..120)
        .map(|t| {
            let level = 500.0 + 8.0 * t as f64;
            level * (1.0 + 0.35 * seasonal(t, 12, 1.0)) * (1.0 + 0.03 * rng.normal())
        })
        .collect();
    push("monthly_multiplicative", month0, v);

    let pattern = [300.0, -100.0, 200.0, -400.0];
    let v = (0..80)
        .map(|t| 2000.0 + 15.0 * t as f64 + pattern[t % 4] + 60.0 * rng.normal())
        .collect();
    push("quarterly", Period::quarterly(2000, 1), v);

    let week0 = Period::weekly(2020, 1).unwrap_or(month0);
    let v = (0..200)
        .map(|t| 300.0 + 0.5 * t as f64 + 60.0 * seasonal(t, 52, 0.5) + 12.0 * rng.normal())
        .collect();
    push("weekly", week0, v);

    let v = (0..120)
        .map(|t| {
            let shift = if t >= 90 { 400.0 } else { 0.0 };
            800.0 + shift + 100.0 * seasonal(t, 12, 0.0) + 30.0 * rng.normal()
        })
        .collect();
    push("level_shift", month0, v);

    let v = (0..96).map(|_| 500.0 + 50.0 * rng.normal()).collect();
    push("noise_only", month0, v);

    let v = (0..120)
        .map(|t| {
            let level = 400.0 + 300.0 * (1.0 - 0.97_f64.powf(t as f64));
            level + 60.0 * seasonal(t, 12, 2.0) + 20.0 * rng.normal()
        })
        .collect();
    push("damped_trend", month0, v);

    let weekday = [30.0, 25.0, 20.0, 20.0, 15.0, -50.0, -60.0];
    let day0 = Period::daily(2023, 1, 2).unwrap_or(month0);
    let v = (0..182)
        .map(|t| 150.0 + 0.1 * t as f64 + weekday[t % 7] + 10.0 * rng.normal())
        .collect();
    push("daily_weekly", day0, v);

    suite
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

/// A small linear congruential generator, so the suite needs no random-number crate.
struct Lcg(u64);

impl Lcg {
    /// A uniform number in [0, 1).
    fn uniform(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An approximately standard normal number (the sum of twelve uniforms, minus six).
    fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.uniform()).sum::<f64>() - 6.0
    }
}
