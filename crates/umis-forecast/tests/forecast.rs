//! Forecasts: model choice, accuracy on known structure, intervals, fallbacks, robustness.

use std::f64::consts::TAU;

use umis_forecast::{
    Budget, Forecast, ForecastOptions, MAX_POINTS, Period, Series, SeriesError, forecast,
    forecast_within,
};

fn options(horizon: usize, season: Option<usize>) -> ForecastOptions {
    ForecastOptions {
        horizon,
        season,
        non_negative: false,
    }
}

fn assert_well_formed(result: &Forecast, horizon: usize) {
    assert_eq!(result.forecast.len(), horizon);
    for point in &result.forecast {
        let all = [point.lo95, point.lo80, point.value, point.hi80, point.hi95];
        assert!(all.iter().all(|x| x.is_finite()), "{point:?}");
        assert!(
            all.windows(2).all(|w| w[0] <= w[1]),
            "intervals out of order: {point:?}"
        );
    }
}

/// A trend plus a yearly season, without noise, starting January 2015.
fn trend_season(n: usize) -> Vec<f64> {
    (0..n)
        .map(|t| 100.0 + 2.0 * t as f64 + 20.0 * (TAU * t as f64 / 12.0).sin())
        .collect()
}

#[test]
fn recovers_trend_and_season() -> Result<(), SeriesError> {
    let truth = trend_season(108);
    let series = Series::from_monthly(Period::monthly(2015, 1), truth[..96].to_vec());
    let result = forecast(&series, &options(12, None))?;
    assert_eq!(result.season, 12);
    assert_eq!(
        result.model, "mstl_ets",
        "candidates: {:?}",
        result.candidates
    );
    assert_well_formed(&result, 12);
    assert_eq!(result.forecast[0].period, "2023-01");
    assert_eq!(result.forecast[11].period, "2023-12");
    let mae = result
        .forecast
        .iter()
        .zip(&truth[96..])
        .map(|(p, t)| (p.value - t).abs())
        .sum::<f64>()
        / 12.0;
    // Seasonal naive is off by the yearly growth, 24, at every step.
    assert!(mae < 3.0, "mean absolute error {mae}");
    let names: Vec<&str> = result.candidates.iter().map(|c| c.model.as_str()).collect();
    assert_eq!(names, ["seasonal_naive", "naive", "ets", "mstl_ets"]);
    assert!(result.backtest.mase < result.backtest.seasonal_naive_mase);
    assert!(result.backtest.origins >= 6);
    Ok(())
}

#[test]
fn default_season_falls_back_to_non_seasonal_on_short_series() -> Result<(), SeriesError> {
    let values: Vec<f64> = (0..20).map(|t| 50.0 + t as f64).collect();
    let series = Series::from_monthly(Period::monthly(2020, 1), values);
    let result = forecast(&series, &options(6, None))?;
    assert_eq!(result.season, 1);
    assert!(
        result.model == "naive" || result.model == "ets",
        "{}",
        result.model
    );
    assert!(
        result
            .candidates
            .iter()
            .all(|c| c.model != "mstl_ets" && c.model != "seasonal_naive")
    );
    assert_well_formed(&result, 6);
    assert_eq!(result.forecast[0].period, "2021-09");
    // The same length with an explicit season is an error, not a silent fallback.
    let err = forecast(&series, &options(6, Some(8))).expect_err("20 < 2*8+6");
    assert_eq!(err.code(), "too_short");
    Ok(())
}

#[test]
fn explicit_non_seasonal_request_skips_seasonal_models() -> Result<(), SeriesError> {
    let series = Series::from_monthly(Period::monthly(2015, 1), trend_season(60));
    let result = forecast(&series, &options(3, Some(1)))?;
    assert_eq!(result.season, 1);
    assert_eq!(result.candidates.len(), 2);
    assert_well_formed(&result, 3);
    Ok(())
}

