//! The checks and normalisation of a series' periods: month starts read as months or quarters,
//! then one frequency, strict order and no gaps.

use std::collections::BTreeSet;

use crate::error::SeriesError;
use crate::period::Period;

/// Reads dates that are all the first of a month as months, or quarters when they step by three
/// months from January, April, July or October.
pub(super) fn promote_month_starts(periods: Vec<Period>) -> Vec<Period> {
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
pub(super) fn check_periods(periods: &[Period]) -> Result<(), SeriesError> {
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
