//! Charts as vector graphics: axis with a nice scale, grid, lines or grouped bars, legend.

use super::*;

/// Lays out a chart: caption, plot area with grid and y axis labels, the series, x labels
/// (thinned to fit) and the legend; kept on one page.
pub(super) fn layout_chart(cursor: &mut Cursor, chart: &Chart, metrics: &Metrics<'_>) {
    let small = Style::Small.line_height();
    let caption = metrics.wrap(
        &metrics.clean(&chart.title, false),
        BODY_SIZE,
        CONTENT_WIDTH,
    );
    let legend_rows = chart.series.len().div_ceil(3).max(1);
    let n = chart.labels.len();
    let slot = (CONTENT_WIDTH - AXIS_WIDTH) / n.max(1) as f32;
    let x_labels = x_label_lines(chart, metrics, slot);
    let label_rows = x_labels.iter().map(|l| l.len()).max().unwrap_or(1).max(1);
    let height = Style::Body.line_height() * caption.len() as f32
        + PLOT_HEIGHT
        + small * (1.0 + label_rows as f32 + legend_rows as f32);
    cursor.skip(0.5 * Style::Body.line_height());
    cursor.reserve(height.min(CONTENT_BOTTOM - MARGIN));
    for line in &caption {
        cursor.line(Style::Body.line_height(), &[(0.0, Style::Label, line)]);
    }
    let top = cursor.y + 0.5 * small;
    let bottom = top + PLOT_HEIGHT;
    let left = MARGIN + AXIS_WIDTH;
    let right = MARGIN + CONTENT_WIDTH;
    let lowest = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .copied()
        .min()
        .unwrap_or(0)
        .min(0);
    let highest = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .copied()
        .max()
        .unwrap_or(0)
        .max(0);
    let (max, step) = nice_scale(highest.max(-lowest));
    let min = if lowest < 0 {
        -((-lowest as f64) / step).ceil() * step
    } else {
        0.0
    };
    let y = |v: f64| bottom - ((v - min) / (max - min).max(1.0)) as f32 * PLOT_HEIGHT;
    // Grid and y axis labels.
    let mut v = min;
    while v <= max + step / 2.0 {
        let gy = y(v);
        cursor.mark(Mark::Shape(Shape::Polyline {
            points: vec![(left, gy), (right, gy)],
            color: if v == 0.0 { AXIS_COLOR } else { GRID_COLOR },
            width: 0.5,
            dashed: false,
        }));
        let label = short_number(v);
        let w = metrics.width(&label, SMALL_SIZE);
        cursor.text_at(
            left - w - 1.5 * MM,
            gy - 0.5 * SMALL_SIZE,
            Style::Small,
            label,
        );
        v += step;
    }
    // The series.
    let series = chart.series.len().max(1);
    for (k, s) in chart.series.iter().enumerate() {
        match chart.kind {
            ChartKind::Line => {
                let x = |i: usize| left + slot * (i as f32 + 0.5);
                let mut run: Vec<(f32, f32)> = Vec::new();
                for (i, v) in s.values.iter().enumerate().take(n) {
                    match v {
                        Some(v) => run.push((x(i), y(*v as f64))),
                        None => flush_line(cursor, &mut run, s),
                    }
                }
                flush_line(cursor, &mut run, s);
            }
            ChartKind::Bar => {
                let group = slot * 0.8;
                let w = group / series as f32;
                for (i, v) in s.values.iter().enumerate().take(n) {
                    let bx = left + slot * i as f32 + slot * 0.1 + w * k as f32;
                    let Some(v) = v else {
                        // Suppressed: written as such, never drawn as a bar of zero.
                        cursor.text_at(
                            bx,
                            y(0.0) - 1.2 * SMALL_SIZE,
                            Style::Small,
                            chart.suppressed.clone(),
                        );
                        continue;
                    };
                    let (y0, y1) = (y(0.0), y(*v as f64));
                    cursor.mark(Mark::Shape(Shape::Rect {
                        x: bx,
                        y: y0.min(y1),
                        w: w * 0.9,
                        h: (y0 - y1).abs(),
                        color: s.color,
                    }));
                }
            }
        }
    }
    // X labels: under every bar (wrapped to fit), thinned on line charts so none overlap.
    for (i, lines) in x_labels.iter().enumerate() {
        let cx = left + slot * (i as f32 + 0.5);
        for (r, l) in lines.iter().enumerate() {
            let w = metrics.width(l, SMALL_SIZE);
            let x = (cx - w / 2.0).clamp(MARGIN, right - w);
            let ly = bottom + 1.0 * MM + small * r as f32;
            cursor.text_at(x, ly, Style::Small, l.clone());
        }
    }
    // Legend: a swatch and the series' name, three to a row.
    let legend_top = bottom + small * label_rows as f32 + 1.5 * MM;
    let column = CONTENT_WIDTH / 3.0;
    for (k, s) in chart.series.iter().enumerate() {
        let x = MARGIN + column * (k % 3) as f32;
        let ly = legend_top + small * (k / 3) as f32;
        cursor.mark(Mark::Shape(Shape::Rect {
            x,
            y: ly + 0.15 * SMALL_SIZE,
            w: 3.0 * MM,
            h: 0.7 * SMALL_SIZE,
            color: s.color,
        }));
        let name = metrics.wrap(
            &metrics.clean(&s.label, false),
            SMALL_SIZE,
            column - 5.0 * MM,
        );
        if let Some(first) = name.into_iter().next() {
            cursor.text_at(x + 4.0 * MM, ly, Style::Small, first);
        }
    }
    cursor.y = legend_top + small * legend_rows as f32;
}
