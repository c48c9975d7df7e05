//! Charts drawn on the server as inline SVG: lines (with shaded intervals), horizontal bars and
//! stacked columns. Colours are presentation attributes (the content security policy forbids
//! inline styles); every chart carries a title for screen readers, and every page shows the
//! chart's data as a table beside it.

use std::fmt::Write;

/// A colour-blind-safe palette.
pub const PALETTE: [&str; 8] = [
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#8c6d1f", "#7f7f7f",
];

const W: f64 = 720.0;
const H: f64 = 280.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 48.0;

/// One line of a line chart.
pub struct Line {
    /// Legend label.
    pub label: String,
    /// One value per x position (`None`: a gap).
    pub values: Vec<Option<f64>>,
    /// Colour.
    pub color: &'static str,
    /// Drawn dashed (forecasts).
    pub dashed: bool,
}

/// A shaded band between two bounds (prediction intervals).
pub struct Band {
    /// Legend label.
    pub label: String,
    /// Lower bound per x position.
    pub lo: Vec<Option<f64>>,
    /// Upper bound per x position.
    pub hi: Vec<Option<f64>>,
    /// Colour.
    pub color: &'static str,
    /// Fill opacity.
    pub opacity: f64,
}

/// Escapes text for SVG.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A round upper bound for an axis and its step.
fn nice_max(max: f64) -> (f64, f64) {
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
    } else {
        format!("{v:.1}")
    }
}

fn open_svg(out: &mut String, title: &str, height: f64) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {height}\" role=\"img\" \
         aria-label=\"{t}\" class=\"chart\" font-family=\"system-ui, sans-serif\" font-size=\"11\">\
         <title>{t}</title>",
        t = esc(title)
    );
}

fn y_axis(out: &mut String, min: f64, max: f64, step: f64, y: &dyn Fn(f64) -> f64) {
    let mut v = min;
    let mut guard = 0;
    while v <= max + step / 2.0 && guard < 20 {
        let py = y(v);
        let _ = write!(
            out,
            "<line x1=\"{LEFT}\" x2=\"{x2}\" y1=\"{py:.1}\" y2=\"{py:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{tx}\" y=\"{ty:.1}\" text-anchor=\"end\" fill=\"#444\">{label}</text>",
            x2 = W - RIGHT,
            tx = LEFT - 6.0,
            ty = py + 4.0,
            label = compact(v)
        );
        v += step;
        guard += 1;
    }
}

fn x_labels(out: &mut String, labels: &[String], x: &dyn Fn(usize) -> f64) {
    let every = labels.len().div_ceil(12).max(1);
    for (i, l) in labels.iter().enumerate() {
        if i % every != 0 {
            continue;
        }
        // Labels near the right edge end there instead of running off the chart.
        let anchor = if x(i) > W - RIGHT - 30.0 {
            "end"
        } else {
            "middle"
        };
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"#444\">{}</text>",
            x(i),
            H - BOTTOM + 16.0,
            esc(l)
        );
    }
}

