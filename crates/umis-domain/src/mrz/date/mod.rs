//! Calendar dates for the MRZ: validation, `YYYY-MM-DD` output and the century rules for `YYMMDD`.
//!
//! The MRZ keeps only two digits of the year, so the century is inferred from `today`:
//! - **birth dates** take the latest year ending in `YY` that does not put the date after `today`
//!   (an unknown month or day counts as January or the 1st for that comparison), so nobody is
//!   born in the future; a person 100 years or older is therefore read as a century younger;
//! - **expiry dates** take the one year ending in `YY` within `[today.year − 50, today.year + 49]`.

use std::fmt;

use serde::{Serialize, Serializer};

/// A calendar date (proleptic Gregorian); it may hold an impossible date until checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, e.g. 2026.
    pub year: i32,
    /// The month, 1–12.
    pub month: u8,
    /// The day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// The date, if it exists in the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let date = Self { year, month, day };
        date.is_valid().then_some(date)
    }

    /// Whether the month and day exist in that year.
    pub fn is_valid(self) -> bool {
        self.day >= 1 && self.day <= days_in_month(self.year, self.month)
    }
}

impl From<(i32, u8, u8)> for Date {
    fn from((year, month, day): (i32, u8, u8)) -> Self {
        Self { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A date of birth whose day, or month and day, may be unknown (`<<` in the MRZ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// The year.
    pub year: i32,
    /// The month, if known.
    pub month: Option<u8>,
    /// The day, if known (never known without the month).
    pub day: Option<u8>,
}

impl From<Date> for PartialDate {
    fn from(date: Date) -> Self {
        Self {
            year: date.year,
            month: Some(date.month),
            day: Some(date.day),
        }
    }
}

/// Written as `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when the day / month is unknown.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The number of days in `month` of `year`; 0 for a month that does not exist.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn saturate(year: i64) -> i32 {
    i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX })
}

/// The year of a birth date from its two digits: the latest such date not after `today`.
pub(crate) fn birth_year(yy: u8, month: Option<u8>, day: Option<u8>, today: Date) -> i32 {
    let this_year = i64::from(today.year);
    let mut year = this_year - this_year.rem_euclid(100) + i64::from(yy);
    let key = (month.unwrap_or(1), day.unwrap_or(1));
    if year > this_year || (year == this_year && key > (today.month, today.day)) {
        year -= 100;
    }
    saturate(year)
}

/// The year of an expiry date from its two digits: the one within `[today − 50, today + 49]`.
pub(crate) fn expiry_year(yy: u8, today: Date) -> i32 {
    let low = i64::from(today.year) - 50;
    saturate(low + (i64::from(yy) - low).rem_euclid(100))
}

#[cfg(test)]
mod tests;
