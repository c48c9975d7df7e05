//! Statistical definitions (domain reference §8): periods of a flow, age bands of a stock, the
//! first-permit rule and the suppression of small cells in published tables.

use time::{Date, Month};

/// The length of one period of a flow statistic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    /// Calendar days (`2026-03-14`).
    Day,
    /// ISO weeks (`2026-W11`).
    Week,
    /// Calendar months (`2026-03`).
    Month,
    /// Calendar quarters (`2026-Q1`).
    Quarter,
    /// Calendar years (`2026`).
    Year,
}

impl Interval {
    /// The interval named `s` (`day`, `week`, `month`, `quarter`, `year`).
    pub fn parse(s: &str) -> Option<Interval> {
        Some(match s {
            "day" => Interval::Day,
            "week" => Interval::Week,
            "month" => Interval::Month,
            "quarter" => Interval::Quarter,
            "year" => Interval::Year,
            _ => return None,
        })
    }

    /// The period containing `day`, in the form its forecasts and CSV files use.
    pub fn period_of(self, day: Date) -> String {
        match self {
            Interval::Day => day.to_string(),
            Interval::Week => {
                let (y, w, _) = day.to_iso_week_date();
                format!("{y}-W{w:02}")
            }
            Interval::Month => format!("{}-{:02}", day.year(), day.month() as u8),
            Interval::Quarter => format!("{}-Q{}", day.year(), (day.month() as u8 - 1) / 3 + 1),
            Interval::Year => day.year().to_string(),
        }
    }
}

/// Age bands of the stock statistic (completed years on the date).
pub const AGE_BANDS: [&str; 7] = ["0-14", "15-24", "25-34", "35-44", "45-54", "55-64", "65+"];

/// The age band of a person born on `birth` on `on`; `None` if born after it.
pub fn age_band(birth: Date, on: Date) -> Option<&'static str> {
    let mut age = on.year() - birth.year();
    if (on.month() as u8, on.day()) < (birth.month() as u8, birth.day()) {
        age -= 1;
    }
    if age < 0 {
        return None;
    }
    let band = match age {
        0..=14 => 0,
        15..=24 => 1,
        25..=34 => 2,
        35..=44 => 3,
        45..=54 => 4,
        55..=64 => 5,
        _ => 6,
    };
    Some(AGE_BANDS[band])
}

/// `date` moved by `months` calendar months, clamped to the month's last day.
pub fn add_months(date: Date, months: i32) -> Date {
    let total = date.year() * 12 + (date.month() as i32 - 1) + months;
    let (year, month0) = (total.div_euclid(12), total.rem_euclid(12));
    let month = Month::try_from(month0 as u8 + 1).unwrap_or(Month::January);
    let last = month.length(year);
    Date::from_calendar_date(year, month, date.day().min(last)).unwrap_or(date)
}

/// One permit of a person: first and last day of validity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PermitSpan {
    /// First day of validity.
    pub from: Date,
    /// Last day of validity.
    pub to: Date,
}

/// Whether `permit` is a first permit (domain reference §8): valid for at least three months,
/// and the person held no permit valid on any day of the six months before it starts.
/// `others` are the person's other permits.
pub fn is_first_permit(permit: PermitSpan, others: &[PermitSpan]) -> bool {
    if permit.to < add_months(permit.from, 3) - time::Duration::days(1) {
        return false;
    }
    let window_start = add_months(permit.from, -6);
    !others
        .iter()
        .any(|o| o.from < permit.from && o.to >= window_start)
}

/// A published cell: the count, or `None` when it is below `threshold` (and not zero), so that
/// small groups of persons cannot be singled out. A threshold of 0 or 1 publishes everything.
pub fn suppress(count: i64, threshold: i64) -> Option<i64> {
    if count > 0 && count < threshold {
        None
    } else {
        Some(count)
    }
}

#[cfg(test)]
mod tests;
