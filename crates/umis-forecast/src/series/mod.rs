//! A validated, gap-free series of values, and its tiny `period,value` CSV form.

mod checks;
mod csv;

use crate::error::SeriesError;
use crate::period::{Frequency, Period};
use checks::{check_periods, promote_month_starts};

/// A series of values, one per consecutive period of one frequency.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// How often the series has a value.
    pub frequency: Frequency,
    /// The periods, in order and without gaps.
    pub periods: Vec<Period>,
    /// The values, one per period.
    pub values: Vec<f64>,
}

impl Series {
    /// Builds a series, checking that periods share one frequency, increase without gaps and
    /// that values are finite.
    ///
    /// Daily periods that are all the first of a month are read as months (or as quarters when
    /// they step by three months from a quarter's first month), so `2019-07-01, 2019-08-01` is a
    /// monthly series.
    pub fn new(periods: Vec<Period>, values: Vec<f64>) -> Result<Series, SeriesError> {
        if periods.len() != values.len() {
            return Err(SeriesError::LengthMismatch {
                periods: periods.len(),
                values: values.len(),
            });
        }
        let Some(first) = periods.first() else {
            return Err(SeriesError::Empty);
        };
        if let Some(i) = values.iter().position(|v| !v.is_finite()) {
            return Err(SeriesError::NotNumeric {
                row: i + 1,
                text: values[i].to_string(),
                reason: "is not a finite number",
            });
        }
        let frequency = first.frequency();
        let periods = promote_month_starts(periods);
        check_periods(&periods)?;
        let frequency = periods.first().map_or(frequency, Period::frequency);
        Ok(Series {
            frequency,
            periods,
            values,
        })
    }

    /// A series of consecutive periods from `start` (of `start`'s frequency, usually a month)
    /// holding `values` as given.
    pub fn from_monthly(start: Period, values: Vec<f64>) -> Series {
        let periods = (0..values.len())
            .map(|i| start.offset(i64::try_from(i).unwrap_or(i64::MAX)))
            .collect();
        Series {
            frequency: start.frequency(),
            periods,
            values,
        }
    }

    /// The number of values.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the series has no values.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}
