//! The monthly bulletin: printable page and PDF, with its charts.

use super::bulletin_build::build_bulletin;
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
    pub(super) month: String,
    pub(super) title: String,
    pub(super) sections: Vec<Section>,
    /// The charts for the page (SVG) and the same for the PDF.
    pub(super) charts: Vec<(ChartBox, crate::pdf::Chart)>,
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
