//! The overview's own charts: entries by travel mode, stacked month by month, and the
//! citizenships ranked by entries.

use super::*;

/// Entries by travel mode, stacked, over the table's periods.
pub(super) fn modes_chart(tr: &Tr, modes: &StatTable, csv_url: String) -> ChartBox {
    let labels = periods(modes);
    let mut groups: Vec<String> = modes.rows.iter().map(|r| r.group.clone()).collect();
    groups.sort();
    groups.dedup();
    let series: Vec<(String, Vec<Option<f64>>)> = groups
        .iter()
        .map(|g| {
            (
                label(tr, "group", g),
                labels
                    .iter()
                    .map(|p| modes.value(Some(p), g, "entries").map(|v| v as f64))
                    .collect(),
            )
        })
        .collect();
    let title = tr.t("analytics-chart-modes");
    let words = charts::words(tr, modes.suppress_below);
    let partial = partial_from(modes, &labels);
    ChartBox {
        id: "chart-modes".into(),
        svg: charts::stacked_chart(
            &title,
            &labels.iter().map(|p| tr.period(p)).collect::<Vec<_>>(),
            &series,
            &words,
            partial,
        ),
        title,
        table: data_table(tr, modes),
        csv_url: Some(csv_url),
    }
}

/// The citizenships ranked by entries, with their share of all entries.
pub(super) fn ranked_citizenships(tr: &Tr, nats: &StatTable, csv_url: String) -> ChartBox {
    let total_entries = total_of(nats, "entries").unwrap_or(0).max(1);
    let top: Vec<&umis_service::StatRow> = nats.rows.iter().take(15).collect();
    let labels: Vec<String> = top.iter().map(|r| tr.country(&r.group)).collect();
    let values: Vec<Option<f64>> = top.iter().map(|r| r.values[0].map(|v| v as f64)).collect();
    let title = tr.t("analytics-chart-citizenships");
    let rows = top
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                tr.country(&r.group),
                cell(tr, r.values[0], nats.suppress_below),
                cell(tr, r.values[1], nats.suppress_below),
                cell(tr, r.values[2], nats.suppress_below),
                r.values[0].map_or_else(
                    || "—".to_owned(),
                    |v| format!("{:.1} %", v as f64 * 100.0 / total_entries as f64),
                ),
            ]
        })
        .collect();
    ChartBox {
        id: "chart-citizenships".into(),
        svg: charts::bar_chart(
            &title,
            &labels,
            &values,
            &charts::words(tr, nats.suppress_below),
        ),
        title,
        table: DataTable {
            columns: vec![
                tr.t("analytics-rank"),
                tr.t("stats-group-nationality"),
                label(tr, "col", "entries"),
                label(tr, "col", "exits"),
                label(tr, "col", "net"),
                tr.t("analytics-share"),
            ],
            rows,
        },
        csv_url: Some(csv_url),
    }
}
