//! The candidate models: seasonal naive, naive, AutoETS and MSTL with an AutoETS trend.

mod fitted;
mod naive;

use augurs::Fit;
use augurs::ets::AutoETS;
use augurs::mstl::MSTLModel;
use fitted::{augurs_prediction, scaled};
use naive::naive;

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
