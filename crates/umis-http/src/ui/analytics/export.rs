//! A statistic as an audited CSV download.

use super::*;

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
