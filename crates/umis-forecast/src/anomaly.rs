//! Robust anomaly detection: decomposition residuals scored against their median and MAD.

use augurs::mstl::stlrs::{MstlParams, StlParams};
use serde::Serialize;

/// Which way an anomalous value departs from what was expected.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher than expected.
    Up,
    /// Lower than expected.
    Down,
}

/// A value that departs from the series' trend and season far more than the others do.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Anomaly {
    /// The 0-based position of the value.
    pub index: usize,
    /// The value as given.
    pub value: f64,
    /// The value the trend and season predict (the value minus its residual).
    pub expected: f64,
    /// The robust z-score: distance of the residual from the median residual in MAD units.
    pub score: f64,
    /// Whether the value is above or below what was expected.
    pub direction: Direction,
}

/// The MAD-to-standard-deviation factor for normal data.
const MAD_TO_SD: f64 = 1.4826;
/// The smallest spread, relative to the series level, that residuals are scored against, so
/// that a nearly perfect series does not turn rounding noise into anomalies.
const MIN_RELATIVE_SPREAD: f64 = 0.005;

/// Flags values whose robust residual score is at least `threshold` (about 4 is usual).
///
/// Residuals come from a robust MSTL decomposition when there are at least two seasons plus one
/// value and `season` ≥ 2, else from a centred rolling median. Non-finite values are never
/// flagged and are treated as the median value when computing the others.
pub fn detect_anomalies(values: &[f64], season: usize, threshold: f64) -> Vec<Anomaly> {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if finite.len() < 3 {
        return Vec::new();
    }
    let fill = median(&finite);
    let clean: Vec<f64> = values
        .iter()
        .map(|&v| if v.is_finite() { v } else { fill })
        .collect();
    let residuals = if season >= 2 && clean.len() > 2 * season {
        mstl_residuals(&clean, season).unwrap_or_else(|| rolling_residuals(&clean, season))
    } else {
        rolling_residuals(&clean, season)
    };
    let center = median(&residuals);
    let deviations: Vec<f64> = residuals.iter().map(|r| (r - center).abs()).collect();
    let level = median(&clean.iter().map(|v| v.abs()).collect::<Vec<_>>());
    let spread = (MAD_TO_SD * median(&deviations))
        .max(MIN_RELATIVE_SPREAD * level)
        .max(f64::MIN_POSITIVE);
    values
        .iter()
        .zip(&residuals)
        .enumerate()
        .filter(|(_, (v, _))| v.is_finite())
        .filter_map(|(index, (&value, &residual))| {
            let score = (residual - center).abs() / spread;
            (score.is_finite() && score >= threshold).then_some(Anomaly {
                index,
                value,
                expected: value - residual,
                score,
                direction: if residual >= center {
                    Direction::Up
                } else {
                    Direction::Down
                },
            })
        })
        .collect()
}

/// Remainders of a robust MSTL decomposition, which down-weights outliers so that a spike stays
/// in the remainder instead of bending the trend and season.
fn mstl_residuals(values: &[f64], season: usize) -> Option<Vec<f64>> {
    // stlrs works in f32; centring and scaling first keeps large counts precise.
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let scale = values
        .iter()
        .map(|v| (v - mean).abs())
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    let scaled: Vec<f32> = values.iter().map(|v| ((v - mean) / scale) as f32).collect();
    let mut stl = StlParams::new();
    stl.robust(true);
    let mut params = MstlParams::new();
    params.stl_params(stl);
    let fit = std::panic::catch_unwind(|| params.fit(&scaled, &[season]).ok()).ok()??;
    let residuals: Vec<f64> = fit
        .remainder()
        .iter()
        .map(|&r| f64::from(r) * scale)
        .collect();
    (residuals.len() == values.len() && residuals.iter().all(|r| r.is_finite()))
        .then_some(residuals)
}

/// Residuals from a centred rolling median over about one season (at least five values).
fn rolling_residuals(values: &[f64], season: usize) -> Vec<f64> {
    let half = (season.max(5) / 2).max(2);
    (0..values.len())
        .map(|i| {
            let lo = i.saturating_sub(half);
            let hi = (i + half + 1).min(values.len());
            values[i] - median(&values[lo..hi])
        })
        .collect()
}

/// The median of `values`, 0 when empty.
fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}
