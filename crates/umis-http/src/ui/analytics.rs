//! Analysis and monitoring in the back office: the leadership overview (KPI tiles against the
//! previous period, charts, ranked citizenships), the analyst workspace (any statistic with
//! filters), forecasts (system series or an uploaded one), anomaly alerts and the monthly
//! bulletin (printable page and PDF). Every chart comes with its data table and a CSV link;
//! CSV downloads are audited exports. Figures are aggregates only, small cells suppressed.

use super::charts::{self, Band, Line, PALETTE};
use super::{Page, render};
use crate::extract::{CurrentUser, Protected, csrf_form};
use crate::i18n::Tr;
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use time::{Date, Duration};
use umis_domain::Permission;
use umis_service::umis_forecast::{Forecast, ForecastOptions, Series};
use umis_service::{ServiceError, StatTable, StatsQuery, SystemSeriesQuery};

/// A table of text cells (the data behind a chart).
pub(crate) struct DataTable {
    pub(crate) columns: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
}

/// A chart with its data and download.
pub(crate) struct ChartBox {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) svg: String,
    pub(crate) table: DataTable,
    pub(crate) csv_url: Option<String>,
}

/// A KPI tile.
pub(crate) struct Tile {
    pub(crate) id: &'static str,
    pub(crate) label: String,
    pub(crate) value: String,
    /// Change against the previous period, e.g. `+12.5 %`, and whether it rose.
    pub(crate) change: Option<(String, bool)>,
    pub(crate) compared: String,
}

fn cell(tr: &Tr, v: Option<i64>, threshold: i64) -> String {
    match v {
        Some(n) => tr.number(n),
        None => format!("<{threshold}"),
    }
}

fn fnum(tr: &Tr, v: f64) -> String {
    tr.number(v.round() as i64)
}

fn query_of(pairs: &[(&str, String)]) -> String {
    let kept: Vec<(&str, &str)> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    serde_urlencoded::to_string(kept).unwrap_or_default()
}

fn csv_link(dataset: &str, q: &StatsQuery) -> String {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    format!(
        "/analytics/export/{dataset}?{}",
        query_of(&[
            ("from", o(&q.from)),
            ("to", o(&q.to)),
            ("as_of", o(&q.as_of)),
            ("interval", o(&q.interval)),
            ("by", o(&q.by)),
            ("nationality", o(&q.nationality)),
            ("bcp", o(&q.bcp)),
            ("travel_mode", o(&q.travel_mode)),
        ])
    )
}

/// The label of a statistic's group or column in the page's language (codes stay as they are).
fn label(tr: &Tr, kind: &str, value: &str) -> String {
    let slug = value.replace('_', "-");
    tr.try_t(format!("stats-{kind}-{slug}"))
        .or_else(|| {
            // Application types and the permits they give share the case screens' names.
            (kind == "group")
                .then(|| tr.try_t(format!("apptype-{slug}")))
                .flatten()
        })
        .unwrap_or_else(|| value.to_owned())
}

/// The whole table as text cells.
fn data_table(tr: &Tr, t: &StatTable) -> DataTable {
    let mut columns = Vec::new();
    if t.rows.iter().any(|r| r.period.is_some()) {
        columns.push(tr.t("stats-period"));
    }
    columns.push(tr.t("stats-group"));
    columns.extend(t.columns.iter().map(|c| label(tr, "col", c)));
    let rows = t
        .rows
        .iter()
        .map(|r| {
            let mut row = Vec::new();
            if let Some(p) = &r.period {
                row.push(p.clone());
            }
            row.push(label(tr, "group", &r.group));
            row.extend(r.values.iter().map(|v| cell(tr, *v, t.suppress_below)));
            row
        })
        .collect();
    DataTable { columns, rows }
}

fn col(t: &StatTable, name: &str) -> Option<usize> {
    t.columns.iter().position(|c| *c == name)
}

/// The periods of a table in order.
fn periods(t: &StatTable) -> Vec<String> {
    let mut p: Vec<String> = t.rows.iter().filter_map(|r| r.period.clone()).collect();
    p.dedup();
    p.sort();
    p.dedup();
    p
}

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
fn chart_for(tr: &Tr, id: &str, title: String, t: &StatTable, csv_url: String) -> ChartBox {
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
            charts::line_chart(&title, &labels, &lines, &[], None)
        } else {
            let (labels, lines) = lines_by_group(tr, t, "entries", 6);
            charts::line_chart(&title, &labels, &lines, &[], None)
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
        charts::bar_chart(&title, &labels, &values)
    };
    ChartBox {
        id: id.to_owned(),
        title,
        svg,
        table: data_table(tr, t),
        csv_url: Some(csv_url),
    }
}

