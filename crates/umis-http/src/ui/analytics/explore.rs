//! The analyst workspace: any statistic with its filters and breakdowns.

use super::*;

#[derive(Template)]
#[template(path = "analytics_explore.html")]
pub(super) struct ExplorePage {
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

pub(super) const BREAKDOWNS: [(&str, &[&str]); 6] = [
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
