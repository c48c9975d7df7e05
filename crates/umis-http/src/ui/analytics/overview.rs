//! The leadership overview: KPI tiles against the previous period, charts and ranked citizenships.

use super::overview_charts::{modes_chart, ranked_citizenships};
use super::overview_tiles::{Figures, kpi_tiles};
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
    let (t, cf) = (to.to_string(), cur_from.to_string());
    let (pf, pt) = (prev_from.to_string(), prev_to.to_string());
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
    let tiles = kpi_tiles(
        &tr,
        &pf,
        s.stats_threshold(),
        Figures::new(&flows_cur, &stock_cur, &apps_cur, &permits_cur, &over_cur),
        Figures::new(
            &flows_prev,
            &stock_prev,
            &apps_prev,
            &permits_prev,
            &over_prev,
        ),
    );
    let boxes = vec![
        chart_for(
            &tr,
            "chart-flows",
            tr.t("analytics-chart-flows"),
            &flows_month,
            csv_link("flows", &monthly),
        ),
        modes_chart(&tr, &modes, csv_link("flows", &by_mode)),
        chart_for(
            &tr,
            "chart-applications",
            tr.t("analytics-chart-applications"),
            &apps_year,
            csv_link("applications", &apps_year_q),
        ),
        chart_for(
            &tr,
            "chart-stock",
            tr.t("analytics-chart-stock"),
            &stock_cur,
            csv_link("stock", &stock_q),
        ),
    ];
    render(&OverviewPage {
        page: Page::for_user(&cu, "analytics", "nav-analytics", "/analytics"),
        to: t,
        period_from: cf,
        tiles,
        charts: boxes,
        // Ranked citizenships over the twelve months.
        ranked: Some(ranked_citizenships(&tr, &nats, csv_link("flows", &nat_q))),
        threshold: s.stats_threshold(),
    })
}
