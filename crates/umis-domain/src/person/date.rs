//! Partial dates of birth: a year, a year and month, or a full date, as known.

use std::fmt;
use std::str::FromStr;

/// A date of birth that may be known only to the year or to the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    /// Year.
    pub year: i32,
    /// Month, if known.
    pub month: Option<u8>,
    /// Day, if known (only with a month).
    pub day: Option<u8>,
}

/// Why a date was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("date must be YYYY, YYYY-MM or YYYY-MM-DD and exist in the calendar")]
pub struct DateError;

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl PartialDate {
    /// A full date, checked against the calendar.
    pub fn ymd(year: i32, month: u8, day: u8) -> Result<PartialDate, DateError> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError);
        }
        Ok(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// Whether any possible day of this date lies after `today` (a full date).
    pub fn is_after(&self, today: PartialDate) -> bool {
        let earliest = (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1));
        let t = (
            today.year,
            today.month.unwrap_or(12),
            today.day.unwrap_or(31),
        );
        earliest > t
    }
}

impl FromStr for PartialDate {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, DateError> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| DateError)
            } else {
                Err(DateError)
            }
        };
        let year =
            i32::try_from(num(parts.first().copied().unwrap_or(""), 4)?).map_err(|_| DateError)?;
        if !(1800..=9999).contains(&year) {
            return Err(DateError);
        }
        match parts.len() {
            1 => Ok(PartialDate {
                year,
                month: None,
                day: None,
            }),
            2 => {
                let month = u8::try_from(num(parts[1], 2)?).map_err(|_| DateError)?;
                if !(1..=12).contains(&month) {
                    return Err(DateError);
                }
                Ok(PartialDate {
                    year,
                    month: Some(month),
                    day: None,
                })
            }
            3 => {
                let month = u8::try_from(num(parts[1], 2)?).map_err(|_| DateError)?;
                let day = u8::try_from(num(parts[2], 2)?).map_err(|_| DateError)?;
                PartialDate::ymd(year, month, day)
            }
            _ => Err(DateError),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => write!(f, "{:04}-{m:02}", self.year),
            _ => write!(f, "{:04}", self.year),
        }
    }
}
