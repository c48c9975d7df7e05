//! The checks of a forecast request: values, season length and horizon against the series.

use super::{MAX_HORIZON, MIN_NON_SEASONAL};
use crate::error::SeriesError;
use crate::series::Series;

/// A horizon may cover at most this many seasons.
const MAX_HORIZON_SEASONS: usize = 3;
/// The largest value magnitude accepted, far above any count and far below overflow.
const MAX_MAGNITUDE: f64 = 1e12;

/// Picks the season length per the rules: an explicit season must fit the series, a default one
/// quietly falls back to non-seasonal when the series is too short for it.
/// Refuses a horizon past three seasons: the season used, or for a non-seasonal forecast the
/// usual season of the series' frequency (at least one period).
pub(super) fn check_horizon(
    series: &Series,
    season: usize,
    horizon: usize,
) -> Result<(), SeriesError> {
    let counted = if season >= 2 {
        season
    } else {
        series.frequency.default_season().max(1)
    };
    let maximum = counted.saturating_mul(MAX_HORIZON_SEASONS).min(MAX_HORIZON);
    if horizon > maximum {
        return Err(SeriesError::HorizonTooLong {
            horizon,
            season: counted,
            maximum,
        });
    }
    Ok(())
}

pub(crate) fn resolve_season(
    series: &Series,
    horizon: usize,
    season: Option<usize>,
) -> Result<usize, SeriesError> {
    let n = series.len();
    let too_short_plain = || SeriesError::TooShort {
        length: n,
        minimum: MIN_NON_SEASONAL,
        reason: "for a non-seasonal forecast".to_owned(),
    };
    let seasonal_minimum = |s: usize| s.saturating_mul(2).saturating_add(horizon);
    match season {
        Some(s) if s == 0 || (s >= 2 && s > n / 2) => Err(SeriesError::BadSeason {
            season: s,
            max: n / 2,
        }),
        Some(1) => (n >= MIN_NON_SEASONAL)
            .then_some(1)
            .ok_or_else(too_short_plain),
        Some(s) if n < seasonal_minimum(s) => Err(SeriesError::TooShort {
            length: n,
            minimum: seasonal_minimum(s),
            reason: format!(
                "for a seasonal forecast with season {s} and horizon {horizon} (two seasons plus the horizon)"
            ),
        }),
        Some(s) => Ok(s),
        None => {
            let s = series.frequency.default_season();
            if n >= seasonal_minimum(s) {
                Ok(s)
            } else if n >= MIN_NON_SEASONAL {
                Ok(1)
            } else {
                Err(too_short_plain())
            }
        }
    }
}

pub(super) fn check_values(series: &Series, non_negative: bool) -> Result<(), SeriesError> {
    let n = series.values.len();
    if n == 0 {
        return Err(SeriesError::Empty);
    }
    if series.periods.len() != n {
        return Err(SeriesError::LengthMismatch {
            periods: series.periods.len(),
            values: n,
        });
    }
    for (i, (&value, period)) in series.values.iter().zip(&series.periods).enumerate() {
        let reason = if !value.is_finite() {
            Some("is not a finite number")
        } else if value.abs() > MAX_MAGNITUDE {
            Some("is too large to forecast (the limit is 1e12 in magnitude)")
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(SeriesError::NotNumeric {
                row: i + 1,
                text: value.to_string(),
                reason,
            });
        }
        if non_negative && value < 0.0 {
            return Err(SeriesError::Negative {
                row: i + 1,
                period: period.to_string(),
                value,
            });
        }
    }
    Ok(())
}
