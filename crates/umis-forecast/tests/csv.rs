//! CSV parsing and series validation: every error code with the row it names.

use umis_forecast::{ForecastOptions, Frequency, Series, SeriesError, forecast};

fn monthly_csv(rows: &[(&str, &str)]) -> String {
    let mut text = String::from("period,value\n");
    for (period, value) in rows {
        text.push_str(&format!("{period},{value}\n"));
    }
    text
}

fn months(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            (
                format!("{:04}-{:02}", 2015 + i / 12, i % 12 + 1),
                format!("{}", 100 + i),
            )
        })
        .collect()
}

fn csv_of(rows: &[(String, String)]) -> String {
    let borrowed: Vec<(&str, &str)> = rows.iter().map(|(p, v)| (p.as_str(), v.as_str())).collect();
    monthly_csv(&borrowed)
}

fn error_of(text: &str) -> SeriesError {
    Series::parse_csv(text).expect_err("the CSV must be rejected")
}

#[test]
fn accepts_bom_crlf_spaces_blank_lines_and_trailing_newline() -> Result<(), SeriesError> {
    let text = "\u{feff} period , value \r\n2019-07, 10\r\n\r\n 2019-08 ,11.5\r\n2019-09,1e1\r\n";
    let series = Series::parse_csv(text)?;
    assert_eq!(series.frequency, Frequency::Monthly);
    assert_eq!(series.values, vec![10.0, 11.5, 10.0]);
    assert_eq!(series.periods[2].to_string(), "2019-09");
    Ok(())
}

#[test]
fn first_of_month_dates_are_months_and_first_of_quarter_dates_quarters() -> Result<(), SeriesError>
{
    let series = Series::parse_csv("period,value\n2019-07-01,1\n2019-08-01,2\n2019-09-01,3\n")?;
    assert_eq!(series.frequency, Frequency::Monthly);
    assert_eq!(series.periods[0].to_string(), "2019-07");
    let series = Series::parse_csv("period,value\n2019-10-01,1\n2020-01-01,2\n2020-04-01,3\n")?;
    assert_eq!(series.frequency, Frequency::Quarterly);
    assert_eq!(series.periods[1].to_string(), "2020-Q1");
    let series = Series::parse_csv("period,value\n2019-07-01,1\n2019-07-02,2\n")?;
    assert_eq!(series.frequency, Frequency::Daily);
    Ok(())
}

#[test]
fn empty_input() {
    for text in [
        "",
        "\n\n",
        "\u{feff}",
        "period,value\n",
        "period,value\r\n\r\n",
    ] {
        let err = error_of(text);
        assert_eq!(err.code(), "empty", "{text:?}");
    }
}

#[test]
fn bad_header() {
    for text in [
        "date,value\n2019-01,1\n",
        "period;value\n",
        "period,value,extra\n",
        "2019-01,1\n",
    ] {
        assert_eq!(error_of(text).code(), "bad_header", "{text:?}");
    }
    assert_eq!(
        error_of("date,value\n").to_string(),
        "the first line must be the header `period,value`, but it is \"date,value\""
    );
}

#[test]
fn gap_names_the_row_and_the_missing_periods() {
    let mut rows = months(7);
    rows.push(("2015-09".into(), "5".into()));
    let err = error_of(&csv_of(&rows));
    assert_eq!(err.code(), "gap");
    assert_eq!(err.row(), Some(8));
    assert_eq!(
        err.to_string(),
        "row 8: period 2015-09 follows 2015-07: a gap of 1 period (2015-08 is missing)"
    );
    let err = error_of("period,value\n2019-Q1,1\n2019-Q2,1\n2020-Q1,1\n");
    assert_eq!(
        err.to_string(),
        "row 3: period 2020-Q1 follows 2019-Q2: a gap of 2 periods (2019-Q3 to 2019-Q4 are missing)"
    );
}

#[test]
fn out_of_order_and_duplicate() {
    let err = error_of("period,value\n2019-01,1\n2019-03,1\n2019-02,1\n");
    assert_eq!((err.code(), err.row()), ("out_of_order", Some(3)));
    let err = error_of("period,value\n2019-01,1\n2019-02,1\n2019-02,1\n");
    assert_eq!((err.code(), err.row()), ("duplicate_period", Some(3)));
    let err = error_of("period,value\n2019-01,1\n2019-02,1\n2019-01,1\n");
    assert_eq!((err.code(), err.row()), ("duplicate_period", Some(3)));
}

