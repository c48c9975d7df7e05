//! The error measures of a backtest: MASE with its naive scale, and sMAPE, summed over origins.

/// Mean errors of one model over a set of forecast origins.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Score {
    pub(crate) mase: f64,
    pub(crate) smape: f64,
}

/// Accumulates per-origin MASE and per-point sMAPE terms.
#[derive(Clone, Debug, Default)]
pub(crate) struct ScoreSum {
    mase_sum: f64,
    origins: usize,
    smape_sum: f64,
    points: usize,
}

impl ScoreSum {
    /// Adds one origin's forecasts against the actual values, MASE scaled by `scale`.
    pub(crate) fn add(&mut self, forecast: &[f64], actual: &[f64], scale: f64) {
        let n = forecast.len().min(actual.len());
        if n == 0 {
            return;
        }
        let mae = forecast
            .iter()
            .zip(actual)
            .map(|(f, a)| (f - a).abs())
            .sum::<f64>()
            / n as f64;
        self.mase_sum += mae / scale;
        self.origins += 1;
        for (f, a) in forecast.iter().zip(actual) {
            let denominator = f.abs() + a.abs();
            if denominator > 0.0 {
                self.smape_sum += 200.0 * (f - a).abs() / denominator;
            }
            self.points += 1;
        }
    }

    /// The mean scores, or `None` when nothing was added.
    pub(crate) fn mean(&self) -> Option<Score> {
        (self.origins > 0 && self.points > 0).then(|| Score {
            mase: self.mase_sum / self.origins as f64,
            smape: self.smape_sum / self.points as f64,
        })
    }
}

/// The MASE denominator: the in-sample mean absolute error of the lag-`lag` naive forecast,
/// falling back to lag 1 and then to a small share of the level when the series is flat.
pub(crate) fn mase_scale(train: &[f64], lag: usize) -> f64 {
    let mae = |lag: usize| {
        let diffs: Vec<f64> = train
            .iter()
            .skip(lag)
            .zip(train)
            .map(|(a, b)| (a - b).abs())
            .collect();
        (!diffs.is_empty()).then(|| diffs.iter().sum::<f64>() / diffs.len() as f64)
    };
    let positive = |x: &f64| x.is_finite() && *x > 0.0;
    if let Some(scale) = mae(lag.max(1)).filter(positive) {
        return scale;
    }
    if let Some(scale) = mae(1).filter(positive) {
        return scale;
    }
    let level = train.iter().map(|v| v.abs()).sum::<f64>() / train.len().max(1) as f64;
    if positive(&level) { level * 0.01 } else { 1.0 }
}
