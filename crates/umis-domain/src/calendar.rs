//! Working days on the Azerbaijani calendar: weekends and public holidays. The holiday list is
//! data (fixed-date holidays here; movable ones are added by whoever keeps the calendar).

use time::{Date, Duration, Month, Weekday};

/// A calendar of non-working days besides Saturdays and Sundays.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    /// Public holidays, any order.
    pub holidays: Vec<Date>,
}

/// The fixed-date public holidays of Azerbaijan, as (month, day): New Year (1–2 January),
/// Women's Day (8 March), Novruz (20–24 March), Victory Day (9 May), Independence Day
/// (28 May), National Salvation Day (15 June), Armed Forces Day (26 June), Victory Day
/// (8 November), State Flag Day (9 November) and Solidarity Day (31 December).
/// Each with a stable key and its English name.
pub const AZ_FIXED_HOLIDAYS: [(Month, u8, &str, &str); 15] = [
    (Month::January, 1, "new-year", "New Year"),
    (Month::January, 2, "new-year", "New Year"),
    (Month::March, 8, "womens-day", "International Women's Day"),
    (Month::March, 20, "novruz", "Novruz"),
    (Month::March, 21, "novruz", "Novruz"),
    (Month::March, 22, "novruz", "Novruz"),
    (Month::March, 23, "novruz", "Novruz"),
    (Month::March, 24, "novruz", "Novruz"),
    (
        Month::May,
        9,
        "victory-over-fascism",
        "Victory over Fascism Day",
    ),
    (Month::May, 28, "independence-day", "Independence Day"),
    (
        Month::June,
        15,
        "national-salvation-day",
        "National Salvation Day",
    ),
    (Month::June, 26, "armed-forces-day", "Armed Forces Day"),
    (Month::November, 8, "victory-day", "Victory Day"),
    (Month::November, 9, "state-flag-day", "State Flag Day"),
    (
        Month::December,
        31,
        "solidarity-day",
        "Day of Solidarity of World Azerbaijanis",
    ),
];

/// The stable key and English name of the fixed-date holiday on `month`/`day` (e.g.
/// `("novruz", "Novruz")`), if there is one.
pub fn fixed_holiday(month: Month, day: u8) -> Option<(&'static str, &'static str)> {
    AZ_FIXED_HOLIDAYS
        .iter()
        .find(|(m, d, _, _)| *m == month && *d == day)
        .map(|(_, _, key, name)| (*key, *name))
}

impl WorkCalendar {
    /// The fixed-date Azerbaijani holidays of the years `from..=to`.
    pub fn azerbaijan(from: i32, to: i32) -> WorkCalendar {
        let holidays = (from..=to)
            .flat_map(|y| {
                AZ_FIXED_HOLIDAYS
                    .iter()
                    .filter_map(move |(m, d, _, _)| Date::from_calendar_date(y, *m, *d).ok())
            })
            .collect();
        WorkCalendar { holidays }
    }

    /// Whether `d` is a working day.
    pub fn is_working_day(&self, d: Date) -> bool {
        !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) && !self.holidays.contains(&d)
    }

    /// The day `n` working days after `from` (`from` itself not counted).
    pub fn add_working_days(&self, from: Date, n: u32) -> Date {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = d.checked_add(Duration::days(1)).unwrap_or(Date::MAX);
            if d == Date::MAX {
                break;
            }
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_holidays_have_names() {
        assert_eq!(fixed_holiday(Month::March, 21), Some(("novruz", "Novruz")));
        assert_eq!(fixed_holiday(Month::March, 25), None);
        assert!(
            AZ_FIXED_HOLIDAYS
                .iter()
                .all(|h| !h.2.is_empty() && !h.3.is_empty())
        );
    }

    fn d(y: i32, m: Month, day: u8) -> Date {
        Date::from_calendar_date(y, m, day).unwrap_or(Date::MIN)
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        let cal = WorkCalendar::azerbaijan(2025, 2027);
        // Wednesday 2 December 2026 + 5 working days = Wednesday 9 December.
        assert_eq!(
            cal.add_working_days(d(2026, Month::December, 2), 5),
            d(2026, Month::December, 9)
        );
        // Friday 6 November 2026: Monday 9 November is State Flag Day, so 5 working days end
        // on Monday 16 November (Sunday 8 November is a holiday and a weekend day at once).
        assert_eq!(
            cal.add_working_days(d(2026, Month::November, 6), 5),
            d(2026, Month::November, 16)
        );
        // Across Novruz and the New Year.
        assert_eq!(
            cal.add_working_days(d(2027, Month::March, 19), 1),
            d(2027, Month::March, 25)
        );
        assert_eq!(
            cal.add_working_days(d(2026, Month::December, 30), 1),
            d(2027, Month::January, 4)
        );
        assert!(!cal.is_working_day(d(2026, Month::May, 28)));
        assert_eq!(
            cal.add_working_days(d(2026, Month::May, 27), 0),
            d(2026, Month::May, 27)
        );
    }
}
