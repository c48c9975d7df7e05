//! Charts drawn on the server as inline SVG: lines (with shaded intervals), horizontal bars and
//! stacked columns. Colours are presentation attributes (the content security policy forbids
//! inline styles); every chart carries a title for screen readers, and every page shows the
//! chart's data as a table beside it.

use crate::i18n::Tr;
use std::fmt::Write;

/// What a chart says besides its data, in the reader's language.
pub struct Words {
    /// Shown for a suppressed value (`<5`).
    pub suppressed: String,
    /// Shown instead of a plot with no value to draw.
    pub empty: String,
    /// Marks periods that are not over yet.
    pub partial: String,
}

impl Words {
    /// The words in `tr`'s language, for cells suppressed below `suppress_below`.
    pub fn new(tr: &Tr, suppress_below: i64) -> Self {
        Words {
            suppressed: format!("<{suppress_below}"),
            empty: tr.t("chart-empty"),
            partial: tr.t("chart-partial"),
        }
    }
}

/// Average advance of one character at the charts' font size (11 px), for fitting labels.
const CHAR_W: f64 = 6.2;

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

/// A round upper bound and step for `values`: counts (whole numbers) get whole steps.
fn nice_scale(max: f64, whole: bool) -> (f64, f64) {
    let (top, step) = nice_max(max);
    if whole && step < 1.0 {
        (max.ceil().max(1.0), 1.0)
    } else {
        (top, step)
    }
}

/// Whether every value is a whole number.
fn all_whole<'a>(values: impl IntoIterator<Item = &'a f64>) -> bool {
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
    // Every label gets the room of the widest one and a gap, so none overlap.
    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
    let room = (W - LEFT - RIGHT) / labels.len().max(1) as f64;
    let every = ((widest * CHAR_W + 12.0) / room).ceil().max(1.0) as usize;
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

/// A chart with nothing to draw: its title and a sentence saying so, no axes that would
/// suggest a value of zero.
fn empty_chart(title: &str, words: &Words) -> String {
    let mut out = String::new();
    open_svg(&mut out, title, 80.0);
    let _ = write!(
        out,
        "<text x=\"{:.1}\" y=\"44\" text-anchor=\"middle\" fill=\"#444\" font-size=\"13\">{}</text></svg>",
        W / 2.0,
        esc(&words.empty)
    );
    out
}

/// Shades the periods from `from` on, which are not over yet, and labels the shading.
fn shade_partial(out: &mut String, x0: f64, words: &Words) {
    let _ = write!(
        out,
        "<rect x=\"{x0:.1}\" y=\"{TOP}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"#000\" \
         fill-opacity=\"0.06\" data-partial=\"true\"/>\
         <text x=\"{tx:.1}\" y=\"{ty:.1}\" text-anchor=\"end\" fill=\"#444\" font-size=\"10\">{}</text>",
        esc(&words.partial),
        w = (W - RIGHT - x0).max(0.0),
        h = H - TOP - BOTTOM,
        tx = W - RIGHT - 3.0,
        ty = TOP + 11.0,
    );
}

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
        // A value alone between gaps is a dot (a path of one point draws nothing).
        let has = |i: Option<usize>| {
            i.and_then(|i| l.values.get(i))
                .is_some_and(|v| v.is_some_and(f64::is_finite))
        };
        for (i, v) in l.values.iter().enumerate() {
            if let Some(v) = v.filter(|v| v.is_finite())
                && !has(i.checked_sub(1))
                && !has(Some(i + 1))
            {
                let _ = write!(
                    out,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{}\"/>",
                    x(i),
                    y(v),
                    l.color
                );
            }
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

mod bars;
pub use bars::{bar_chart, stacked_chart};

#[cfg(test)]
mod tests;
