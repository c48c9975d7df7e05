//! The monthly bulletin: printable page and PDF, with its charts.

use super::*;

/// One titled table of the bulletin.
pub(crate) struct Section {
    pub(crate) id: &'static str,
    pub(crate) title: String,
    pub(crate) table: DataTable,
}

#[derive(Template)]
#[template(path = "analytics_bulletin.html")]
pub(super) struct BulletinPage {
    page: Page,
    month: String,
    title: String,
    sections: Vec<Section>,
    charts: Vec<ChartBox>,
    threshold: i64,
    generated: String,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct BulletinQuery {
    #[serde(default)]
    month: Option<String>,
}

pub(super) struct Bulletin {
    month: String,
    title: String,
    sections: Vec<Section>,
    /// The charts for the page (SVG) and the same for the PDF.
    charts: Vec<(ChartBox, crate::pdf::Chart)>,
}

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
    fn flows(tr: &Tr, id: &'static str, title: String, t: &StatTable) -> Self {
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
            words: charts::Words::new(tr, t.suppress_below),
        }
    }

    /// One bar per row of `t`: its value of `column`.
    fn bars(tr: &Tr, id: &'static str, title: String, t: &StatTable, column: &str) -> Self {
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
            words: charts::Words::new(tr, t.suppress_below),
        }
    }

    fn render(self, table: DataTable, csv_url: String) -> (ChartBox, crate::pdf::Chart) {
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

/// The month of the bulletin: `YYYY-MM`, by default the last complete month.
pub(super) fn bulletin_month(state: &AppState, q: &BulletinQuery) -> Result<(Date, Date), UiError> {
    let first = match q.month.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => first_of_month(umis_domain::stats::add_months(
            first_of_month(state.services.local_today()),
            -1,
        )),
        Some(m) => umis_service::parse_day(&format!("{m}-01"))
            .filter(|_| m.len() == 7)
            .ok_or(UiError::BadRequest("bulletin-error-month"))?,
    };
    let last = umis_domain::stats::add_months(first, 1) - Duration::days(1);
    Ok((first, last))
}

pub(super) async fn build_bulletin(
    state: &AppState,
    cu: &CurrentUser,
    first: Date,
    last: Date,
    export: bool,
) -> Result<Bulletin, UiError> {
    let s = &state.services;
    let tr = cu.tr;
    let (f, l) = (first.to_string(), last.to_string());
    let get = |dataset: &'static str, q: StatsQuery| async move {
        if export {
            s.stats_export(&cu.ctx, dataset, &q).await
        } else {
            s.stats(&cu.ctx, dataset, &q).await
        }
    };
    let period = |extra: &[(&str, &str)]| {
        let mut pairs = vec![("from", f.as_str()), ("to", l.as_str())];
        pairs.extend_from_slice(extra);
        sq(&pairs)
    };
    let total = get("flows", period(&[("interval", "total")])).await?;
    let nats = get(
        "flows",
        period(&[("interval", "total"), ("by", "nationality")]),
    )
    .await?;
    let daily = get("flows", period(&[("interval", "day")])).await?;
    let apps = get("applications", period(&[])).await?;
    let permits = get("permits", period(&[("as_of", l.as_str())])).await?;
    let enforcement = get("enforcement", period(&[("as_of", l.as_str())])).await?;
    let month = format!("{:04}-{:02}", first.year(), u8::from(first.month()));
    let mut nats_top = nats.clone();
    nats_top.rows.truncate(10);
    let sections = vec![
        Section {
            id: "bulletin-summary",
            title: tr.t("bulletin-summary"),
            table: data_table(&tr, &total),
        },
        Section {
            id: "bulletin-nationalities",
            title: tr.t("bulletin-top-nationalities"),
            table: data_table(&tr, &nats_top),
        },
        Section {
            id: "bulletin-applications",
            title: tr.t("stats-dataset-applications"),
            table: data_table(&tr, &apps),
        },
        Section {
            id: "bulletin-permits",
            title: tr.t("stats-dataset-permits"),
            table: data_table(&tr, &permits),
        },
        Section {
            id: "bulletin-enforcement",
            title: tr.t("stats-dataset-enforcement"),
            table: data_table(&tr, &enforcement),
        },
    ];
    let charts = vec![
        BulletinChart::flows(&tr, "bulletin-chart", tr.t("bulletin-daily"), &daily).render(
            data_table(&tr, &daily),
            csv_link("flows", &period(&[("interval", "day")])),
        ),
        BulletinChart::bars(
            &tr,
            "bulletin-chart-nationalities",
            tr.t("bulletin-top-nationalities"),
            &nats_top,
            "entries",
        )
        .render(
            data_table(&tr, &nats_top),
            csv_link(
                "flows",
                &period(&[("interval", "total"), ("by", "nationality")]),
            ),
        ),
        BulletinChart::bars(
            &tr,
            "bulletin-chart-applications",
            tr.t("stats-dataset-applications"),
            &apps,
            "received",
        )
        .render(
            data_table(&tr, &apps),
            csv_link("applications", &period(&[])),
        ),
    ];
    Ok(Bulletin {
        title: tr.t1("bulletin-title", "month", &month),
        month,
        sections,
        charts,
    })
}

