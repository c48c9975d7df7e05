//! MRZ dates: the calendar, partial dates as printed, and the century rules for birth and expiry.

use super::*;

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 22,
};

#[test]
fn calendar() {
    assert!(Date::new(2024, 2, 29).is_some());
    assert!(Date::new(2023, 2, 29).is_none());
    assert!(Date::new(1900, 2, 29).is_none());
    assert!(Date::new(2000, 2, 29).is_some());
    assert!(Date::new(2026, 13, 1).is_none());
    assert!(Date::new(2026, 4, 31).is_none());
    assert!(Date::new(2026, 1, 0).is_none());
    assert_eq!(
        Date::new(1974, 8, 12).map(|d| d.to_string()).as_deref(),
        Some("1974-08-12")
    );
}

#[test]
fn partial_dates_print_what_is_known() {
    let year = PartialDate {
        year: 1974,
        month: None,
        day: None,
    };
    let month = PartialDate {
        year: 1974,
        month: Some(8),
        day: None,
    };
    assert_eq!(year.to_string(), "1974");
    assert_eq!(month.to_string(), "1974-08");
    assert_eq!(
        serde_json::to_string(&month).ok().as_deref(),
        Some("\"1974-08\"")
    );
}

#[test]
fn birth_dates_are_never_in_the_future() {
    let cases = [
        (74, Some(8), Some(12), 1974),
        (26, Some(11), Some(22), 2026),
        (26, Some(11), Some(23), 1926),
        (26, Some(12), None, 1926),
        (26, None, None, 2026),
        (27, Some(1), Some(1), 1927),
        (0, Some(2), Some(29), 2000),
        (99, Some(12), Some(31), 1999),
    ];
    for (yy, month, day, expected) in cases {
        assert_eq!(
            birth_year(yy, month, day, TODAY),
            expected,
            "{yy} {month:?} {day:?}"
        );
    }
}

#[test]
fn expiry_dates_stay_within_fifty_years() {
    let cases = [
        (12, 2012),
        (76, 1976),
        (75, 2075),
        (99, 1999),
        (0, 2000),
        (26, 2026),
    ];
    for (yy, expected) in cases {
        assert_eq!(expiry_year(yy, TODAY), expected, "{yy}");
    }
    let far = Date {
        year: i32::MAX,
        month: 12,
        day: 31,
    };
    assert_eq!(birth_year(0, None, None, far), 2_147_483_600);
    assert_eq!(expiry_year(99, far), 2_147_483_599);
    let ancient = Date {
        year: i32::MIN,
        month: 1,
        day: 1,
    };
    assert_eq!(expiry_year(0, ancient), -2_147_483_600);
}
