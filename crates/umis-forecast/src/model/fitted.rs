//! Running the fitted third-party models: scaling their input, guarding against their panics and
//! reading their forecasts and intervals.

use std::panic::{AssertUnwindSafe, catch_unwind};

use augurs::Predict;

use super::{Intervals, Prediction};

/// Runs a fitted model on `train` divided by its mean magnitude and scales the result back, so
/// that the optimiser sees numbers near 1 whatever the units; a flat series is left to the naive
/// models, as the likelihood search wastes its whole iteration budget on it.
pub(super) fn scaled(
    train: &[f64],
    fit: impl FnOnce(&[f64]) -> Option<Prediction>,
) -> Option<Prediction> {
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

pub(super) fn augurs_prediction<P: Predict>(
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