fn first_of_month(d: Date) -> Date {
    d.replace_day(1).unwrap_or(d)
}

fn change(cur: Option<i64>, prev: Option<i64>) -> Option<(String, bool)> {
    let (c, p) = (cur?, prev?);
    if p == 0 {
        return None;
    }
    let pct = (c - p) as f64 * 100.0 / p as f64;
    Some((format!("{pct:+.1} %"), pct >= 0.0))
}

fn total_of(t: &StatTable, column: &str) -> Option<i64> {
    col(t, column).and_then(|c| t.totals.get(c).copied().flatten())
}

// ---------------------------------------------------------------------------------------------
// Leadership overview

#[derive(Template)]
#[template(path = "analytics.html")]
struct OverviewPage {
    page: Page,
    to: String,
    period_from: String,
    tiles: Vec<Tile>,
    charts: Vec<ChartBox>,
    ranked: Option<ChartBox>,
    threshold: i64,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct OverviewQuery {
    #[serde(default)]
    to: Option<String>,
}

fn sq(pairs: &[(&str, &str)]) -> StatsQuery {
    let mut q = StatsQuery::default();
    for (k, v) in pairs {
        let v = Some((*v).to_owned());
        match *k {
            "from" => q.from = v,
            "to" => q.to = v,
            "as_of" => q.as_of = v,
            "interval" => q.interval = v,
            "by" => q.by = v,
            _ => {}
        }
    }
    q
}

/// The leadership overview.
pub(crate) async fn overview(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<OverviewQuery>,
) -> Result<Response, UiError> {
    let s = &state.services;
    s.authorize(&cu.ctx, Permission::ReadStats, "stats.view")
        .await?;
    let tr = cu.tr;
    let to = match q.to.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => s.local_today(),
        Some(t) => umis_service::parse_day(t).ok_or(UiError::BadRequest("stats-error-date"))?,
    };
    let cur_from = to - Duration::days(29);
    let prev_to = cur_from - Duration::days(1);
    let prev_from = prev_to - Duration::days(29);
    let (t, cf, pf, pt) = (
        to.to_string(),
        cur_from.to_string(),
        prev_from.to_string(),
        prev_to.to_string(),
    );
    let ctx = &cu.ctx;
    // Charts cover the twelve months up to `to`.
    let year_from = first_of_month(umis_domain::stats::add_months(to, -11)).to_string();
    let monthly = sq(&[("from", &year_from), ("to", &t), ("interval", "month")]);
    let mut by_mode = monthly.clone();
    by_mode.by = Some("travel_mode".into());
    let apps_year_q = sq(&[("from", &year_from), ("to", &t)]);
    let stock_q = sq(&[("as_of", &t), ("by", "basis")]);
    let nat_q = sq(&[
        ("from", &year_from),
        ("to", &t),
        ("interval", "total"),
        ("by", "nationality"),
    ]);
    let q_flows_cur = sq(&[("from", &cf), ("to", &t), ("interval", "total")]);
    let q_flows_prev = sq(&[("from", &pf), ("to", &pt), ("interval", "total")]);
    let q_apps_cur = sq(&[("from", &cf), ("to", &t)]);
    let q_apps_prev = sq(&[("from", &pf), ("to", &pt)]);
    // The total alone is needed for the comparison: by nationality reads the index of stays.
    let q_stock_prev = sq(&[("as_of", &pt), ("by", "nationality")]);
    let q_permits_cur = sq(&[("from", &cf), ("to", &t), ("as_of", &t)]);
    let q_permits_prev = sq(&[("from", &pf), ("to", &pt), ("as_of", &pt)]);
    let q_over_cur = sq(&[("as_of", &t)]);
    let q_over_prev = sq(&[("as_of", &pt)]);
    // The statistics are independent reads: run them at once (each on its own connection).
    let (
        flows_cur,
        flows_prev,
        apps_cur,
        apps_prev,
        stock_cur,
        stock_prev,
        permits_cur,
        permits_prev,
        over_cur,
        over_prev,
        flows_month,
        modes,
        apps_year,
        nats,
    ) = tokio::try_join!(
        s.stats(ctx, "flows", &q_flows_cur),
        s.stats(ctx, "flows", &q_flows_prev),
        s.stats(ctx, "applications", &q_apps_cur),
        s.stats(ctx, "applications", &q_apps_prev),
        s.stats(ctx, "stock", &stock_q),
        s.stats(ctx, "stock", &q_stock_prev),
        s.stats(ctx, "permits", &q_permits_cur),
        s.stats(ctx, "permits", &q_permits_prev),
        s.stats(ctx, "overstays", &q_over_cur),
        s.stats(ctx, "overstays", &q_over_prev),
        s.stats(ctx, "flows", &monthly),
        s.stats(ctx, "flows", &by_mode),
        s.stats(ctx, "applications", &apps_year_q),
        s.stats(ctx, "flows", &nat_q),
    )?;
    let compared = tr.t1("analytics-compared", "from", &pf);
    let threshold = s.stats_threshold();
    let mut tiles = Vec::new();
    // A tile is a published figure too: small totals are suppressed like any cell (net
    // migration is a difference of published totals and is shown as it is).
    let mut tile = |id: &'static str, key: &str, cur: Option<i64>, prev: Option<i64>| {
        let publish = |v: Option<i64>| {
            v.and_then(|n| {
                if id == "net" {
                    Some(n)
                } else {
                    umis_domain::stats::suppress(n, threshold)
                }
            })
        };
        let (shown, before) = (publish(cur), publish(prev));
        tiles.push(Tile {
            id,
            label: tr.t(key),
            value: match (cur, shown) {
                (None, _) => "—".to_owned(),
                (Some(_), None) => format!("<{threshold}"),
                (Some(_), Some(v)) => tr.number(v),
            },
            change: change(shown, before),
            compared: compared.clone(),
        });
    };
    let pairs: [(&'static str, &str, &StatTable, &StatTable, &str); 8] = [
        (
            "entries",
            "analytics-kpi-entries",
            &flows_cur,
            &flows_prev,
            "entries",
        ),
        (
            "exits",
            "analytics-kpi-exits",
            &flows_cur,
            &flows_prev,
            "exits",
        ),
        ("net", "analytics-kpi-net", &flows_cur, &flows_prev, "net"),
        (
            "present",
            "analytics-kpi-present",
            &stock_cur,
            &stock_prev,
            "persons",
        ),
        (
            "received",
            "analytics-kpi-received",
            &apps_cur,
            &apps_prev,
            "received",
        ),
        (
            "decided",
            "analytics-kpi-decided",
            &apps_cur,
            &apps_prev,
            "decided",
        ),
        (
            "valid-permits",
            "analytics-kpi-valid-permits",
            &permits_cur,
            &permits_prev,
            "valid",
        ),
        (
            "overstays",
            "analytics-kpi-overstays",
            &over_cur,
            &over_prev,
            "persons",
        ),
    ];
    for (id, key, cur, prev, column) in pairs {
        tile(id, key, total_of(cur, column), total_of(prev, column));
    }
    let mut boxes = Vec::new();
    boxes.push(chart_for(
        &tr,
        "chart-flows",
        tr.t("analytics-chart-flows"),
        &flows_month,
        csv_link("flows", &monthly),
    ));
    {
        let labels = periods(&modes);
        let mut groups: Vec<String> = modes.rows.iter().map(|r| r.group.clone()).collect();
        groups.sort();
        groups.dedup();
        let series: Vec<(String, Vec<f64>)> = groups
            .iter()
            .map(|g| {
                (
                    label(&tr, "group", g),
                    labels
                        .iter()
                        .map(|p| modes.value(Some(p), g, "entries").unwrap_or(0) as f64)
                        .collect(),
                )
            })
            .collect();
        let title = tr.t("analytics-chart-modes");
        boxes.push(ChartBox {
            id: "chart-modes".into(),
            svg: charts::stacked_chart(&title, &labels, &series),
            title,
            table: data_table(&tr, &modes),
            csv_url: Some(csv_link("flows", &by_mode)),
        });
    }
    boxes.push(chart_for(
        &tr,
        "chart-applications",
        tr.t("analytics-chart-applications"),
        &apps_year,
        csv_link("applications", &apps_year_q),
    ));
    boxes.push(chart_for(
        &tr,
        "chart-stock",
        tr.t("analytics-chart-stock"),
        &stock_cur,
        csv_link("stock", &stock_q),
    ));
    // Ranked citizenships over the twelve months.
    let ranked = {
        let total_entries = total_of(&nats, "entries").unwrap_or(0).max(1);
        let top: Vec<&umis_service::StatRow> = nats.rows.iter().take(15).collect();
        let labels: Vec<String> = top.iter().map(|r| r.group.clone()).collect();
        let values: Vec<Option<f64>> = top.iter().map(|r| r.values[0].map(|v| v as f64)).collect();
        let title = tr.t("analytics-chart-citizenships");
        let rows = top
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    (i + 1).to_string(),
                    r.group.clone(),
                    cell(&tr, r.values[0], nats.suppress_below),
                    cell(&tr, r.values[1], nats.suppress_below),
                    cell(&tr, r.values[2], nats.suppress_below),
                    r.values[0].map_or_else(
                        || "—".to_owned(),
                        |v| format!("{:.1} %", v as f64 * 100.0 / total_entries as f64),
                    ),
                ]
            })
            .collect();
        ChartBox {
            id: "chart-citizenships".into(),
            svg: charts::bar_chart(&title, &labels, &values),
            title,
            table: DataTable {
                columns: vec![
                    tr.t("analytics-rank"),
                    tr.t("stats-group-nationality"),
                    label(&tr, "col", "entries"),
                    label(&tr, "col", "exits"),
                    label(&tr, "col", "net"),
                    tr.t("analytics-share"),
                ],
                rows,
            },
            csv_url: Some(csv_link("flows", &nat_q)),
        }
    };
    render(&OverviewPage {
        page: Page::for_user(&cu, "analytics", "nav-analytics", "/analytics"),
        to: t,
        period_from: cf,
        tiles,
        charts: boxes,
        ranked: Some(ranked),
        threshold: s.stats_threshold(),
    })
}

