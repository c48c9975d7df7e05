//! Anomaly detection on seasonal and short series.

use umis_forecast::{Direction, detect_anomalies};

/// A deterministic stand-in for noise: roughly uniform on [-1, 1).
fn noise(n: usize, seed: u64) -> Vec<f64> {
    let mut state = seed;
    (0..n)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 11) as f64 / (1u64 << 52) as f64 - 1.0
        })
        .collect()
}

/// Daily values with a weekly pattern, a slow trend and noise of about ±5.
fn daily(n: usize) -> Vec<f64> {
    let weekday = [40.0, 35.0, 30.0, 30.0, 20.0, -70.0, -85.0];
    noise(n, 42)
        .iter()
        .enumerate()
        .map(|(t, e)| 200.0 + 0.2 * t as f64 + weekday[t % 7] + 5.0 * e)
        .collect()
}

#[test]
fn finds_an_injected_spike_and_dip_in_a_seasonal_daily_series() {
    let mut values = daily(140);
    values[100] += 60.0;
    values[40] -= 60.0;
    let found = detect_anomalies(&values, 7, 4.0);
    let indices: Vec<usize> = found.iter().map(|a| a.index).collect();
    assert_eq!(indices, [40, 100], "{found:?}");
    assert_eq!(found[0].direction, Direction::Down);
    assert_eq!(found[1].direction, Direction::Up);
    assert!(
        (found[1].expected - (values[100] - 60.0)).abs() < 15.0,
        "{:?}",
        found[1]
    );
    assert!(found[1].score >= 4.0);
}

#[test]
fn flags_nothing_in_a_clean_seasonal_series() {
    let values = daily(140);
    assert_eq!(detect_anomalies(&values, 7, 4.0), []);
    // A weekend dip is part of the season, not an anomaly: without the decomposition it would be.
    assert!(!detect_anomalies(&values, 1, 4.0).is_empty());
}

#[test]
fn short_series_use_a_rolling_median() {
    let mut values: Vec<f64> = noise(12, 7).iter().map(|e| 100.0 + 3.0 * e).collect();
    values[6] = 180.0;
    let found = detect_anomalies(&values, 12, 4.0);
    assert_eq!(found.iter().map(|a| a.index).collect::<Vec<_>>(), [6]);
}

#[test]
fn degenerate_input_is_harmless() -> Result<(), serde_json::Error> {
    assert!(detect_anomalies(&[], 7, 4.0).is_empty());
    assert!(detect_anomalies(&[1.0, 2.0], 7, 4.0).is_empty());
    assert!(detect_anomalies(&[5.0; 50], 7, 4.0).is_empty());
    assert!(detect_anomalies(&[0.0; 50], 0, 4.0).is_empty());
    let mut values = daily(60);
    values[10] = f64::NAN;
    values[20] = f64::INFINITY;
    values[30] += 200.0;
    let found = detect_anomalies(&values, 7, 4.0);
    assert_eq!(found.iter().map(|a| a.index).collect::<Vec<_>>(), [30]);
    assert_eq!(serde_json::to_value(&found[0])?["direction"], "up");
    Ok(())
}
