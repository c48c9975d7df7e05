//! Anomaly alerts: days whose border flows leave their expected range.

use super::*;

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
pub(super) struct AnomaliesPage {
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
                &charts::words(&tr, 0),
                None,
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
