//! The pieces every chart is drawn from: the SVG element with its title, axes, labels, legend,
//! the shading of periods not over yet, and the chart with nothing to draw.

use super::*;
use std::fmt::Write;

/// Escapes text for SVG.
pub(super) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub(super) fn open_svg(out: &mut String, title: &str, height: f64) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {height}\" role=\"img\" \
         aria-label=\"{t}\" class=\"chart\" font-family=\"system-ui, sans-serif\" font-size=\"11\">\
         <title>{t}</title>",
        t = esc(title)
    );
}

pub(super) fn y_axis(out: &mut String, min: f64, max: f64, step: f64, y: &dyn Fn(f64) -> f64) {
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

pub(super) fn x_labels(out: &mut String, labels: &[String], x: &dyn Fn(usize) -> f64) {
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

pub(super) fn legend(out: &mut String, items: &[(&str, &'static str, f64)]) {
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
pub(super) fn empty_chart(title: &str, words: &Words) -> String {
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
pub(super) fn shade_partial(out: &mut String, x0: f64, words: &Words) {
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
