//! `POST /api/v1/screening`: checks a traveller against entry bans, watch lists and documents
//! reported lost or stolen.

use crate::extract::{ApiCtx, ApiJson};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{FromRequest, Request, State};
use serde::Deserialize;
use umis_service::{ScreeningQuery, ScreeningResult};
use utoipa::ToSchema;

/// What to screen: an MRZ, or any of the other fields (a name or a document number at least).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreeningBody {
    /// MRZ lines separated by `\n`; its fields fill in whatever is not given separately.
    #[serde(default)]
    pub mrz: Option<String>,
    /// Surname.
    #[serde(default)]
    pub surname: Option<String>,
    /// Given names.
    #[serde(default)]
    pub given_names: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    #[schema(value_type = super::vocab::PartialDayOrNullSchema, inline)]
    pub birth_date: Option<String>,
    /// ICAO nationality.
    #[serde(default)]
    #[schema(value_type = super::vocab::CountryOrNullSchema, inline)]
    pub nationality: Option<String>,
    /// Document number.
    #[serde(default)]
    pub document_number: Option<String>,
}

/// Screens one traveller (requires `screening:read`). The answer is `{"decision": "clear" |
/// "refer", "hits": [{"list", "entry_id", "person_id", "score", "reasons", "ground",
/// "valid_to"}]}`; `refer` when any hit scores 0.85 or more. Every screening is audited.
#[utoipa::path(
    post, path = "/screening", tag = "screening",
    request_body = ScreeningBody,
    security(("bearer" = ["screening:read"])),
    responses(
        (status = 200, description = "The decision and its hits", body = ScreeningResult),
        (status = 401, description = "Missing or invalid token", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Token lacks screening:read", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Nothing to screen, or an unreadable MRZ", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn screen(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    req: Request,
) -> Result<Json<ScreeningResult>, ApiError> {
    state
        .services
        .authorize(&ctx, umis_domain::Permission::Screen, "screening.check")
        .await?;
    let ApiJson(b) = ApiJson::<ScreeningBody>::from_request(req, &state).await?;
    let q = ScreeningQuery {
        mrz: b.mrz,
        surname: b.surname,
        given_names: b.given_names,
        birth_date: b.birth_date,
        nationality: b.nationality,
        document_number: b.document_number,
    };
    Ok(Json(state.services.screen(&ctx, &q).await?))
}
