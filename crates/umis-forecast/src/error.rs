//! The one error type of this crate: why a series or a forecast request was rejected.

use crate::period::Frequency;

/// Why a series, a period or a forecast request was rejected.
///
/// `row` is the 1-based data row: the position of the value in the series, which in CSV input is
/// the n-th non-blank line after the header.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SeriesError {
    /// The input holds no data rows.
    #[error("the series is empty: there are no data rows")]
    Empty,
    /// The CSV header is not exactly `period,value`.
    #[error("the first line must be the header `period,value`, but it is {found:?}")]
    BadHeader {
        /// The header line as found.
        found: String,
    },
    /// A period's text is not one of the accepted forms or names a date that does not exist.
    #[error("{}{text:?} is not a valid period: {reason}", row_prefix(.row))]
    BadPeriod {
        /// The data row, when the period came from a series.
        row: Option<usize>,
        /// The text as given.
        text: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A value is not a finite number, or too large to forecast.
    #[error("row {row}: value {text:?} {reason}")]
    NotNumeric {
        /// The data row.
        row: usize,
        /// The value's text as given.
        text: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A value is negative although non-negative forecasts were requested.
    #[error(
        "row {row}: period {period} has the negative value {value}, but non-negative values were requested"
    )]
    Negative {
        /// The data row.
        row: usize,
        /// The period of the value.
        period: String,
        /// The negative value.
        value: f64,
    },
    /// A period comes before the one in the row above it.
    #[error("row {row}: period {period} comes after {previous}: periods must increase row by row")]
    OutOfOrder {
        /// The data row.
        row: usize,
        /// The period out of order.
        period: String,
        /// The period in the row above.
        previous: String,
    },
    /// Periods are missing between two consecutive rows.
    #[error("row {row}: period {period} follows {previous}: {}", gap_detail(*.missing, .first_missing, .last_missing))]
    Gap {
        /// The data row after the gap.
        row: usize,
        /// The period after the gap.
        period: String,
        /// The period before the gap.
        previous: String,
        /// How many periods are missing.
        missing: i64,
        /// The first missing period.
        first_missing: String,
        /// The last missing period.
        last_missing: String,
    },
    /// A period has a different frequency than the first one.
    #[error("row {row}: period {period} is {found}, but the series is {expected}")]
    MixedFrequency {
        /// The data row.
        row: usize,
        /// The period with the other frequency.
        period: String,
        /// Its frequency.
        found: Frequency,
        /// The frequency of the first period.
        expected: Frequency,
    },
    /// The same period appears twice.
    #[error("row {row}: period {period} appears more than once")]
    DuplicatePeriod {
        /// The data row of the second occurrence.
        row: usize,
        /// The repeated period.
        period: String,
    },
    /// The series has too few values for the request.
    #[error("the series has {length} values, but at least {minimum} are needed {reason}")]
    TooShort {
        /// The number of values.
        length: usize,
        /// The minimum number of values.
        minimum: usize,
        /// What the minimum is needed for.
        reason: String,
    },
    /// The horizon is outside 1 to 120.
    #[error("the horizon must be between 1 and 120 periods, but it is {horizon}")]
    BadHorizon {
        /// The requested horizon.
        horizon: usize,
    },
    /// The season length is 0 or longer than half the series.
    #[error(
        "the season must be 1 (non-seasonal) or between 2 and half the series length ({max}), but it is {season}"
    )]
    BadSeason {
        /// The requested season length.
        season: usize,
        /// The largest season the series allows.
        max: usize,
    },
    /// The series has more values than a forecast accepts.
    #[error("the series has {length} values, but a forecast accepts at most {maximum}")]
    TooLong {
        /// The number of values.
        length: usize,
        /// The most values accepted.
        maximum: usize,
    },
    /// The horizon is longer than three seasons of the series.
    #[error(
        "the horizon may be at most three seasons ({maximum} periods with season {season}), but it is {horizon}"
    )]
    HorizonTooLong {
        /// The requested horizon.
        horizon: usize,
        /// The season the limit is counted in.
        season: usize,
        /// The longest horizon allowed.
        maximum: usize,
    },
    /// The forecast ran out of its time budget or was cancelled by its caller.
    #[error("the forecast did not finish within its time budget ({seconds} s)")]
    OutOfTime {
        /// The budget in seconds.
        seconds: u64,
    },
    /// A series was built from different numbers of periods and values.
    #[error("the series has {periods} periods but {values} values")]
    LengthMismatch {
        /// The number of periods.
        periods: usize,
        /// The number of values.
        values: usize,
    },
}

impl SeriesError {
    /// The stable machine-readable code of this error, e.g. `"gap"`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::BadHeader { .. } => "bad_header",
            Self::BadPeriod { .. } => "bad_period",
            Self::NotNumeric { .. } => "not_numeric",
            Self::Negative { .. } => "negative",
            Self::OutOfOrder { .. } => "out_of_order",
            Self::Gap { .. } => "gap",
            Self::MixedFrequency { .. } => "mixed_frequency",
            Self::DuplicatePeriod { .. } => "duplicate_period",
            Self::TooShort { .. } => "too_short",
            Self::BadHorizon { .. } => "bad_horizon",
            Self::BadSeason { .. } => "bad_season",
            Self::LengthMismatch { .. } => "length_mismatch",
            Self::TooLong { .. } => "series_too_long",
            Self::HorizonTooLong { .. } => "horizon_too_long",
            Self::OutOfTime { .. } => "out_of_time",
        }
    }

    /// The 1-based data row the error is about, if it is about one row.
    pub fn row(&self) -> Option<usize> {
        match self {
            Self::BadPeriod { row, .. } => *row,
            Self::NotNumeric { row, .. }
            | Self::Negative { row, .. }
            | Self::OutOfOrder { row, .. }
            | Self::Gap { row, .. }
            | Self::MixedFrequency { row, .. }
            | Self::DuplicatePeriod { row, .. } => Some(*row),
            _ => None,
        }
    }
}

fn row_prefix(row: &Option<usize>) -> String {
    row.map(|r| format!("row {r}: ")).unwrap_or_default()
}

fn gap_detail(missing: i64, first: &str, last: &str) -> String {
    if missing == 1 {
        format!("a gap of 1 period ({first} is missing)")
    } else {
        format!("a gap of {missing} periods ({first} to {last} are missing)")
    }
}
