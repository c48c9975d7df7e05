//! Forecasting and anomaly detection for migration statistics (monthly arrivals, applications…).
//!
//! Forecasts pick, per series, the best of seasonal naive, naive, AutoETS and MSTL with an
//! AutoETS trend in a rolling-origin backtest on the series' own history. Pure computation: no
//! I/O, no clock, deterministic output.

mod anomaly;
mod backtest;
mod budget;
mod error;
mod forecast;
mod model;
mod period;
mod series;
mod suite;

pub use anomaly::{Anomaly, Direction, detect_anomalies};
pub use budget::Budget;
pub use error::SeriesError;
pub use forecast::{
    Backtest, CandidateScore, Forecast, ForecastOptions, ForecastPoint, MAX_HORIZON, MAX_POINTS,
    MIN_NON_SEASONAL, WARN_SHORT_SERIES, WARN_WORSE_THAN_NAIVE, forecast, forecast_within,
    warnings_for,
};
pub use period::{Frequency, Period};
pub use series::Series;
pub use suite::{SuiteRow, evaluate, run_suite, synthetic_suite};
