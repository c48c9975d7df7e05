//! `/api/v1/persons/duplicates`: the duplicate-review queue and "not a duplicate" decisions.
//! Merging is `POST /persons/{person_id}/merge`.

use super::persons::rfc3339;
use super::{Page, parse_query};
use crate::extract::{ApiCtx, ApiJson};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{FromRequest, RawQuery, Request, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use umis_service::DuplicatePair;
use utoipa::{IntoParams, ToSchema};

/// A pair of records that are likely the same person.
#[derive(Debug, Serialize, ToSchema)]
pub struct DuplicatePairOut {
    /// The lower person number.
    #[schema(value_type = super::vocab::PersonNumberSchema, inline)]
    pub person_a: String,
    /// The higher person number.
    #[schema(value_type = super::vocab::PersonNumberSchema, inline)]
    pub person_b: String,
    /// How alike the records are (0–1).
    pub score: f32,
    /// `open` (awaiting review), `not_duplicate` or `merged`.
    pub status: String,
    /// When the pair was found (RFC 3339).
    pub found_at: Option<String>,
    /// Who decided.
    pub decided_by: Option<String>,
    /// When (RFC 3339).
    pub decided_at: Option<String>,
    /// Why the records are different persons.
    pub reason: Option<String>,
}

impl From<DuplicatePair> for DuplicatePairOut {
    fn from(p: DuplicatePair) -> Self {
        DuplicatePairOut {
            person_a: p.person_a,
            person_b: p.person_b,
            score: p.score,
            status: p.status,
            found_at: p.found_at.map(rfc3339),
            decided_by: p.decided_by,
            decided_at: p.decided_at.map(rfc3339),
            reason: p.reason,
        }
    }
}

/// Query parameters of the queue.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct QueueQuery {
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[param(pattern = "^([0-9]{1,9})?$")]
    pub cursor: Option<String>,
}

/// The review queue: pairs awaiting a decision, best first (requires `persons:read`; audited).
#[utoipa::path(
    get, path = "/persons/duplicates", tag = "persons",
    params(QueueQuery),
    security(("bearer" = ["persons:read"])),
    responses(
        (status = 200, description = "A page of pairs", body = Page<DuplicatePairOut>),
        (status = 400, description = "Invalid parameter or cursor", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Token lacks persons:read", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn list_duplicates(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    RawQuery(raw): RawQuery,
) -> Result<Json<Page<DuplicatePairOut>>, ApiError> {
    state
        .services
        .authorize(
            &ctx,
            umis_domain::Permission::ReadPersons,
            "person.duplicate_queue",
        )
        .await?;
    let q: QueueQuery = parse_query(raw.as_deref())?;
    let limit = super::bounded("limit", q.limit, (1, 200), 50)? as usize;
    let offset = match q.cursor.as_deref() {
        None | Some("") => 0,
        Some(c) => c.parse::<usize>().map_err(|_| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_cursor",
                "the cursor is not one this API issued",
            )
        })?,
    };
    let (pairs, total) = state.services.duplicate_queue(&ctx, offset, limit).await?;
    let next = offset + pairs.len();
    Ok(Json(Page {
        next_cursor: ((next as i64) < total && !pairs.is_empty()).then(|| next.to_string()),
        items: pairs.into_iter().map(DuplicatePairOut::from).collect(),
    }))
}

/// What was decided about a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The two records are different persons: the pair leaves the queue for good.
    NotDuplicate,
}

/// A decision about a pair (merges go through `POST /persons/{person_id}/merge`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    /// One person number of the pair.
    pub person_a: String,
    /// The other.
    pub person_b: String,
    /// `not_duplicate`.
    pub decision: Decision,
    /// Why (required, at most 500 characters).
    #[schema(value_type = super::vocab::Text500Schema, inline)]
    pub reason: String,
}

/// Records that two records are different persons (requires `persons:write`; audited).
#[utoipa::path(
    post, path = "/persons/duplicates/decisions", tag = "persons",
    request_body = DecisionBody,
    security(("bearer" = ["persons:write"])),
    responses(
        (status = 201, description = "The pair with its decision", body = DuplicatePairOut),
        (status = 404, description = "No such person", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The pair was already decided", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Same person, malformed number, missing reason or unknown decision", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn decide(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    req: Request,
) -> Result<(StatusCode, Json<DuplicatePairOut>), ApiError> {
    state
        .services
        .authorize(
            &ctx,
            umis_domain::Permission::WritePersons,
            "person.not_duplicate",
        )
        .await?;
    let ApiJson(body) = ApiJson::<DecisionBody>::from_request(req, &state).await?;
    let Decision::NotDuplicate = body.decision;
    let pair = state
        .services
        .decide_not_duplicate(&ctx, &body.person_a, &body.person_b, &body.reason)
        .await?;
    Ok((StatusCode::CREATED, Json(pair.into())))
}