/// A statistic as an audited CSV download.
pub(crate) async fn export(
    State(state): State<AppState>,
    cu: CurrentUser,
    Path(dataset): Path<String>,
    Query(q): Query<ExploreQuery>,
) -> Result<Response, UiError> {
    if !umis_service::DATASETS.contains(&dataset.as_str()) {
        return Err(UiError::NotFound);
    }
    let table = state
        .services
        .stats_export(&cu.ctx, &dataset, &q.to_stats())
        .await?;
    Ok(crate::api::csv_response(
        &format!("umis-{dataset}"),
        table.to_csv(),
    ))
}

// ---------------------------------------------------------------------------------------------
// Analyst workspace

#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct ExploreQuery {
    #[serde(default)]
    dataset: Option<String>,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    interval: Option<String>,
    #[serde(default)]
    by: Option<String>,
    #[serde(default)]
    nationality: Option<String>,
    #[serde(default)]
    bcp: Option<String>,
    #[serde(default)]
    travel_mode: Option<String>,
}

impl ExploreQuery {
    fn to_stats(&self) -> StatsQuery {
        let o = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        StatsQuery {
            from: o(&self.from),
            to: o(&self.to),
            as_of: o(&self.as_of),
            interval: o(&self.interval),
            by: o(&self.by),
            nationality: o(&self.nationality),
            bcp: o(&self.bcp),
            travel_mode: o(&self.travel_mode),
            format: None,
        }
    }

