//! A chart of the monthly bulletin, drawn as SVG on the page and as vector graphics in the PDF.

use super::*;

/// A chart of the bulletin, drawn as SVG on the page and as vector graphics in the PDF.
pub(super) struct BulletinChart {
    id: &'static str,
    title: String,
    kind: crate::pdf::ChartKind,
    labels: Vec<String>,
    /// (legend label, dashed, one value per label)
    series: Vec<(String, bool, Vec<Option<i64>>)>,
    /// Words in the reader's language (a suppressed value, an empty chart).
    words: charts::Words,
}

/// `#rrggbb` as (red, green, blue).
pub(super) fn rgb_of(hex: &str) -> (u8, u8, u8) {
    let c = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(0)
    };
    (c(1), c(3), c(5))
}

impl BulletinChart {
    /// The entries, exits and net migration per period of a flows table.
    pub(super) fn flows(tr: &Tr, id: &'static str, title: String, t: &StatTable) -> Self {
        let labels = periods(t);
        let series = ["entries", "exits", "net"]
            .iter()
            .map(|c| {
                (
                    label(tr, "col", c),
                    *c == "net",
                    labels.iter().map(|p| t.value(Some(p), "all", c)).collect(),
                )
            })
            .collect();
        BulletinChart {
            id,
            title,
            kind: crate::pdf::ChartKind::Line,
            labels: labels.iter().map(|p| tr.period(p)).collect(),
            series,
            words: charts::words(tr, t.suppress_below),
        }
    }

    /// One bar per row of `t`: its value of `column`.
    pub(super) fn bars(
        tr: &Tr,
        id: &'static str,
        title: String,
        t: &StatTable,
        column: &str,
    ) -> Self {
        let c = col(t, column);
        BulletinChart {
            id,
            title,
            kind: crate::pdf::ChartKind::Bar,
            labels: t
                .rows
                .iter()
                .map(|r| label(tr, "group", &r.group))
                .collect(),
            series: vec![(
                label(tr, "col", column),
                false,
                t.rows
                    .iter()
                    .map(|r| c.and_then(|c| r.values.get(c).copied().flatten()))
                    .collect(),
            )],
            words: charts::words(tr, t.suppress_below),
        }
    }

    pub(super) fn render(self, table: DataTable, csv_url: String) -> (ChartBox, crate::pdf::Chart) {
        let svg = match self.kind {
            crate::pdf::ChartKind::Line => {
                let lines: Vec<Line> = self
                    .series
                    .iter()
                    .enumerate()
                    .map(|(k, (name, dashed, values))| Line {
                        label: name.clone(),
                        values: values.iter().map(|v| v.map(|v| v as f64)).collect(),
                        color: PALETTE[k % PALETTE.len()],
                        dashed: *dashed,
                    })
                    .collect();
                charts::line_chart(
                    &self.title,
                    &self.labels,
                    &lines,
                    &[],
                    None,
                    &self.words,
                    None,
                )
            }
            crate::pdf::ChartKind::Bar => {
                let values: Vec<Option<f64>> = self
                    .series
                    .first()
                    .map(|(_, _, v)| v.iter().map(|v| v.map(|v| v as f64)).collect())
                    .unwrap_or_default();
                let title = match self.series.first() {
                    Some((name, _, _)) => format!("{} — {name}", self.title),
                    None => self.title.clone(),
                };
                charts::bar_chart(&title, &self.labels, &values, &self.words)
            }
        };
        let pdf = crate::pdf::Chart {
            title: self.title.clone(),
            kind: self.kind,
            suppressed: self.words.suppressed.clone(),
            labels: self.labels,
            series: self
                .series
                .into_iter()
                .enumerate()
                .map(|(k, (label, dashed, values))| crate::pdf::Series {
                    label,
                    color: rgb_of(PALETTE[k % PALETTE.len()]),
                    dashed,
                    values,
                })
                .collect(),
        };
        (
            ChartBox {
                id: self.id.to_owned(),
                title: self.title,
                svg,
                table,
                csv_url: Some(csv_url),
            },
            pdf,
        )
    }
}
