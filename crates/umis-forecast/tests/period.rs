//! Period parsing, text form, order and succession.

use umis_forecast::{Frequency, Period};

fn p(text: &str) -> Period {
    match Period::parse(text) {
        Ok(period) => period,
        Err(e) => panic!("{text}: {e}"),
    }
}

#[test]
fn text_forms_round_trip() {
    let cases = [
        ("2019-07", Frequency::Monthly),
        ("2019-Q3", Frequency::Quarterly),
        ("2019-07-01", Frequency::Daily),
        ("2019-W07", Frequency::Weekly),
        ("2020-02-29", Frequency::Daily),
        ("2000-02-29", Frequency::Daily),
        ("2020-W53", Frequency::Weekly),
        ("2026-W53", Frequency::Weekly),
        ("0001-01-01", Frequency::Daily),
        ("9999-12-31", Frequency::Daily),
    ];
    for (text, frequency) in cases {
        let period = p(text);
        assert_eq!(period.to_string(), text);
        assert_eq!(period.frequency(), frequency, "{text}");
    }
    assert_eq!(p(" 2019-q3 ").to_string(), "2019-Q3");
    assert_eq!(p("2019-w07").to_string(), "2019-W07");
}

#[test]
fn invalid_periods_are_rejected_with_a_reason() {
    for text in [
        "",
        "2019",
        "2019-7",
        "19-07-01",
        "2019/07",
        "2019-13",
        "2019-00",
        "2019-Q0",
        "2019-Q5",
        "2019-W00",
        "2019-W53",
        "2021-W53",
        "2019-02-29",
        "1900-02-29",
        "2019-04-31",
        "2019-07-1",
        "0000-01",
        "２０１９-07",
        "2019-07-01x",
        "abcd-ef",
    ] {
        let err = Period::parse(text).expect_err(text);
        assert_eq!(err.code(), "bad_period", "{text}");
        assert_eq!(err.row(), None);
    }
    let err = Period::parse("2019-W53").expect_err("2019 has 52 weeks");
    assert_eq!(
        err.to_string(),
        "\"2019-W53\" is not a valid period: the week must be 01 to 52, as 2019 has 52 ISO weeks"
    );
    assert!(Period::daily(2019, 2, 29).is_err());
    assert!(Period::weekly(2021, 53).is_err());
}

#[test]
fn iso_week_53_years() {
    for year in [2004, 2009, 2015, 2020, 2026, 2032] {
        assert!(Period::weekly(year, 53).is_ok(), "{year} has 53 weeks");
    }
    for year in [2019, 2021, 2022, 2023, 2024, 2025] {
        assert!(Period::weekly(year, 53).is_err(), "{year} has 52 weeks");
    }
    assert_eq!(p("2020-W53").next().to_string(), "2021-W01");
    assert_eq!(p("2019-W52").next().to_string(), "2020-W01");
    assert_eq!(p("2015-W53").next().to_string(), "2016-W01");
}

#[test]
fn next_crosses_year_ends() {
    let cases = [
        ("2019-12", "2020-01"),
        ("2019-Q4", "2020-Q1"),
        ("2019-12-31", "2020-01-01"),
        ("2020-02-28", "2020-02-29"),
        ("2020-02-29", "2020-03-01"),
        ("2019-02-28", "2019-03-01"),
        ("2021-W52", "2022-W01"),
    ];
    for (from, to) in cases {
        assert_eq!(p(from).next().to_string(), to, "after {from}");
    }
    assert_eq!(Period::quarterly(2019, 5), p("2020-Q1"));
    assert_eq!(Period::monthly(2019, 13), p("2020-01"));
}

#[test]
fn consecutive_days_and_weeks_round_trip_and_increase() {
    let mut day = p("1999-12-25");
    for _ in 0..3000 {
        let next = day.next();
        assert!(next > day);
        assert_eq!(p(&next.to_string()), next);
        day = next;
    }
    assert_eq!(day.to_string(), "2008-03-12");
    let mut week = p("1999-W50");
    for _ in 0..700 {
        let next = week.next();
        assert!(next > week);
        assert_eq!(p(&next.to_string()), next, "{next}");
        week = next;
    }
}

#[test]
fn default_seasons_and_json_names() -> Result<(), serde_json::Error> {
    assert_eq!(Frequency::Daily.default_season(), 7);
    assert_eq!(Frequency::Weekly.default_season(), 52);
    assert_eq!(Frequency::Monthly.default_season(), 12);
    assert_eq!(Frequency::Quarterly.default_season(), 4);
    assert_eq!(
        serde_json::to_string(&Frequency::Quarterly)?,
        "\"quarterly\""
    );
    Ok(())
}
