//! The (seasonal) naive forecast and the spread of its in-sample residuals.

use super::{Intervals, Prediction, Z80, Z95};

/// The (seasonal) naive forecast: the value one season back, repeated; intervals from the
/// in-sample residual spread growing with the number of seasons ahead.
pub(super) fn naive(
    train: &[f64],
    lag: usize,
    horizon: usize,
    with_intervals: bool,
) -> Option<Prediction> {
    if train.len() < lag || train.is_empty() {
        return None;
    }
    let last_season = &train[train.len() - lag..];
    let point: Vec<f64> = (0..horizon).map(|h| last_season[h % lag]).collect();
    let intervals = with_intervals.then(|| {
        let sigma = residual_sigma(train, lag);
        let mut iv = Intervals {
            lo80: Vec::with_capacity(horizon),
            hi80: Vec::with_capacity(horizon),
            lo95: Vec::with_capacity(horizon),
            hi95: Vec::with_capacity(horizon),
        };
        for (h, p) in point.iter().enumerate() {
            // h is 0-based here: for lag 1 this is sqrt(h + 1), for seasons sqrt(floor(h/m) + 1).
            let sd = sigma * ((h / lag + 1) as f64).sqrt();
            iv.lo80.push(p - Z80 * sd);
            iv.hi80.push(p + Z80 * sd);
            iv.lo95.push(p - Z95 * sd);
            iv.hi95.push(p + Z95 * sd);
        }
        iv
    });
    Some(Prediction { point, intervals })
}

/// The root mean square of the in-sample lag-`lag` differences, or 0 when there are none.
pub(crate) fn residual_sigma(train: &[f64], lag: usize) -> f64 {
    let diffs: Vec<f64> = train
        .iter()
        .skip(lag)
        .zip(train)
        .map(|(a, b)| a - b)
        .collect();
    if diffs.is_empty() {
        return 0.0;
    }
    (diffs.iter().map(|d| d * d).sum::<f64>() / diffs.len() as f64).sqrt()
}