fn legend(out: &mut String, items: &[(&str, &'static str, f64)]) {
    let mut lx = LEFT;
    for (label, color, opacity) in items {
        let _ = write!(
            out,
            "<rect x=\"{lx:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"{color}\" \
             fill-opacity=\"{opacity}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"#222\">{}</text>",
            H - 16.0,
            lx + 14.0,
            H - 7.0,
            esc(label)
        );
        lx += 24.0 + 6.5 * label.chars().count() as f64;
    }
}

/// A line chart over `labels` with optional shaded bands and a marked position.
pub fn line_chart(
    title: &str,
    labels: &[String],
    lines: &[Line],
    bands: &[Band],
    mark: Option<usize>,
) -> String {
    let n = labels.len().max(1);
    let all = lines
        .iter()
        .flat_map(|l| l.values.iter())
        .chain(bands.iter().flat_map(|b| b.hi.iter().chain(b.lo.iter())))
        .filter_map(|v| *v)
        .filter(|v| v.is_finite());
    let (lo, hi) = all.fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
    let (max, step) = nice_max(hi.max(lo.abs()));
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
        let pts: Vec<(usize, f64, f64)> =
            b.lo.iter()
                .zip(&b.hi)
                .enumerate()
                .filter_map(|(i, (l, h))| Some((i, (*l)?, (*h)?)))
                .collect();
        if pts.is_empty() {
            continue;
        }
        let mut d = String::new();
        for (k, (i, _, h)) in pts.iter().enumerate() {
            let _ = write!(
                d,
                "{}{:.1},{:.1} ",
                if k == 0 { "M" } else { "L" },
                x(*i),
                y(*h)
            );
        }
        for (i, l, _) in pts.iter().rev() {
            let _ = write!(d, "L{:.1},{:.1} ", x(*i), y(*l));
        }
        let _ = write!(
            out,
            "<path d=\"{}Z\" fill=\"{}\" fill-opacity=\"{}\" stroke=\"none\"/>",
            d, b.color, b.opacity
        );
    }
    for l in lines {
        let mut d = String::new();
        let mut pen = false;
        for (i, v) in l.values.iter().enumerate() {
            match v {
                Some(v) if v.is_finite() => {
                    let _ = write!(
                        d,
                        "{}{:.1},{:.1} ",
                        if pen { "L" } else { "M" },
                        x(i),
                        y(*v)
                    );
                    pen = true;
                }
                _ => pen = false,
            }
        }
        let dash = if l.dashed {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<path d=\"{d}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{dash}/>",
            l.color
        );
        if l.values.iter().filter(|v| v.is_some()).count() == 1
            && let Some((i, Some(v))) = l.values.iter().enumerate().find(|(_, v)| v.is_some())
        {
            let _ = write!(
                out,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{}\"/>",
                x(i),
                y(*v),
                l.color
            );
        }
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

/// Horizontal bars, one per label (a suppressed value is drawn as an empty bar).
pub fn bar_chart(title: &str, labels: &[String], values: &[Option<f64>]) -> String {
    let row = 22.0;
    let height = TOP + row * labels.len().max(1) as f64 + 8.0;
    let max = values.iter().filter_map(|v| *v).fold(0.0f64, f64::max);
    let (max, _) = nice_max(max);
    let left = 150.0;
    let plot_w = W - left - 80.0;
    let mut out = String::new();
    open_svg(&mut out, title, height);
    for (i, (l, v)) in labels.iter().zip(values).enumerate() {
        let y = TOP + row * i as f64;
        let label: String = l.chars().take(24).collect();
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#222\">{}</text>",
            left - 6.0,
            y + 14.0,
            esc(&label)
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
                    "<text x=\"{left}\" y=\"{:.1}\" fill=\"#777\">–</text>",
                    y + 14.0
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}

/// Stacked columns: one column per label, one segment per series.
pub fn stacked_chart(title: &str, labels: &[String], series: &[(String, Vec<f64>)]) -> String {
    let n = labels.len().max(1);
    let totals: Vec<f64> = (0..n)
        .map(|i| {
            series
                .iter()
                .map(|(_, v)| v.get(i).copied().unwrap_or(0.0))
                .sum()
        })
        .collect();
    let (max, step) = nice_max(totals.iter().copied().fold(0.0, f64::max));
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let slot = plot_w / n as f64;
    let bar = (slot * 0.7).max(1.0);
    let x = |i: usize| LEFT + slot * (i as f64 + 0.5);
    let y = |v: f64| TOP + plot_h * (1.0 - v / max);
    let mut out = String::new();
    open_svg(&mut out, title, H);
    y_axis(&mut out, 0.0, max, step, &y);
    for i in 0..n {
        let mut base = 0.0;
        for (k, (_, v)) in series.iter().enumerate() {
            let v = v.get(i).copied().unwrap_or(0.0);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_round_up_and_labels_are_compact() {
        assert_eq!(nice_max(0.0), (1.0, 0.25));
        assert_eq!(nice_max(93.0), (100.0, 25.0));
        assert_eq!(nice_max(1234.0), (1500.0, 500.0));
        assert_eq!(compact(1200.0), "1.2k");
        assert_eq!(compact(45_000.0), "45k");
        assert_eq!(compact(3_400_000.0), "3.4M");
        assert_eq!(compact(7.0), "7");
    }

    #[test]
    fn charts_escape_text_and_draw_every_value() {
        let labels = vec!["2026-01".to_owned(), "<b>".to_owned()];
        let svg = line_chart(
            "Entries & exits",
            &labels,
            &[Line {
                label: "entries".into(),
                values: vec![Some(10.0), Some(20.0)],
                color: PALETTE[0],
                dashed: false,
            }],
            &[],
            Some(1),
        );
        assert!(svg.contains("<title>Entries &amp; exits</title>"));
        assert!(svg.contains("&lt;b&gt;"));
        assert!(!svg.contains("<b>"));
        assert_eq!(svg.matches("<path").count(), 1);
        let bars = bar_chart("Top", &["AZE".into(), "RUS".into()], &[Some(5.0), None]);
        assert_eq!(bars.matches("<rect").count(), 1);
        let stacked = stacked_chart(
            "Modes",
            &labels,
            &[
                ("air".into(), vec![1.0, 2.0]),
                ("land".into(), vec![3.0, 0.0]),
            ],
        );
        // Three segments and two legend swatches.
        assert_eq!(stacked.matches("<rect").count(), 5);
    }
}
