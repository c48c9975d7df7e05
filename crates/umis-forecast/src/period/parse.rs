//! Reading a period from its text form, with messages naming what is wrong.

use super::Period;
use super::calendar::{days_in_month, weeks_in_year};
use crate::error::SeriesError;

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

pub(super) fn week_reason(year: i32) -> String {
    if (1..=9999).contains(&year) {
        let weeks = weeks_in_year(i64::from(year));
        format!("the week must be 01 to {weeks}, as {year:04} has {weeks} ISO weeks")
    } else {
        "the year must be between 0001 and 9999".to_owned()
    }
}
