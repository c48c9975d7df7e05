//! Statistical definitions: periods, age bands, the first-permit rule and small-cell suppression.

use super::*;
use time::macros::date;

#[test]
fn periods_follow_iso_weeks_quarters_and_months() {
    assert_eq!(Interval::Week.period_of(date!(2021 - 01 - 03)), "2020-W53");
    assert_eq!(Interval::Week.period_of(date!(2024 - 12 - 30)), "2025-W01");
    assert_eq!(Interval::Month.period_of(date!(2024 - 02 - 29)), "2024-02");
    assert_eq!(
        Interval::Quarter.period_of(date!(2026 - 09 - 30)),
        "2026-Q3"
    );
    assert_eq!(
        Interval::Quarter.period_of(date!(2026 - 10 - 01)),
        "2026-Q4"
    );
    assert_eq!(Interval::Day.period_of(date!(2026 - 01 - 05)), "2026-01-05");
    assert_eq!(Interval::Year.period_of(date!(2026 - 01 - 05)), "2026");
    assert_eq!(Interval::parse("fortnight"), None);
}

#[test]
fn age_bands_count_completed_years() {
    let on = date!(2026 - 03 - 01);
    assert_eq!(age_band(date!(2011 - 03 - 01), on), Some("15-24"));
    assert_eq!(age_band(date!(2011 - 03 - 02), on), Some("0-14"));
    // Born on a leap day: not yet 15 on 28 February of a common year.
    assert_eq!(
        age_band(date!(2012 - 02 - 29), date!(2027 - 02 - 28)),
        Some("0-14")
    );
    assert_eq!(age_band(date!(1961 - 01 - 01), on), Some("65+"));
    assert_eq!(age_band(date!(2026 - 03 - 02), on), None);
}

#[test]
fn months_clamp_to_the_last_day() {
    assert_eq!(add_months(date!(2024 - 08 - 31), -6), date!(2024 - 02 - 29));
    assert_eq!(add_months(date!(2025 - 01 - 31), 1), date!(2025 - 02 - 28));
    assert_eq!(add_months(date!(2025 - 11 - 15), 3), date!(2026 - 02 - 15));
}

#[test]
fn first_permits_need_three_months_and_six_clear_months() {
    let span = |f: Date, t: Date| PermitSpan { from: f, to: t };
    let p = span(date!(2026 - 03 - 01), date!(2027 - 02 - 28));
    assert!(is_first_permit(p, &[]));
    // Exactly three months (1 Mar – 31 May) counts; one day less does not.
    assert!(is_first_permit(
        span(date!(2026 - 03 - 01), date!(2026 - 05 - 31)),
        &[]
    ));
    assert!(!is_first_permit(
        span(date!(2026 - 03 - 01), date!(2026 - 05 - 30)),
        &[]
    ));
    // A permit that ended within the six months before: a renewal, not a first permit.
    let earlier = span(date!(2025 - 03 - 01), date!(2025 - 09 - 01));
    assert!(!is_first_permit(p, &[earlier]));
    // Ended the day before the window opened: first again.
    let long_ago = span(date!(2024 - 03 - 01), date!(2025 - 08 - 31));
    assert!(is_first_permit(p, &[long_ago]));
    // A later permit does not matter.
    let later = span(date!(2027 - 03 - 01), date!(2028 - 02 - 28));
    assert!(is_first_permit(p, &[later]));
}

#[test]
fn small_cells_are_suppressed_but_zero_is_published() {
    assert_eq!(suppress(0, 5), Some(0));
    assert_eq!(suppress(4, 5), None);
    assert_eq!(suppress(5, 5), Some(5));
    assert_eq!(suppress(1, 0), Some(1));
    assert_eq!(suppress(1, 1), Some(1));
}
