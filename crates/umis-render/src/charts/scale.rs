//! Axis scales: a round upper bound and step for the values drawn, and compact axis labels.

/// A round upper bound for an axis and its step.
pub(super) fn nice_max(max: f64) -> (f64, f64) {
    if max <= 0.0 || !max.is_finite() {
        return (1.0, 0.25);
    }
    let raw = max / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    ((max / step).ceil() * step, step)
}

/// A round upper bound and step for `values`: counts (whole numbers) get whole steps.
pub(super) fn nice_scale(max: f64, whole: bool) -> (f64, f64) {
    let (top, step) = nice_max(max);
    if whole && step < 1.0 {
        (max.ceil().max(1.0), 1.0)
    } else {
        (top, step)
    }
}

/// Whether every value is a whole number.
pub(super) fn all_whole<'a>(values: impl IntoIterator<Item = &'a f64>) -> bool {
    values.into_iter().all(|v| v.fract() == 0.0)
}

/// A compact axis label: 1200 → 1.2k, 3 400 000 → 3.4M.
pub fn compact(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if a >= 1e3 {
        format!("{:.1}k", v / 1e3)
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else if a < 10.0 {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').to_owned()
    } else {
        format!("{v:.1}")
    }
}
