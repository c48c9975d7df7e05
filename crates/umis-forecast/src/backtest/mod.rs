//! Rolling-origin backtests and their error measures (MASE and sMAPE).

mod score;

pub(crate) use score::{Score, ScoreSum, mase_scale};

use crate::budget::Budget;
use crate::error::SeriesError;
use crate::model::{self, Candidate};

/// The most origins a model-selection backtest uses.
const MAX_ORIGINS: usize = 8;

/// Training-prefix lengths for rolling origins: the last `max_origins` that leave `horizon`
/// actual values after them, `stride` apart, each at least `min_train` long (oldest first).
pub(crate) fn origin_ends(
    n: usize,
    horizon: usize,
    min_train: usize,
    max_origins: usize,
    stride: usize,
) -> Vec<usize> {
    let stride = stride.max(1);
    let Some(last) = n.checked_sub(horizon) else {
        return Vec::new();
    };
    let mut ends: Vec<usize> = (0..max_origins)
        .map_while(|j| last.checked_sub(j * stride))
        .filter(|&end| end >= min_train.max(2))
        .collect();
    ends.reverse();
    ends
}

/// The outcome of backtesting every candidate on one series.
#[derive(Clone, Debug)]
pub(crate) struct Backtested {
    /// Candidates that produced finite forecasts at every origin, with their scores.
    pub(crate) scores: Vec<(Candidate, Score)>,
    /// The seasonal naive scores over the same origins.
    pub(crate) seasonal_naive: Score,
    /// The number of origins.
    pub(crate) origins: usize,
}

/// Backtests each candidate on `values` with `season`, forecasting `min(horizon, season)` steps
/// from each origin; forecasts are clamped at zero when `non_negative`.
pub(crate) fn backtest(
    values: &[f64],
    season: usize,
    horizon: usize,
    non_negative: bool,
    budget: &Budget,
) -> Result<Backtested, SeriesError> {
    let h = horizon.min(season).max(1);
    let min_train = if season >= 2 { 2 * season } else { 4 };
    let stride = (h / 2).max(1);
    let ends = origin_ends(values.len(), h, min_train, MAX_ORIGINS, stride);
    let candidates = Candidate::for_season(season);
    let mut sums = vec![Some(ScoreSum::default()); candidates.len()];
    let mut seasonal_naive = ScoreSum::default();
    for &end in &ends {
        let (train, rest) = values.split_at(end);
        let actual = &rest[..h];
        let scale = mase_scale(train, season);
        let naive_lag = if season >= 2 {
            Candidate::SeasonalNaive
        } else {
            Candidate::Naive
        };
        if let Some(p) = model::predict(naive_lag, train, season, h, false) {
            seasonal_naive.add(&clamp(p.point, non_negative), actual, scale);
        }
        for (sum, &candidate) in sums.iter_mut().zip(candidates) {
            let Some(acc) = sum.as_mut() else { continue };
            budget.check()?;
            match model::predict(candidate, train, season, h, false) {
                Some(p) => acc.add(&clamp(p.point, non_negative), actual, scale),
                None => *sum = None,
            }
        }
    }
    let scores = candidates
        .iter()
        .zip(sums)
        .filter_map(|(&c, sum)| Some((c, sum?.mean()?)))
        .collect();
    Ok(Backtested {
        scores,
        seasonal_naive: seasonal_naive.mean().unwrap_or(Score {
            mase: f64::NAN,
            smape: f64::NAN,
        }),
        origins: ends.len(),
    })
}

/// Clamps forecasts at zero when non-negative forecasts are wanted.
pub(crate) fn clamp(mut point: Vec<f64>, non_negative: bool) -> Vec<f64> {
    if non_negative {
        point.iter_mut().for_each(|p| *p = p.max(0.0));
    }
    point
}
