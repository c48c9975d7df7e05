//! The chosen model's prediction as forecast points: ordered, finite intervals, clamped at zero
//! when asked, with a naive fallback should every candidate fail its final fit.

use super::ForecastOptions;
use crate::backtest::{Score, clamp};
use crate::model::{self, Candidate, Intervals, Prediction};

/// The naive forecast, which cannot fail on finite bounded values; used only if every
/// candidate failed its final fit.
pub(super) fn fallback(
    values: &[f64],
    options: &ForecastOptions,
) -> (Candidate, Score, Prediction) {
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
pub(super) fn points(prediction: Prediction, non_negative: bool) -> Vec<(f64, f64, f64, f64, f64)> {
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

pub(super) fn finite_or_zero(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}
