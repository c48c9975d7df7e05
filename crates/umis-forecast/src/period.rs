//! Periods of a time series (days, ISO weeks, months, quarters), their order and their text forms.

use std::fmt;

use serde::Serialize;

use crate::error::SeriesError;

/// How often a series has a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    /// One value per calendar day.
    Daily,
    /// One value per ISO week.
    Weekly,
    /// One value per calendar month.
    Monthly,
    /// One value per calendar quarter.
    Quarterly,
}

impl Frequency {
    /// The usual season length: 7 days, 52 weeks, 12 months or 4 quarters.
    pub fn default_season(self) -> usize {
        match self {
            Self::Daily => 7,
            Self::Weekly => 52,
            Self::Monthly => 12,
            Self::Quarterly => 4,
        }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Daily => "daily",
            Self::Weekly => "weekly",
            Self::Monthly => "monthly",
            Self::Quarterly => "quarterly",
        })
    }
}

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

const FORMS: &str = "expected YYYY-MM, YYYY-Qn, YYYY-Www or YYYY-MM-DD";

impl Period {
    /// Parses `2019-07` (month), `2019-Q3` (quarter), `2019-W07` (ISO week) or `2019-07-01` (day).
    pub fn parse(text: &str) -> Result<Period, SeriesError> {
        let text = text.trim();
        let bad = |reason: &str| SeriesError::BadPeriod {
            row: None,
            text: text.to_owned(),
            reason: reason.to_owned(),
        };
        let bytes = text.as_bytes();
        if !text.is_ascii() || bytes.len() < 7 || bytes[4] != b'-' {
            return Err(bad(FORMS));
        }
        let year = digits(&text[..4]).ok_or_else(|| bad(FORMS))?;
        let year = i32::try_from(year).map_err(|_| bad(FORMS))?;
        if year == 0 {
            return Err(bad("the year must be between 0001 and 9999"));
        }
        let rest = &text[5..];
        match rest.as_bytes() {
            [b'Q' | b'q', q] if q.is_ascii_digit() => {
                let q = q - b'0';
                if !(1..=4).contains(&q) {
                    return Err(bad("the quarter must be 1 to 4"));
                }
                Ok(Period::quarterly(year, q))
            }
            [b'W' | b'w', ..] if rest.len() == 3 => {
                let week = digits(&rest[1..]).ok_or_else(|| bad(FORMS))?;
                Period::weekly(year, u8::try_from(week).unwrap_or(u8::MAX))
                    .map_err(|_| bad(&week_reason(year)))
            }
            [_, _] => {
                let month = month(rest).ok_or_else(|| bad("the month must be 01 to 12"))?;
                Ok(Period::monthly(year, month))
            }
            [_, _, b'-', _, _] => {
                let month = month(&rest[..2]).ok_or_else(|| bad("the month must be 01 to 12"))?;
                let day = digits(&rest[3..]).ok_or_else(|| bad(FORMS))?;
                let max = days_in_month(i64::from(year), i64::from(month));
                if day == 0 || i64::from(day) > max {
                    return Err(bad(&format!(
                        "the day must be 01 to {max} in {year:04}-{month:02}"
                    )));
                }
                Period::daily(year, month, u8::try_from(day).unwrap_or(u8::MAX))
            }
            _ => Err(bad(FORMS)),
        }
    }

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

fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn month(text: &str) -> Option<u8> {
    let m = digits(text)?;
    (text.len() == 2 && (1..=12).contains(&m)).then(|| u8::try_from(m).ok())?
}

fn week_reason(year: i32) -> String {
    if (1..=9999).contains(&year) {
        let weeks = weeks_in_year(i64::from(year));
        format!("the week must be 01 to {weeks}, as {year:04} has {weeks} ISO weeks")
    } else {
        "the year must be between 0001 and 9999".to_owned()
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The Monday of ISO week 1, which is the week holding January 4th.
fn week_one_monday(year: i64) -> i64 {
    let jan4 = days_from_civil(year, 1, 4);
    // 1970-01-01 was a Thursday, so Monday is weekday 0 with this shift.
    jan4 - (jan4 + 3).rem_euclid(7)
}

fn weeks_in_year(year: i64) -> i64 {
    (week_one_monday(year + 1) - week_one_monday(year)) / 7
}
