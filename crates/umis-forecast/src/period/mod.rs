//! Periods of a time series (days, ISO weeks, months, quarters), their order and their text forms.

mod calendar;
mod frequency;
mod parse;

pub use frequency::Frequency;

use std::fmt;

use crate::error::SeriesError;
use calendar::{civil_from_days, days_from_civil, days_in_month, week_one_monday, weeks_in_year};
use parse::week_reason;

/// One period of a series: a day, an ISO week, a month or a quarter.
///
/// Periods of one frequency are ordered in time; the text form (`2019-07-01`, `2019-W07`,
/// `2019-07`, `2019-Q3`) round-trips through [`Period::parse`] for years 1 to 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    frequency: Frequency,
    /// Days since 1970-01-01, weeks since the week of 1970-01-05, or months or quarters since
    /// year 0, so that consecutive periods differ by one.
    index: i64,
}

impl Period {
    /// The month `month` (1 to 12) of `year`; months past 12 roll into the following years.
    pub fn monthly(year: i32, month: u8) -> Period {
        Period {
            frequency: Frequency::Monthly,
            index: i64::from(year) * 12 + i64::from(month) - 1,
        }
    }

    /// The quarter `q` (1 to 4) of `year`; quarters past 4 roll into the following years.
    pub fn quarterly(year: i32, q: u8) -> Period {
        Period {
            frequency: Frequency::Quarterly,
            index: i64::from(year) * 4 + i64::from(q) - 1,
        }
    }

    /// The calendar day `year-month-day`, rejecting dates that do not exist.
    pub fn daily(year: i32, month: u8, day: u8) -> Result<Period, SeriesError> {
        let (y, m, d) = (i64::from(year), i64::from(month), i64::from(day));
        if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
            return Err(SeriesError::BadPeriod {
                row: None,
                text: format!("{year:04}-{month:02}-{day:02}"),
                reason: "no such calendar day".to_owned(),
            });
        }
        Ok(Period {
            frequency: Frequency::Daily,
            index: days_from_civil(y, m, d),
        })
    }

    /// The ISO 8601 week `week` of the ISO week-numbering year `year`, rejecting week 53 in
    /// years that have only 52 weeks.
    pub fn weekly(year: i32, week: u8) -> Result<Period, SeriesError> {
        let y = i64::from(year);
        let w = i64::from(week);
        if !(1..=9999).contains(&y) || w < 1 || w > weeks_in_year(y) {
            return Err(SeriesError::BadPeriod {
                row: None,
                text: format!("{year:04}-W{week:02}"),
                reason: week_reason(year),
            });
        }
        let monday = week_one_monday(y) + (w - 1) * 7;
        Ok(Period {
            frequency: Frequency::Weekly,
            index: (monday - 4).div_euclid(7),
        })
    }

    /// How often a series with this period has a value.
    pub fn frequency(&self) -> Frequency {
        self.frequency
    }

    /// The following period of the same frequency.
    pub fn next(&self) -> Period {
        self.offset(1)
    }

    /// The period `steps` periods later (or earlier, when negative).
    pub(crate) fn offset(&self, steps: i64) -> Period {
        Period {
            frequency: self.frequency,
            index: self.index.saturating_add(steps),
        }
    }

    /// How many periods `self` lies after `earlier` (negative when before it).
    pub(crate) fn steps_since(&self, earlier: &Period) -> i64 {
        self.index.saturating_sub(earlier.index)
    }

    /// The calendar date of a daily period.
    pub(crate) fn date(&self) -> Option<(i64, i64, i64)> {
        (self.frequency == Frequency::Daily).then(|| civil_from_days(self.index))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.frequency {
            Frequency::Monthly => {
                let (y, m) = (self.index.div_euclid(12), self.index.rem_euclid(12) + 1);
                write!(f, "{y:04}-{m:02}")
            }
            Frequency::Quarterly => {
                let (y, q) = (self.index.div_euclid(4), self.index.rem_euclid(4) + 1);
                write!(f, "{y:04}-Q{q}")
            }
            Frequency::Daily => {
                let (y, m, d) = civil_from_days(self.index);
                write!(f, "{y:04}-{m:02}-{d:02}")
            }
            Frequency::Weekly => {
                let monday = self.index * 7 + 4;
                // The ISO year of a week is the calendar year of its Thursday.
                let (y, _, _) = civil_from_days(monday + 3);
                let w = (monday - week_one_monday(y)) / 7 + 1;
                write!(f, "{y:04}-W{w:02}")
            }
        }
    }
}
