//! The parts of a chart in a PDF: the axis scale and its numbers, the x labels fitted to their
//! slots, and a run of points drawn as one line.

use super::*;

/// A rounded axis maximum and grid step for values up to `max`.
pub(super) fn nice_scale(max: i64) -> (f64, f64) {
    let max = (max.max(1)) as f64;
    let raw = max / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude)
        .max(1.0);
    ((max / step).ceil() * step, step)
}

/// An axis value written short: 1 200 → 1.2k, 3 400 000 → 3.4M.
pub(super) fn short_number(v: f64) -> String {
    let a = v.abs();
    let (n, suffix) = if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let s = format!("{n:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s);
    format!("{s}{suffix}")
}

/// Draws the points gathered so far as one line of `series` and clears them.
pub(super) fn flush_line(cursor: &mut Cursor, run: &mut Vec<(f32, f32)>, series: &Series) {
    match run.len() {
        0 => {}
        // A lone value between gaps is a dot.
        1 => {
            let (x, y) = run[0];
            cursor.mark(Mark::Shape(Shape::Rect {
                x: x - 1.0,
                y: y - 1.0,
                w: 2.0,
                h: 2.0,
                color: series.color,
            }));
        }
        _ => cursor.mark(Mark::Shape(Shape::Polyline {
            points: run.clone(),
            color: series.color,
            width: 1.2,
            dashed: series.dashed,
        })),
    }
    run.clear();
}

/// The x labels as lines of text, one entry per position (empty where a label is left out).
/// Bar charts label every bar, wrapping a long label onto at most three lines within its slot
/// (the last ending in an ellipsis if it is still too long) when its words fit the slot; line
/// charts, and bars too narrow for their words, keep their labels on one line and show every
/// so many, so that none overlap.
pub(super) fn x_label_lines(chart: &Chart, metrics: &Metrics<'_>, slot: f32) -> Vec<Vec<String>> {
    let clean: Vec<String> = chart
        .labels
        .iter()
        .map(|l| metrics.clean(l, false))
        .collect();
    let thinned = |clean: Vec<String>| {
        let widest = clean
            .iter()
            .map(|l| metrics.width(l, SMALL_SIZE))
            .fold(0.0f32, f32::max);
        let every = ((widest + 2.0 * MM) / slot).ceil().max(1.0) as usize;
        clean
            .into_iter()
            .enumerate()
            .map(|(i, l)| if i % every == 0 { vec![l] } else { Vec::new() })
            .collect()
    };
    // A bar label is wrapped under its bar when every word of every label fits the slot;
    // otherwise (many narrow bars of dates, say) the labels are thinned like a line chart's.
    let room = (slot - 1.0 * MM).max(4.0 * MM);
    let words_fit = clean
        .iter()
        .flat_map(|l| l.split_whitespace())
        .all(|w| metrics.width(w, SMALL_SIZE) <= room);
    match chart.kind {
        ChartKind::Bar if !words_fit => thinned(clean),
        ChartKind::Bar => clean
            .iter()
            .map(|l| {
                let mut lines = metrics.wrap(l, SMALL_SIZE, room);
                if lines.len() > 3 {
                    lines.truncate(3);
                    if let Some(last) = lines.last_mut() {
                        last.push('…');
                    }
                }
                lines
            })
            .collect(),
        ChartKind::Line => thinned(clean),
    }
}
