//! Dates as queries give them: full, partial, day and month swapped, a year off, or none.

use rand::Rng;
use rand::rngs::StdRng;

use crate::record::PartialDate;

/// A date as a query might give it: full, partial, day↔month swapped, a year off, or none.
pub(super) fn vary_date(d: PartialDate, rng: &mut StdRng) -> (Option<PartialDate>, &'static str) {
    let r = rng.random::<f64>();
    let full = d.month.is_some() && d.day.is_some();
    match r {
        _ if r < 0.05 => (None, "date:none"),
        _ if r < 0.13 && d.month.is_some() => {
            (Some(PartialDate { day: None, ..d }), "date:year-month")
        }
        _ if r < 0.22 => (
            Some(PartialDate {
                month: None,
                day: None,
                ..d
            }),
            "date:year",
        ),
        _ if r < 0.28 && full => match (d.month, d.day) {
            (Some(m), Some(day)) if day <= 12 && day != m => (
                Some(PartialDate {
                    month: Some(day),
                    day: Some(m),
                    ..d
                }),
                "date:day-month-swapped",
            ),
            _ => (Some(d), "date:full"),
        },
        _ if r < 0.34 && full && d.month != Some(2) => {
            let year = if rng.random_bool(0.5) {
                d.year + 1
            } else {
                d.year - 1
            };
            (Some(PartialDate { year, ..d }), "date:year-off-by-one")
        }
        _ => (Some(d), if full { "date:full" } else { "date:partial" }),
    }
}
