//! What a forecast reports: its points, the backtest of the chosen model, every candidate's
//! scores and the warnings on how far to trust it.

use serde::Serialize;

/// A forecast with the chosen model, its backtest and the scores of every candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    /// The chosen model: `seasonal_naive`, `naive`, `ets` or `mstl_ets`.
    pub model: String,
    /// The season length used (1 when non-seasonal).
    pub season: usize,
    /// One point per future period.
    pub forecast: Vec<ForecastPoint>,
    /// How the chosen model and seasonal naive did on the series' own history.
    pub backtest: Backtest,
    /// The backtest scores of every candidate that could be fitted.
    pub candidates: Vec<CandidateScore>,
    /// Why the forecast deserves less trust, as stable codes (see [`warnings_for`]).
    pub warnings: Vec<&'static str>,
}

/// The chosen model did worse than seasonal naive on the series' own history.
pub const WARN_WORSE_THAN_NAIVE: &str = "worse_than_seasonal_naive";
/// The series is shorter than two seasons: the season and the backtest rest on little data.
pub const WARN_SHORT_SERIES: &str = "short_series";

/// Why a forecast of a series of `length` points with `season` and `backtest` deserves less
/// trust: a chosen model scoring worse than seasonal naive, or fewer than two seasons of data.
pub fn warnings_for(length: usize, season: usize, backtest: &Backtest) -> Vec<&'static str> {
    let mut out = Vec::new();
    if backtest.origins > 0 && backtest.mase > backtest.seasonal_naive_mase {
        out.push(WARN_WORSE_THAN_NAIVE);
    }
    if season > 1 && length < 2 * season {
        out.push(WARN_SHORT_SERIES);
    }
    out
}

/// A forecast for one future period with 80% and 95% prediction intervals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastPoint {
    /// The period in its text form, e.g. `2024-07`.
    pub period: String,
    /// The point forecast.
    pub value: f64,
    /// The lower bound of the 80% interval.
    pub lo80: f64,
    /// The upper bound of the 80% interval.
    pub hi80: f64,
    /// The lower bound of the 95% interval.
    pub lo95: f64,
    /// The upper bound of the 95% interval.
    pub hi95: f64,
}

/// Rolling-origin backtest scores of the chosen model and of seasonal naive.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Backtest {
    /// The chosen model's mean absolute scaled error.
    pub mase: f64,
    /// The chosen model's symmetric mean absolute percentage error (0 to 200).
    pub smape: f64,
    /// Seasonal naive's mean absolute scaled error over the same origins.
    pub seasonal_naive_mase: f64,
    /// Seasonal naive's sMAPE over the same origins.
    pub seasonal_naive_smape: f64,
    /// The number of forecast origins.
    pub origins: usize,
}

/// One candidate model's backtest scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateScore {
    /// The model name.
    pub model: String,
    /// Its mean absolute scaled error.
    pub mase: f64,
    /// Its sMAPE (0 to 200).
    pub smape: f64,
}

#[cfg(test)]
mod warning_tests {
    use super::*;

    fn backtest(mase: f64, naive: f64, origins: usize) -> Backtest {
        Backtest {
            mase,
            smape: 0.0,
            seasonal_naive_mase: naive,
            seasonal_naive_smape: 0.0,
            origins,
        }
    }

    #[test]
    fn a_forecast_says_when_to_trust_it_less() {
        assert_eq!(
            warnings_for(48, 12, &backtest(0.8, 1.0, 6)),
            Vec::<&str>::new()
        );
        assert_eq!(
            warnings_for(48, 12, &backtest(30.75, 1.2, 6)),
            vec![WARN_WORSE_THAN_NAIVE]
        );
        assert_eq!(
            warnings_for(20, 12, &backtest(0.5, 1.0, 2)),
            vec![WARN_SHORT_SERIES]
        );
        // No backtest, no comparison; a non-seasonal series is never "short".
        assert!(warnings_for(30, 1, &backtest(2.0, 1.0, 0)).is_empty());
    }
}