    fn get(&self, f: &str) -> String {
        match f {
            "from" => &self.from,
            "to" => &self.to,
            "as_of" => &self.as_of,
            "interval" => &self.interval,
            "by" => &self.by,
            "nationality" => &self.nationality,
            "bcp" => &self.bcp,
            "travel_mode" => &self.travel_mode,
            _ => &None,
        }
        .clone()
        .unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "analytics_explore.html")]
struct ExplorePage {
    page: Page,
    q: ExploreQuery,
    dataset: String,
    datasets: Vec<(&'static str, String)>,
    breakdowns: Vec<(&'static str, String)>,
    intervals: Vec<(&'static str, String)>,
    chart: Option<ChartBox>,
    error: Option<(String, String)>,
    suppressed: usize,
    threshold: i64,
}

const BREAKDOWNS: [(&str, &[&str]); 6] = [
    ("flows", &["total", "nationality", "bcp", "travel_mode"]),
    (
        "stock",
        &["nationality", "sex", "age_band", "basis", "region"],
    ),
    ("applications", &["type", "ground"]),
    ("permits", &["kind"]),
    ("enforcement", &["measure"]),
    ("overstays", &["nationality"]),
];

/// The analyst workspace: any statistic with its filters, as a table, a chart and a CSV.
pub(crate) async fn explore(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<ExploreQuery>,
) -> Result<Response, UiError> {
    state
        .services
        .authorize(&cu.ctx, Permission::ReadStats, "stats.view")
        .await?;
    let tr = cu.tr;
    let dataset = q
        .dataset
        .clone()
        .filter(|d| umis_service::DATASETS.contains(&d.as_str()))
        .unwrap_or_else(|| "flows".to_owned());
    let datasets = umis_service::DATASETS
        .iter()
        .map(|d| (*d, tr.t(format!("stats-dataset-{d}"))))
        .collect();
    let mut breakdowns: Vec<(&'static str, String)> = Vec::new();
    for (d, list) in BREAKDOWNS {
        for b in list {
            if !breakdowns.iter().any(|(x, _)| x == b) {
                breakdowns.push((b, label(&tr, "by", b)));
            }
            let _ = d;
        }
    }
    let intervals = ["month", "day", "week", "quarter", "year", "total"]
        .iter()
        .map(|i| (*i, tr.t(format!("stats-interval-{i}"))))
        .collect();
    let stats_q = q.to_stats();
    let path = format!(
        "/analytics/explore?{}",
        query_of(&[("dataset", dataset.clone())])
    );
    let page = Page::for_user(&cu, "analytics", "nav-explore", &path);
    let threshold = state.services.stats_threshold();
    match state.services.stats(&cu.ctx, &dataset, &stats_q).await {
        Ok(table) => {
            let title = tr.t(format!("stats-dataset-{dataset}"));
            let suppressed = table.suppressed_cells;
            let csv = csv_link(&dataset, &stats_q);
            let chart = chart_for(&tr, "explore-chart", title, &table, csv);
            render(&ExplorePage {
                page,
                q,
                dataset,
                datasets,
                breakdowns,
                intervals,
                chart: Some(chart),
                error: None,
                suppressed,
                threshold,
            })
        }
        Err(ServiceError::Validation { field, code, .. }) => {
            let mut res = render(&ExplorePage {
                page,
                q,
                dataset,
                datasets,
                breakdowns,
                intervals,
                chart: None,
                error: Some((field.to_owned(), stats_error_key(code))),
                suppressed: 0,
                threshold,
            })?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

/// The message key explaining a rejected statistic parameter.
fn stats_error_key(code: &str) -> String {
    match code {
        "invalid_date" => "stats-error-date",
        "invalid_period" => "stats-error-period",
        "period_too_long" => "stats-error-too-long",
        "unknown_value" => "stats-error-value",
        "unknown_country" => "stats-error-country",
        "invalid_bcp" => "stats-error-bcp",
        _ => "error-bad-request",
    }
    .to_owned()
}

// ---------------------------------------------------------------------------------------------
// Forecasts

#[derive(Template)]
#[template(path = "analytics_forecast.html")]
struct ForecastPage {
    page: Page,
    series: String,
    series_list: Vec<(&'static str, String)>,
    nationality: String,
    app_type: String,
    horizon: String,
    csv: String,
    chart: Option<ChartBox>,
    result: Option<Forecast>,
    error: Option<String>,
}

impl ForecastPage {
    fn f3(&self, v: &f64) -> String {
        format!("{v:.3}")
    }
    fn f1(&self, v: &f64) -> String {
        format!("{v:.1}")
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ForecastQuery {
    #[serde(default)]
    series: Option<String>,
    #[serde(default)]
    nationality: Option<String>,
    #[serde(default)]
    app_type: Option<String>,
    #[serde(default)]
    horizon: Option<String>,
}

/// An uploaded series.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct UploadForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    csv: String,
    #[serde(default)]
    horizon: String,
    #[serde(default)]
    season: String,
}

csrf_form!(UploadForm);

fn forecast_chart(tr: &Tr, title: String, series: &Series, f: &Forecast) -> ChartBox {
    let h = series.len();
    let mut labels: Vec<String> = series.periods.iter().map(ToString::to_string).collect();
    labels.extend(f.forecast.iter().map(|p| p.period.clone()));
    let n = labels.len();
    let mut hist: Vec<Option<f64>> = series.values.iter().map(|v| Some(*v)).collect();
    hist.resize(n, None);
    // The forecast line starts at the last observed value so the two join.
    let mut fc: Vec<Option<f64>> = vec![None; n];
    if h > 0 {
        fc[h - 1] = series.values.last().copied();
    }
    let mut lo80 = vec![None; n];
    let mut hi80 = vec![None; n];
    let mut lo95 = vec![None; n];
    let mut hi95 = vec![None; n];
    for (i, p) in f.forecast.iter().enumerate() {
        fc[h + i] = Some(p.value);
        lo80[h + i] = Some(p.lo80);
        hi80[h + i] = Some(p.hi80);
        lo95[h + i] = Some(p.lo95);
        hi95[h + i] = Some(p.hi95);
    }
    let svg = charts::line_chart(
        &title,
        &labels,
        &[
            Line {
                label: tr.t("forecast-history"),
                values: hist,
                color: PALETTE[0],
                dashed: false,
            },
            Line {
                label: tr.t("forecast-point"),
                values: fc,
                color: PALETTE[5],
                dashed: true,
            },
        ],
        &[
            Band {
                label: tr.t("forecast-pi95"),
                lo: lo95,
                hi: hi95,
                color: PALETTE[5],
                opacity: 0.15,
            },
            Band {
                label: tr.t("forecast-pi80"),
                lo: lo80,
                hi: hi80,
                color: PALETTE[5],
                opacity: 0.3,
            },
        ],
        None,
    );
    let mut rows: Vec<Vec<String>> = series
        .periods
        .iter()
        .zip(&series.values)
        .map(|(p, v)| {
            vec![
                p.to_string(),
                fnum(tr, *v),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]
        })
        .collect();
    rows.extend(f.forecast.iter().map(|p| {
        vec![
            p.period.clone(),
            String::new(),
            fnum(tr, p.value),
            fnum(tr, p.lo80),
            fnum(tr, p.hi80),
            fnum(tr, p.lo95),
            fnum(tr, p.hi95),
        ]
    }));
    ChartBox {
        id: "forecast-chart".into(),
        title,
        svg,
        table: DataTable {
            columns: vec![
                tr.t("stats-period"),
                tr.t("forecast-history"),
                tr.t("forecast-point"),
                "lo80".into(),
                "hi80".into(),
                "lo95".into(),
                "hi95".into(),
            ],
            rows,
        },
        csv_url: None,
    }
}

fn series_list(tr: &Tr) -> Vec<(&'static str, String)> {
    umis_service::SYSTEM_SERIES
        .iter()
        .map(|s| (*s, tr.t(format!("forecast-series-{}", s.replace('_', "-")))))
        .collect()
}

fn forecast_error(tr: &Tr, e: &ServiceError) -> Option<String> {
    match e {
        // A bad series: the translated reason, and the detail naming the row or period
        // (never a person).
        ServiceError::Validation {
            field: "series",
            code,
            message,
        } => {
            let text = tr
                .try_t(format!("forecast-error-{}", code.replace('_', "-")))
                .unwrap_or_else(|| tr.t("forecast-error-general"));
            Some(format!("{text} ({message})"))
        }
        ServiceError::Validation {
            code: "horizon_too_long",
            ..
        } => Some(tr.t("forecast-error-horizon-too-long")),
        ServiceError::TooLarge { .. } => Some(tr.t("forecast-error-series-too-long")),
        ServiceError::Busy { .. } => Some(tr.t("error-busy")),
        ServiceError::Unavailable { .. } => Some(tr.t("error-out-of-time")),
        // A bad filter (nationality, months…): the statistics' own messages.
        ServiceError::Validation { field, code, .. } => {
            Some(format!("{} ({field})", tr.t(stats_error_key(code))))
        }
        _ => None,
    }
}

/// The forecast page for a series the system holds.
pub(crate) async fn forecast(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<ForecastQuery>,
) -> Result<Response, UiError> {
    let s = &state.services;
    s.authorize(&cu.ctx, Permission::ReadStats, "stats.forecast")
        .await?;
    let tr = cu.tr;
    let series_name = q
        .series
        .clone()
        .filter(|x| !x.is_empty())
        .unwrap_or_else(|| "entries".into());
    let trim = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let horizon_text = trim(&q.horizon).unwrap_or_else(|| "12".into());
    let page = Page::for_user(&cu, "analytics", "nav-forecast", "/analytics/forecast");
    let mut view = ForecastPage {
        page,
        series: series_name.clone(),
        series_list: series_list(&tr),
        nationality: trim(&q.nationality).unwrap_or_default(),
        app_type: trim(&q.app_type).unwrap_or_default(),
        horizon: horizon_text.clone(),
        csv: String::new(),
        chart: None,
        result: None,
        error: None,
    };
    let Some(horizon) = horizon_text.parse::<usize>().ok() else {
        view.error = Some(tr.t("forecast-error-bad-horizon"));
        return render_status(&view, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let outcome = async {
        let series = s
            .system_series(
                &cu.ctx,
                &SystemSeriesQuery {
                    series: series_name.clone(),
                    nationality: trim(&q.nationality),
                    bcp: None,
                    app_type: trim(&q.app_type),
                    months: None,
                },
            )
            .await?;
        let f = s
            .forecast_series(
                &cu.ctx,
                series.clone(),
                ForecastOptions {
                    horizon,
                    season: None,
                    non_negative: true,
                },
            )
            .await?;
        Ok::<_, ServiceError>((series, f))
    }
    .await;
    match outcome {
        Ok((series, f)) => {
            let title = view
                .series_list
                .iter()
                .find(|(k, _)| *k == series_name)
                .map_or_else(|| series_name.clone(), |(_, l)| l.clone());
            view.chart = Some(forecast_chart(&tr, title, &series, &f));
            view.result = Some(f);
            render(&view)
        }
        Err(e) => match forecast_error(&tr, &e) {
            Some(msg) => {
                view.error = Some(msg);
                render_status(&view, StatusCode::UNPROCESSABLE_ENTITY)
            }
            None => Err(e.into()),
        },
    }
}

fn render_status<T: Template>(t: &T, status: StatusCode) -> Result<Response, UiError> {
    let mut res = render(t)?;
    *res.status_mut() = status;
    Ok(res)
}

/// Forecasts a series pasted or uploaded as CSV (`period,value`).
pub(crate) async fn forecast_upload(
    State(state): State<AppState>,
    Protected { cu, form }: Protected<UploadForm>,
) -> Result<Response, UiError> {
    let tr = cu.tr;
    let page = Page::for_user(&cu, "analytics", "nav-forecast", "/analytics/forecast");
    let mut view = ForecastPage {
        page,
        series: "upload".into(),
        series_list: series_list(&tr),
        nationality: String::new(),
        app_type: String::new(),
        horizon: form.horizon.trim().to_owned(),
        csv: form.csv.clone(),
        chart: None,
        result: None,
        error: None,
    };
    let Ok(horizon) = form.horizon.trim().parse::<usize>() else {
        view.error = Some(tr.t("forecast-error-bad-horizon"));
        return render_status(&view, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let season = match form.season.trim() {
        "" => None,
        s => match s.parse::<usize>() {
            Ok(n) => Some(n),
            Err(_) => {
                view.error = Some(tr.t("forecast-error-bad-season"));
                return render_status(&view, StatusCode::UNPROCESSABLE_ENTITY);
            }
        },
    };
    let series = match Series::parse_csv(&form.csv) {
        Ok(s) => s,
        Err(e) => {
            let err = ServiceError::invalid("series", e.code(), e.to_string());
            view.error = forecast_error(&tr, &err);
            return render_status(&view, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    match state
        .services
        .forecast_series(
            &cu.ctx,
            series.clone(),
            ForecastOptions {
                horizon,
                season,
                non_negative: true,
            },
        )
        .await
    {
        Ok(f) => {
            view.chart = Some(forecast_chart(&tr, tr.t("forecast-uploaded"), &series, &f));
            view.result = Some(f);
            render(&view)
        }
        Err(e) => match forecast_error(&tr, &e) {
            Some(msg) => {
                view.error = Some(msg);
                render_status(&view, StatusCode::UNPROCESSABLE_ENTITY)
            }
            None => Err(e.into()),
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Anomalies

pub(crate) struct AlertView {
    pub(crate) title: String,
    pub(crate) day: String,
    pub(crate) value: String,
    pub(crate) expected: String,
    pub(crate) score: String,
    pub(crate) up: bool,
    pub(crate) chart: ChartBox,
}

#[derive(Template)]
#[template(path = "analytics_anomalies.html")]
struct AnomaliesPage {
    page: Page,
    as_of: String,
    alerts: Vec<AlertView>,
    recent_days: i64,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct AnomalyQuery {
    #[serde(default)]
    as_of: Option<String>,
}

/// Anomaly alerts of the last two weeks, each with the chart that explains it.
pub(crate) async fn anomalies(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<AnomalyQuery>,
) -> Result<Response, UiError> {
    let tr = cu.tr;
    let as_of = q
        .as_of
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    let alerts = match state.services.anomalies(&cu.ctx, as_of.as_deref()).await {
        Ok(a) => a,
        Err(ServiceError::Validation { .. }) => {
            return Err(UiError::BadRequest("stats-error-date"));
        }
        Err(e) => return Err(e.into()),
    };
    let views = alerts
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let group = if a.group == "all" {
                String::new()
            } else {
                format!(" · {}", label(&tr, "group", &a.group))
            };
            let title = format!(
                "{}{}{group}",
                tr.t(format!("anomaly-metric-{}", a.metric)),
                if a.dimension == "bcp" {
                    format!(" · {}", tr.t("stats-by-bcp"))
                } else {
                    String::new()
                }
            );
            let labels: Vec<String> = a.history.iter().map(|(d, _)| d.clone()).collect();
            let values: Vec<Option<f64>> = a.history.iter().map(|(_, v)| Some(*v)).collect();
            let mark = labels.len().checked_sub(1);
            let svg = charts::line_chart(
                &format!("{title} — {}", a.day),
                &labels,
                &[Line {
                    label: tr.t(format!("anomaly-metric-{}", a.metric)),
                    values,
                    color: PALETTE[0],
                    dashed: false,
                }],
                &[],
                mark,
            );
            let up = matches!(a.direction, umis_service::umis_forecast::Direction::Up);
            AlertView {
                title: title.clone(),
                day: a.day.clone(),
                value: fnum(&tr, a.value),
                expected: fnum(&tr, a.expected),
                score: format!("{:.1}", a.score),
                up,
                chart: ChartBox {
                    id: format!("anomaly-{i}"),
                    title,
                    svg,
                    table: DataTable {
                        columns: vec![tr.t("stats-period"), tr.t("anomaly-count")],
                        rows: a
                            .history
                            .iter()
                            .map(|(d, v)| vec![d.clone(), fnum(&tr, *v)])
                            .collect(),
                    },
                    csv_url: None,
                },
            }
        })
        .collect();
    render(&AnomaliesPage {
        page: Page::for_user(&cu, "analytics", "nav-anomalies", "/analytics/anomalies"),
        as_of: as_of
            .unwrap_or_else(|| (state.services.local_today() - Duration::days(1)).to_string()),
        alerts: views,
        recent_days: umis_service::ANOMALY_RECENT_DAYS,
    })
}

// ---------------------------------------------------------------------------------------------
// Monthly bulletin

/// One titled table of the bulletin.
pub(crate) struct Section {
    pub(crate) id: &'static str,
    pub(crate) title: String,
    pub(crate) table: DataTable,
}

#[derive(Template)]
#[template(path = "analytics_bulletin.html")]
struct BulletinPage {
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

struct Bulletin {
    month: String,
    title: String,
    sections: Vec<Section>,
    /// The charts for the page (SVG) and the same for the PDF.
    charts: Vec<(ChartBox, crate::pdf::Chart)>,
}

/// A chart of the bulletin, drawn as SVG on the page and as vector graphics in the PDF.
struct BulletinChart {
    id: &'static str,
    title: String,
    kind: crate::pdf::ChartKind,
    labels: Vec<String>,
    /// (legend label, dashed, one value per label)
    series: Vec<(String, bool, Vec<Option<i64>>)>,
}

/// `#rrggbb` as (red, green, blue).
fn rgb_of(hex: &str) -> (u8, u8, u8) {
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
            labels,
            series,
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
                charts::line_chart(&self.title, &self.labels, &lines, &[], None)
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
                charts::bar_chart(&title, &self.labels, &values)
            }
        };
        let pdf = crate::pdf::Chart {
            title: self.title.clone(),
            kind: self.kind,
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
fn bulletin_month(state: &AppState, q: &BulletinQuery) -> Result<(Date, Date), UiError> {
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

async fn build_bulletin(
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
