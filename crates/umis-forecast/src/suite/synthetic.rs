//! The benchmark's synthetic series: eight deterministic series of known trend, season and noise.

use std::f64::consts::TAU;

use crate::period::Period;
use crate::series::Series;

/// Eight deterministic series of known structure, each named, 72 to 200 values long.
pub fn synthetic_suite() -> Vec<(String, Series)> {
    let mut rng = Lcg(0x5eed_2024);
    let month0 = Period::monthly(2010, 1);
    let seasonal = |t: usize, m: usize, phase: f64| (TAU * t as f64 / m as f64 + phase).sin();
    let mut suite = Vec::new();
    let mut push = |name: &str, start: Period, values: Vec<f64>| {
        suite.push((name.to_owned(), Series::from_monthly(start, values)));
    };

    let v = (0..144)
        .map(|t| 1000.0 + 5.0 * t as f64 + 150.0 * seasonal(t, 12, 0.0) + 40.0 * rng.normal())
        .collect();
    push("monthly_trend_season", month0, v);

    let v = (0..120)
        .map(|t| {
            let level = 500.0 + 8.0 * t as f64;
            level * (1.0 + 0.35 * seasonal(t, 12, 1.0)) * (1.0 + 0.03 * rng.normal())
        })
        .collect();
    push("monthly_multiplicative", month0, v);

    let pattern = [300.0, -100.0, 200.0, -400.0];
    let v = (0..80)
        .map(|t| 2000.0 + 15.0 * t as f64 + pattern[t % 4] + 60.0 * rng.normal())
        .collect();
    push("quarterly", Period::quarterly(2000, 1), v);

    let week0 = Period::weekly(2020, 1).unwrap_or(month0);
    let v = (0..200)
        .map(|t| 300.0 + 0.5 * t as f64 + 60.0 * seasonal(t, 52, 0.5) + 12.0 * rng.normal())
        .collect();
    push("weekly", week0, v);

    let v = (0..120)
        .map(|t| {
            let shift = if t >= 90 { 400.0 } else { 0.0 };
            800.0 + shift + 100.0 * seasonal(t, 12, 0.0) + 30.0 * rng.normal()
        })
        .collect();
    push("level_shift", month0, v);

    let v = (0..96).map(|_| 500.0 + 50.0 * rng.normal()).collect();
    push("noise_only", month0, v);

    let v = (0..120)
        .map(|t| {
            let level = 400.0 + 300.0 * (1.0 - 0.97_f64.powf(t as f64));
            level + 60.0 * seasonal(t, 12, 2.0) + 20.0 * rng.normal()
        })
        .collect();
    push("damped_trend", month0, v);

    let weekday = [30.0, 25.0, 20.0, 20.0, 15.0, -50.0, -60.0];
    let day0 = Period::daily(2023, 1, 2).unwrap_or(month0);
    let v = (0..182)
        .map(|t| 150.0 + 0.1 * t as f64 + weekday[t % 7] + 10.0 * rng.normal())
        .collect();
    push("daily_weekly", day0, v);

    suite
}

/// A small linear congruential generator, so the suite needs no random-number crate.
struct Lcg(u64);

impl Lcg {
    /// A uniform number in [0, 1).
    fn uniform(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An approximately standard normal number (the sum of twelve uniforms, minus six).
    fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.uniform()).sum::<f64>() - 6.0
    }
}
