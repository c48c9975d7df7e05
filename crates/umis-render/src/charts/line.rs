//! The line chart: lines over periods with optional shaded bands, a marked position and the
//! periods not over yet shaded.

use super::line_paths::{band, line_path};
use super::*;
use std::fmt::Write;

/// A line chart over `labels` with optional shaded bands, a marked position, and the periods
/// from `partial_from` on shaded as not over yet. A value that is `None` (suppressed or
/// missing) leaves a gap, never a zero.
pub fn line_chart(
    title: &str,
    labels: &[String],
    lines: &[Line],
    bands: &[Band],
    mark: Option<usize>,
    words: &Words,
    partial_from: Option<usize>,
) -> String {
    let n = labels.len().max(1);
    let drawn: Vec<f64> = lines
        .iter()
        .flat_map(|l| l.values.iter())
        .filter_map(|v| *v)
        .filter(|v| v.is_finite())
        .collect();
    if drawn.is_empty() {
        return empty_chart(title, words);
    }
    let whole = bands.is_empty() && all_whole(&drawn);
    let all = lines
        .iter()
        .flat_map(|l| l.values.iter())
        .chain(bands.iter().flat_map(|b| b.hi.iter().chain(b.lo.iter())))
        .filter_map(|v| *v)
        .filter(|v| v.is_finite());
    let (lo, hi) = all.fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
    let (max, step) = nice_scale(hi.max(lo.abs()), whole);
    let min = if lo < 0.0 {
        -((lo.abs() / step).ceil() * step)
    } else {
        0.0
    };
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let x = |i: usize| {
        if n == 1 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| TOP + plot_h * (1.0 - (v - min) / (max - min));
    let mut out = String::new();
    open_svg(&mut out, title, H);
    y_axis(&mut out, min, max, step, &y);
    if let Some(p) = partial_from.filter(|p| *p < n) {
        let half = if n > 1 {
            plot_w / (n - 1) as f64 / 2.0
        } else {
            0.0
        };
        shade_partial(&mut out, (x(p) - half).max(LEFT), words);
    }
    if let Some(m) = mark.filter(|m| *m < n) {
        let _ = write!(
            out,
            "<line x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"{TOP}\" y2=\"{1:.1}\" stroke=\"#d55e00\" \
             stroke-dasharray=\"3 3\"/>",
            x(m),
            H - BOTTOM
        );
    }
    for b in bands {
        band(&mut out, b, &x, &y);
    }
    for l in lines {
        line_path(&mut out, l, &x, &y);
    }
    x_labels(&mut out, labels, &x);
    let mut items: Vec<(&str, &'static str, f64)> = lines
        .iter()
        .map(|l| (l.label.as_str(), l.color, 1.0))
        .collect();
    items.extend(
        bands
            .iter()
            .map(|b| (b.label.as_str(), b.color, (b.opacity * 2.0).min(1.0))),
    );
    legend(&mut out, &items);
    out.push_str("</svg>");
    out
}
