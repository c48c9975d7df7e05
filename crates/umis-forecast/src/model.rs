//! The candidate models: seasonal naive, naive, AutoETS and MSTL with an AutoETS trend.

use std::panic::{AssertUnwindSafe, catch_unwind};

use augurs::ets::AutoETS;
use augurs::mstl::MSTLModel;
use augurs::{Fit, Predict};

/// The standard normal quantile for a central 80% interval.
pub(crate) const Z80: f64 = 1.2816;
/// The standard normal quantile for a central 95% interval.
pub(crate) const Z95: f64 = 1.96;

/// One forecasting method that can be backtested and fitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Candidate {
    SeasonalNaive,
    Naive,
    Ets,
    MstlEts,
}

impl Candidate {
    /// The model's name in reports.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::SeasonalNaive => "seasonal_naive",
            Self::Naive => "naive",
            Self::Ets => "ets",
            Self::MstlEts => "mstl_ets",
        }
    }

    /// The candidates worth trying for a season length (1 meaning non-seasonal).
    pub(crate) fn for_season(season: usize) -> &'static [Candidate] {
        if season >= 2 {
            &[Self::SeasonalNaive, Self::Naive, Self::Ets, Self::MstlEts]
        } else {
            &[Self::Naive, Self::Ets]
        }
    }
}

/// Point forecasts with optional 80% and 95% intervals.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Prediction {
    pub(crate) point: Vec<f64>,
    pub(crate) intervals: Option<Intervals>,
}

/// Lower and upper bounds at 80% and 95%, one per forecast step.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Intervals {
    pub(crate) lo80: Vec<f64>,
    pub(crate) hi80: Vec<f64>,
    pub(crate) lo95: Vec<f64>,
    pub(crate) hi95: Vec<f64>,
}

impl Prediction {
    /// Whether every number is finite and every vector has `horizon` entries.
    pub(crate) fn is_sound(&self, horizon: usize) -> bool {
        let ok = |v: &[f64]| v.len() == horizon && v.iter().all(|x| x.is_finite());
        ok(&self.point)
            && self
                .intervals
                .as_ref()
                .is_none_or(|i| ok(&i.lo80) && ok(&i.hi80) && ok(&i.lo95) && ok(&i.hi95))
    }
}

/// Fits `candidate` to `train` and forecasts `horizon` steps; `None` when the model cannot be
/// fitted or returns non-finite numbers.
pub(crate) fn predict(
    candidate: Candidate,
    train: &[f64],
    season: usize,
    horizon: usize,
    with_intervals: bool,
) -> Option<Prediction> {
    let prediction = match candidate {
        Candidate::SeasonalNaive => naive(train, season.max(1), horizon, with_intervals),
        Candidate::Naive => naive(train, 1, horizon, with_intervals),
        Candidate::Ets => scaled(train, |y| {
            let fitted = AutoETS::non_seasonal().fit(y).ok()?;
            augurs_prediction(&fitted, horizon, with_intervals)
        }),
        Candidate::MstlEts => scaled(train, |y| {
            if season < 2 || y.len() < 2 * season {
                return None;
            }
            let trend = AutoETS::non_seasonal().into_trend_model();
            let fitted = MSTLModel::new(vec![season], trend).fit(y).ok()?;
            augurs_prediction(&fitted, horizon, with_intervals)
        }),
    }?;
    prediction.is_sound(horizon).then_some(prediction)
}

/// Runs a fitted model on `train` divided by its mean magnitude and scales the result back, so
/// that the optimiser sees numbers near 1 whatever the units; a flat series is left to the naive
/// models, as the likelihood search wastes its whole iteration budget on it.
fn scaled(train: &[f64], fit: impl FnOnce(&[f64]) -> Option<Prediction>) -> Option<Prediction> {
    let n = train.len().max(1) as f64;
    let scale = train.iter().map(|v| v.abs()).sum::<f64>() / n;
    let (lo, hi) = train
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    if !(scale > 0.0 && scale.is_finite()) || hi - lo <= 1e-9 * scale {
        return None;
    }
    let y: Vec<f64> = train.iter().map(|v| v / scale).collect();
    let mut prediction = guarded(|| fit(&y))?;
    let rescale = |v: &mut Vec<f64>| v.iter_mut().for_each(|x| *x *= scale);
    rescale(&mut prediction.point);
    if let Some(iv) = prediction.intervals.as_mut() {
        for v in [&mut iv.lo80, &mut iv.hi80, &mut iv.lo95, &mut iv.hi95] {
            rescale(v);
        }
    }
    Some(prediction)
}

/// Runs third-party model code so that a panic inside it drops the candidate instead of
/// taking the caller down.
fn guarded<T>(f: impl FnOnce() -> Option<T>) -> Option<T> {
    catch_unwind(AssertUnwindSafe(f)).ok().flatten()
}

fn augurs_prediction<P: Predict>(
    fitted: &P,
    horizon: usize,
    with_intervals: bool,
) -> Option<Prediction> {
    if !with_intervals {
        let point = fitted.predict(horizon, None).ok()?.point;
        return Some(Prediction {
            point,
            intervals: None,
        });
    }
    let f80 = fitted.predict(horizon, 0.8).ok()?;
    let f95 = fitted.predict(horizon, 0.95).ok()?;
    let (i80, i95) = (f80.intervals?, f95.intervals?);
    Some(Prediction {
        point: f80.point,
        intervals: Some(Intervals {
            lo80: i80.lower,
            hi80: i80.upper,
            lo95: i95.lower,
            hi95: i95.upper,
        }),
    })
}

/// The (seasonal) naive forecast: the value one season back, repeated; intervals from the
/// in-sample residual spread growing with the number of seasons ahead.
fn naive(train: &[f64], lag: usize, horizon: usize, with_intervals: bool) -> Option<Prediction> {
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