#[test]
fn non_negative_clamps_forecasts_and_lower_bounds() -> Result<(), SeriesError> {
    let values: Vec<f64> = (0..12).map(|t| 110.0 - 10.0 * t as f64).collect();
    let series = Series::from_monthly(Period::monthly(2020, 1), values);
    let result = forecast(
        &series,
        &ForecastOptions {
            horizon: 24,
            season: None,
            non_negative: true,
        },
    )?;
    assert_well_formed(&result, 24);
    assert!(
        result
            .forecast
            .iter()
            .all(|p| p.lo95 >= 0.0 && p.value >= 0.0)
    );
    assert!(
        result.forecast.iter().any(|p| p.value == 0.0),
        "the downward trend reaches zero"
    );
    Ok(())
}

#[test]
fn awkward_series_never_panic_and_stay_finite() -> Result<(), SeriesError> {
    let cases: Vec<Vec<f64>> = vec![
        vec![7.0; 40],
        vec![0.0; 40],
        (0..40)
            .map(|t| if t % 2 == 0 { 0.0 } else { 1e11 })
            .collect(),
        (0..40).map(|t| 1e-9 * t as f64).collect(),
        (0..8).map(|t| t as f64).collect(),
        (0..30).map(|t| if t == 29 { 1e12 } else { 0.0 }).collect(),
        (0..50).map(|t| -1000.0 + (t * t) as f64).collect(),
    ];
    for values in cases {
        let series = Series::from_monthly(Period::monthly(2020, 1), values.clone());
        for horizon in [1, 12, 120] {
            for season in [None, Some(1), Some(2)] {
                let result = forecast(&series, &options(horizon, season));
                match result {
                    Ok(result) => assert_well_formed(&result, horizon),
                    Err(e) => assert!(
                        matches!(e.code(), "too_short" | "horizon_too_long"),
                        "{values:?}: {e}"
                    ),
                }
            }
        }
    }
    let too_big = Series::from_monthly(Period::monthly(2020, 1), vec![1e300; 20]);
    let err = forecast(&too_big, &options(1, None)).expect_err("too large");
    assert_eq!((err.code(), err.row()), ("not_numeric", Some(1)));
    Ok(())
}

#[test]
fn output_is_deterministic_and_serialises() -> Result<(), Box<dyn std::error::Error>> {
    let series = Series::from_monthly(Period::monthly(2015, 1), trend_season(72));
    let first = forecast(&series, &options(12, None))?;
    let second = forecast(&series, &options(12, None))?;
    assert_eq!(first, second);
    let json = serde_json::to_value(&first)?;
    assert_eq!(json["season"], 12);
    assert_eq!(json["forecast"][0]["period"], "2021-01");
    for key in ["value", "lo80", "hi80", "lo95", "hi95"] {
        assert!(json["forecast"][0][key].is_f64(), "{key}");
    }
    for key in [
        "mase",
        "smape",
        "seasonal_naive_mase",
        "seasonal_naive_smape",
        "origins",
    ] {
        assert!(json["backtest"].get(key).is_some(), "{key}");
    }
    Ok(())
}

#[test]
fn horizons_and_series_are_bounded() {
    let monthly = Series::from_monthly(Period::monthly(2015, 1), trend_season(72));
    assert!(forecast(&monthly, &options(36, None)).is_ok());
    let long = forecast(&monthly, &options(37, None)).expect_err("past three seasons");
    assert_eq!(long.code(), "horizon_too_long");
    // Non-seasonal: counted in the frequency's usual season.
    assert!(forecast(&monthly, &options(36, Some(1))).is_ok());
    assert_eq!(
        forecast(&monthly, &options(37, Some(1))).map_err(|e| e.code()),
        Err("horizon_too_long")
    );
    let huge = Series::from_monthly(Period::monthly(1500, 1), vec![5.0; MAX_POINTS + 1]);
    let err = forecast(&huge, &options(1, None)).expect_err("too long");
    assert_eq!(err.code(), "series_too_long");
}

#[test]
fn a_spent_budget_stops_the_forecast() {
    let monthly = Series::from_monthly(Period::monthly(2015, 1), trend_season(72));
    let spent = Budget::within(std::time::Duration::ZERO);
    let err = forecast_within(&monthly, &options(12, None), &spent).expect_err("no time");
    assert_eq!(err.code(), "out_of_time");
}
