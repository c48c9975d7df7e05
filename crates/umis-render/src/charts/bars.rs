//! Bar charts: horizontal bars per group, stacked columns per period.

use super::*;
use std::fmt::Write;

/// Horizontal bars, one per label. A suppressed value (`None`) is written as such (`<5`) with
/// no bar; a label too long for the margin is shortened with an ellipsis and given in full as
/// its tooltip.
pub fn bar_chart(title: &str, labels: &[String], values: &[Option<f64>], words: &Words) -> String {
    if labels.is_empty() {
        return empty_chart(title, words);
    }
    let row = 22.0;
    let height = TOP + row * labels.len() as f64 + 8.0;
    let max = values.iter().filter_map(|v| *v).fold(0.0f64, f64::max);
    let (max, _) = nice_max(max);
    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
    let left = (widest * CHAR_W + 12.0).clamp(60.0, 260.0);
    let fits = ((left - 12.0) / CHAR_W).floor() as usize;
    let plot_w = W - left - 80.0;
    let mut out = String::new();
    open_svg(&mut out, title, height);
    for (i, (l, v)) in labels.iter().zip(values).enumerate() {
        let y = TOP + row * i as f64;
        let shown: String = if l.chars().count() > fits {
            let mut cut: String = l.chars().take(fits.saturating_sub(1)).collect();
            cut.push('…');
            cut
        } else {
            l.clone()
        };
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#222\"><title>{}</title>{}</text>",
            left - 6.0,
            y + 14.0,
            esc(l),
            esc(&shown)
        );
        match v {
            Some(v) => {
                let w = (plot_w * v / max).max(1.0);
                let _ = write!(
                    out,
                    "<rect x=\"{left}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{}\"/>\
                     <text x=\"{:.1}\" y=\"{:.1}\" fill=\"#222\">{}</text>",
                    row - 6.0,
                    PALETTE[0],
                    left + w + 4.0,
                    y + 14.0,
                    compact(*v)
                );
            }
            None => {
                let _ = write!(
                    out,
                    "<text x=\"{}\" y=\"{:.1}\" fill=\"#444\" data-suppressed=\"true\">{}</text>",
                    left + 4.0,
                    y + 14.0,
                    esc(&words.suppressed)
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}

/// Stacked columns: one column per label, one segment per series. A suppressed segment
/// (`None`) is left out and its column marked as such (`<5`); the periods from
/// `partial_from` on are shaded as not over yet.
pub fn stacked_chart(
    title: &str,
    labels: &[String],
    series: &[(String, Vec<Option<f64>>)],
    words: &Words,
    partial_from: Option<usize>,
) -> String {
    let n = labels.len().max(1);
    let value = |v: &Vec<Option<f64>>, i: usize| v.get(i).copied().flatten();
    let totals: Vec<f64> = (0..n)
        .map(|i| series.iter().filter_map(|(_, v)| value(v, i)).sum())
        .collect();
    if totals.iter().all(|t| *t <= 0.0) {
        return empty_chart(title, words);
    }
    let (max, step) = nice_scale(totals.iter().copied().fold(0.0, f64::max), true);
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let slot = plot_w / n as f64;
    let bar = (slot * 0.7).max(1.0);
    let x = |i: usize| LEFT + slot * (i as f64 + 0.5);
    let y = |v: f64| TOP + plot_h * (1.0 - v / max);
    let mut out = String::new();
    open_svg(&mut out, title, H);
    y_axis(&mut out, 0.0, max, step, &y);
    if let Some(p) = partial_from.filter(|p| *p < n) {
        shade_partial(&mut out, x(p) - slot / 2.0, words);
    }
    for (i, total) in totals.iter().enumerate() {
        let mut base = 0.0;
        if series
            .iter()
            .any(|(_, v)| i < v.len() && value(v, i).is_none())
        {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#444\" font-size=\"9\" \
                 data-suppressed=\"true\">{}</text>",
                x(i),
                y(*total) - 3.0,
                esc(&words.suppressed)
            );
        }
        for (k, (_, v)) in series.iter().enumerate() {
            let v = value(v, i).unwrap_or(0.0);
            if v <= 0.0 {
                continue;
            }
            let _ = write!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
                x(i) - bar / 2.0,
                y(base + v),
                y(base) - y(base + v),
                PALETTE[k % PALETTE.len()]
            );
            base += v;
        }
    }
    x_labels(&mut out, labels, &x);
    let items: Vec<(&str, &'static str, f64)> = series
        .iter()
        .enumerate()
        .map(|(k, (l, _))| (l.as_str(), PALETTE[k % PALETTE.len()], 1.0))
        .collect();
    legend(&mut out, &items);
    out.push_str("</svg>");
    out
}
