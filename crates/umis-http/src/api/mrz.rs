//! `POST /api/v1/mrz/parse`: reads and checks a machine-readable zone (ICAO Doc 9303).

use crate::extract::{ApiCtx, ApiJson};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

/// The MRZ to read.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MrzBody {
    /// The lines of one document's MRZ, separated by `\n`.
    pub mrz: String,
}

/// Today's date (UTC) as the MRZ century rules need it.
pub(crate) fn today(now_micros: i64) -> (i32, u8, u8) {
    let t = time::OffsetDateTime::from_unix_timestamp(now_micros.div_euclid(1_000_000))
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    (t.year(), u8::from(t.month()), t.day())
}

/// Parses and validates one MRZ (TD1, TD2, TD3, MRV-A, MRV-B). Any valid token may call it; the
/// call is audited without the document's content. Invalid documents are data: the answer is
/// 200 with `valid: false` and every defect in `errors`.
#[utoipa::path(
    post, path = "/mrz/parse", tag = "documents",
    request_body = MrzBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The report: format, fields, checks, errors", body = umis_domain::mrz::MrzReport),
        (status = 401, description = "Missing or invalid token", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Body is not {\"mrz\": string}", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn parse_mrz(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    ApiJson(body): ApiJson<MrzBody>,
) -> Result<Json<umis_domain::mrz::MrzReport>, ApiError> {
    if body.mrz.len() > 1024 {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "too_long",
            "an MRZ has at most three lines of 44 characters",
        ));
    }
    let report = umis_domain::mrz::parse_mrz(&body.mrz, today(state.services.now()));
    state
        .services
        .audit_read(
            &ctx,
            "mrz.parse",
            None,
            None,
            serde_json::json!({ "valid": report.valid, "errors": report.errors.len() }),
        )
        .await?;
    Ok(Json(report))
}