/// The monthly bulletin as a printable page.
pub(crate) async fn bulletin(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<BulletinQuery>,
) -> Result<Response, UiError> {
    state
        .services
        .authorize(&cu.ctx, Permission::ReadStats, "stats.view")
        .await?;
    let (first, last) = bulletin_month(&state, &q)?;
    let b = build_bulletin(&state, &cu, first, last, false).await?;
    render(&BulletinPage {
        page: Page::for_user(&cu, "analytics", "nav-bulletin", "/analytics/bulletin"),
        month: b.month,
        title: b.title,
        sections: b.sections,
        charts: b.charts.into_iter().map(|(page, _)| page).collect(),
        threshold: state.services.stats_threshold(),
        generated: cu.tr.t1(
            "bulletin-generated",
            "date",
            state.services.local_today().to_string(),
        ),
    })
}

/// The monthly bulletin as a PDF (its charts and tables; each table is an audited export).
pub(crate) async fn bulletin_pdf(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<BulletinQuery>,
) -> Result<Response, UiError> {
    state
        .services
        .authorize(&cu.ctx, Permission::ReadStats, "stats.export")
        .await?;
    let (first, last) = bulletin_month(&state, &q)?;
    let b = build_bulletin(&state, &cu, first, last, true).await?;
    let tr = cu.tr;
    let mut blocks = vec![
        crate::pdf::Block::Heading(b.title.clone()),
        crate::pdf::Block::Paragraph(tr.t("bulletin-about")),
        crate::pdf::Block::Paragraph(tr.t1(
            "stats-suppression-note",
            "n",
            state.services.stats_threshold(),
        )),
    ];
    // The charts first (daily flows, citizenships, applications), then every table, the daily
    // figures last.
    let daily = b.charts.first().map(|(page, _)| Section {
        id: "bulletin-daily",
        title: page.title.clone(),
        table: DataTable {
            columns: page.table.columns.clone(),
            rows: page.table.rows.clone(),
        },
    });
    for (_, chart) in b.charts {
        blocks.push(crate::pdf::Block::Chart(chart));
    }
    for s in b.sections.iter().chain(daily.as_ref()) {
        blocks.push(crate::pdf::Block::Space);
        blocks.push(crate::pdf::Block::Heading(s.title.clone()));
        // The first columns name the row; the rest are "column: value" pairs.
        let label_cols = if s.table.columns.first() == Some(&tr.t("stats-period")) {
            2
        } else {
            1
        };
        for r in &s.table.rows {
            let name = r[..label_cols.min(r.len())].join(" · ");
            let values = r
                .iter()
                .zip(&s.table.columns)
                .skip(label_cols)
                .map(|(v, c)| format!("{c}: {v}"))
                .collect::<Vec<_>>()
                .join("; ");
            blocks.push(crate::pdf::Block::Field(name, values));
        }
    }
    blocks.push(crate::pdf::Block::Space);
    blocks.push(crate::pdf::Block::Paragraph(tr.t1(
        "bulletin-generated",
        "date",
        state.services.local_today().to_string(),
    )));
    let pdf = crate::pdf::render(&crate::pdf::Letter {
        title: b.title,
        blocks,
    })
    .map_err(|e| {
        tracing::error!(error = %e, "bulletin PDF");
        UiError::Internal
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"umis-bulletin-{}.pdf\"", b.month),
            ),
        ],
        pdf,
    )
        .into_response())
}