#[test]
fn bad_period_mixed_frequency_and_not_numeric() {
    let err = error_of("period,value\n2019-01,1\n2019-13,1\n");
    assert_eq!((err.code(), err.row()), ("bad_period", Some(2)));
    assert!(
        err.to_string()
            .starts_with("row 2: \"2019-13\" is not a valid period"),
        "{err}"
    );
    let err = error_of("period,value\n2019-01,1\n2019-Q1,1\n");
    assert_eq!((err.code(), err.row()), ("mixed_frequency", Some(2)));
    assert_eq!(
        err.to_string(),
        "row 2: period 2019-Q1 is quarterly, but the series is monthly"
    );
    for bad in ["12a", "", "NaN", "inf", "1,2"] {
        let err = error_of(&format!("period,value\n2019-01,1\n2019-02,{bad}\n"));
        assert_eq!((err.code(), err.row()), ("not_numeric", Some(2)), "{bad:?}");
    }
    let err = error_of("period,value\n2019-01,1\n2019-02,12a\n");
    assert_eq!(
        err.to_string(),
        "row 2: value \"12a\" is not a finite number"
    );
    let err = error_of("period,value\n2019-01\n");
    assert_eq!((err.code(), err.row()), ("not_numeric", Some(1)));
}

#[test]
fn negative_values_are_rejected_only_when_non_negative_is_requested() -> Result<(), SeriesError> {
    let mut rows = months(30);
    rows[13].1 = "-3".into();
    let series = Series::parse_csv(&csv_of(&rows))?;
    let mut options = ForecastOptions {
        horizon: 3,
        season: None,
        non_negative: true,
    };
    let err = forecast(&series, &options).expect_err("negative value");
    assert_eq!((err.code(), err.row()), ("negative", Some(14)));
    assert_eq!(
        err.to_string(),
        "row 14: period 2016-02 has the negative value -3, but non-negative values were requested"
    );
    options.non_negative = false;
    assert!(forecast(&series, &options).is_ok());
    Ok(())
}

#[test]
fn explicit_season_too_short_or_too_long_and_bad_horizon() -> Result<(), SeriesError> {
    let series = Series::parse_csv(&csv_of(&months(30)))?;
    let options = ForecastOptions {
        horizon: 12,
        season: Some(12),
        non_negative: false,
    };
    let err = forecast(&series, &options).expect_err("30 < 2*12+12");
    assert_eq!(err.code(), "too_short");
    assert!(err.to_string().contains("at least 36"), "{err}");
    for season in [0, 16, 1000, usize::MAX] {
        let options = ForecastOptions {
            horizon: 1,
            season: Some(season),
            non_negative: false,
        };
        let err = forecast(&series, &options).expect_err("bad season");
        assert_eq!(err.code(), "bad_season", "season {season}");
    }
    for horizon in [0, 121] {
        let options = ForecastOptions {
            horizon,
            season: None,
            non_negative: false,
        };
        assert_eq!(
            forecast(&series, &options).map(|_| ()).unwrap_err().code(),
            "bad_horizon"
        );
    }
    let short = Series::parse_csv(&csv_of(&months(7)))?;
    let options = ForecastOptions {
        horizon: 1,
        season: None,
        non_negative: false,
    };
    let err = forecast(&short, &options).expect_err("7 values");
    assert_eq!(err.code(), "too_short");
    assert!(err.to_string().contains("at least 8"), "{err}");
    Ok(())
}

#[test]
fn series_new_checks_lengths_and_values() {
    let periods = vec![
        umis_forecast::Period::monthly(2019, 1),
        umis_forecast::Period::monthly(2019, 2),
    ];
    let err = Series::new(periods.clone(), vec![1.0]).expect_err("mismatch");
    assert_eq!(err.code(), "length_mismatch");
    let err = Series::new(periods, vec![1.0, f64::NAN]).expect_err("NaN");
    assert_eq!((err.code(), err.row()), ("not_numeric", Some(2)));
    assert_eq!(
        Series::new(Vec::new(), Vec::new())
            .expect_err("empty")
            .code(),
        "empty"
    );
}
