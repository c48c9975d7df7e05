//! A validated, gap-free series of values, and its tiny `period,value` CSV form.

use std::collections::BTreeSet;

use crate::error::SeriesError;
use crate::period::{Frequency, Period};

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

    /// Parses CSV text with the header `period,value` and one `period,value` row per line.
    ///
    /// Spaces around fields, `\r\n` line ends, blank lines and a leading UTF-8 byte order mark
    /// are accepted.
    pub fn parse_csv(text: &str) -> Result<Series, SeriesError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text.lines().filter(|line| !line.trim().is_empty());
        let Some(header) = lines.next() else {
            return Err(SeriesError::Empty);
        };
        let fields: Vec<&str> = header.split(',').map(str::trim).collect();
        if fields != ["period", "value"] {
            return Err(SeriesError::BadHeader {
                found: header.trim().to_owned(),
            });
        }
        let mut periods = Vec::new();
        let mut values = Vec::new();
        for (i, line) in lines.enumerate() {
            let row = i + 1;
            let (period_text, value_text) = line.split_once(',').unwrap_or((line, ""));
            let period = Period::parse(period_text).map_err(|e| match e {
                SeriesError::BadPeriod { text, reason, .. } => SeriesError::BadPeriod {
                    row: Some(row),
                    text,
                    reason,
                },
                other => other,
            })?;
            let value_text = value_text.trim();
            let value = value_text
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| SeriesError::NotNumeric {
                    row,
                    text: value_text.to_owned(),
                    reason: "is not a finite number",
                })?;
            periods.push(period);
            values.push(value);
        }
        Series::new(periods, values)
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

/// Reads dates that are all the first of a month as months, or quarters when they step by three
/// months from January, April, July or October.
fn promote_month_starts(periods: Vec<Period>) -> Vec<Period> {
    if periods.len() < 2 {
        return periods;
    }
    let mut months = Vec::with_capacity(periods.len());
    for period in &periods {
        match period.date() {
            Some((y, m, 1)) => months.push((y, m)),
            _ => return periods,
        }
    }
    let month_index = |(y, m): (i64, i64)| y * 12 + m - 1;
    let quarterly = months.iter().all(|&(_, m)| m % 3 == 1)
        && months
            .windows(2)
            .all(|w| month_index(w[1]) - month_index(w[0]) == 3);
    months
        .into_iter()
        .map(|(y, m)| {
            let year = i32::try_from(y).unwrap_or(i32::MAX);
            let month = u8::try_from(m).unwrap_or(1);
            if quarterly {
                Period::quarterly(year, month.div_ceil(3))
            } else {
                Period::monthly(year, month)
            }
        })
        .collect()
}

/// Checks one frequency, then strict order without repeats, then no gaps, so that the message
/// names the most fundamental problem.
fn check_periods(periods: &[Period]) -> Result<(), SeriesError> {
    let Some(first) = periods.first() else {
        return Err(SeriesError::Empty);
    };
    if let Some(i) = periods
        .iter()
        .position(|p| p.frequency() != first.frequency())
    {
        return Err(SeriesError::MixedFrequency {
            row: i + 1,
            period: periods[i].to_string(),
            found: periods[i].frequency(),
            expected: first.frequency(),
        });
    }
    let mut seen = BTreeSet::new();
    for (i, pair) in periods.windows(2).enumerate() {
        let (previous, period) = (pair[0], pair[1]);
        seen.insert(previous);
        let row = i + 2;
        if seen.contains(&period) {
            return Err(SeriesError::DuplicatePeriod {
                row,
                period: period.to_string(),
            });
        }
        if period < previous {
            return Err(SeriesError::OutOfOrder {
                row,
                period: period.to_string(),
                previous: previous.to_string(),
            });
        }
    }
    for (i, pair) in periods.windows(2).enumerate() {
        let (previous, period) = (pair[0], pair[1]);
        let steps = period.steps_since(&previous);
        if steps > 1 {
            return Err(SeriesError::Gap {
                row: i + 2,
                period: period.to_string(),
                previous: previous.to_string(),
                missing: steps - 1,
                first_missing: previous.next().to_string(),
                last_missing: period.offset(-1).to_string(),
            });
        }
    }
    Ok(())
}
