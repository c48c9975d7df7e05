//! The leadership overview: KPI tiles against the previous period, charts and ranked citizenships; CSV exports of its tables.

use super::*;

#[derive(Template)]
#[template(path = "analytics.html")]
pub(super) struct OverviewPage {
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
    let compared = tr.t1("analytics-compared", "from", tr.date(&pf));
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
            change: change(&tr, id, shown, before),
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
        let series: Vec<(String, Vec<Option<f64>>)> = groups
            .iter()
            .map(|g| {
                (
                    label(&tr, "group", g),
                    labels
                        .iter()
                        .map(|p| modes.value(Some(p), g, "entries").map(|v| v as f64))
                        .collect(),
                )
            })
            .collect();
        let title = tr.t("analytics-chart-modes");
        let words = charts::Words::new(&tr, modes.suppress_below);
        let partial = super::partial_from(&modes, &labels);
        boxes.push(ChartBox {
            id: "chart-modes".into(),
            svg: charts::stacked_chart(
                &title,
                &labels.iter().map(|p| tr.period(p)).collect::<Vec<_>>(),
                &series,
                &words,
                partial,
            ),
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
            svg: charts::bar_chart(
                &title,
                &labels,
                &values,
                &charts::Words::new(&tr, nats.suppress_below),
            ),
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
