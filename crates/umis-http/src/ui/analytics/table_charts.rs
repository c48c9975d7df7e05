//! The chart that suits a statistic table: lines over periods for flows, bars per group
//! otherwise.

use super::*;

/// A line per group (the `top` largest by `column`) over the table's periods.
fn lines_by_group(tr: &Tr, t: &StatTable, column: &str, top: usize) -> (Vec<String>, Vec<Line>) {
    let labels = periods(t);
    let Some(c) = col(t, column) else {
        return (labels, Vec::new());
    };
    let mut groups: Vec<(String, i64)> = Vec::new();
    for r in &t.rows {
        let v = r.values[c].unwrap_or(0);
        match groups.iter_mut().find(|(g, _)| *g == r.group) {
            Some(x) => x.1 += v,
            None => groups.push((r.group.clone(), v)),
        }
    }
    groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let lines = groups
        .iter()
        .take(top)
        .enumerate()
        .map(|(k, (g, _))| Line {
            label: label(tr, "group", g),
            values: labels
                .iter()
                .map(|p| t.value(Some(p), g, column).map(|v| v as f64))
                .collect(),
            color: PALETTE[k % PALETTE.len()],
            dashed: false,
        })
        .collect();
    (labels, lines)
}

/// The chart that suits a table: lines over periods for flows, bars per group otherwise.
pub(super) fn chart_for(
    tr: &Tr,
    id: &str,
    title: String,
    t: &StatTable,
    csv_url: String,
) -> ChartBox {
    let words = charts::words(tr, t.suppress_below);
    let svg = if t.dataset == "flows" {
        if t.by == "total" {
            let labels = periods(t);
            let lines = ["entries", "exits", "net"]
                .iter()
                .enumerate()
                .map(|(k, c)| Line {
                    label: label(tr, "col", c),
                    values: labels
                        .iter()
                        .map(|p| t.value(Some(p), "all", c).map(|v| v as f64))
                        .collect(),
                    color: PALETTE[k],
                    dashed: *c == "net",
                })
                .collect::<Vec<_>>();
            let partial = partial_from(t, &labels);
            let shown: Vec<String> = labels.iter().map(|p| tr.period(p)).collect();
            charts::line_chart(&title, &shown, &lines, &[], None, &words, partial)
        } else {
            let (labels, lines) = lines_by_group(tr, t, "entries", 6);
            let partial = partial_from(t, &labels);
            let shown: Vec<String> = labels.iter().map(|p| tr.period(p)).collect();
            charts::line_chart(&title, &shown, &lines, &[], None, &words, partial)
        }
    } else {
        let first = t.columns.first().copied().unwrap_or("count");
        let rows: Vec<&umis_service::StatRow> = t.rows.iter().take(20).collect();
        let labels: Vec<String> = rows.iter().map(|r| label(tr, "group", &r.group)).collect();
        let values: Vec<Option<f64>> = rows
            .iter()
            .map(|r| r.values.first().copied().flatten().map(|v| v as f64))
            .collect();
        let title = format!("{title} — {}", label(tr, "col", first));
        charts::bar_chart(&title, &labels, &values, &words)
    };
    ChartBox {
        id: id.to_owned(),
        title,
        svg,
        table: data_table(tr, t),
        csv_url: Some(csv_url),
    }
}
