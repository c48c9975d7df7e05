//! `/api/v1/persons`: the unified person registry as partner agencies see it.
//!
//! The registry itself arrives with the identity capability; until then the collection is
//! empty, reads are authorised and audited like any read of personal data, and writes are
//! authorised before they are refused as not yet available.

use super::{Page, page_limit, parse_query};
use crate::ApiError;
use crate::AppState;
use crate::extract::{ApiCtx, ApiJson};
use axum::Json;
use axum::extract::{FromRequest, RawQuery, Request, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use umis_domain::Permission;
use umis_service::ServiceError;
use utoipa::{IntoParams, ToSchema};

/// A person in the registry.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonSummary {
    /// The UMIS person number.
    pub person_id: String,
    /// Record status.
    pub status: PersonStatus,
}

/// The status of a person record.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PersonStatus {
    /// A live record.
    Active,
    /// Merged into another record.
    Merged,
}

/// Query parameters of the person list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListPersonsQuery {
    /// Page size, 1–500 (default 50).
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Only records with this status (`active` or `merged`).
    pub status: Option<String>,
}

/// Lists persons (requires scope `persons:read`); every call is audited.
#[utoipa::path(
    get, path = "/persons", tag = "persons",
    params(ListPersonsQuery),
    security(("bearer" = ["persons:read"])),
    responses(
        (status = 200, description = "A page of persons", body = Page<PersonSummary>),
        (status = 400, description = "Invalid parameter", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing or invalid token", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Token lacks persons:read", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn list_persons(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    RawQuery(raw): RawQuery,
) -> Result<Json<Page<PersonSummary>>, ApiError> {
    state
        .services
        .authorize(&ctx, Permission::ReadPersons, "person.list")
        .await?;
    let q: ListPersonsQuery = parse_query(raw.as_deref())?;
    let limit = page_limit(q.limit)?;
    if let Some(status) = &q.status {
        serde_json::from_value::<PersonStatus>(serde_json::Value::String(status.clone())).map_err(
            |_| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_parameter",
                    format!(
                        "unknown status '{}'; expected one of: active, merged",
                        status.chars().take(32).collect::<String>()
                    ),
                )
            },
        )?;
    }
    if let Some(cursor) = &q.cursor
        && (cursor.is_empty()
            || cursor.len() > 128
            || !cursor
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_cursor",
            "the cursor is not one this API issued",
        ));
    }
    let items: Vec<PersonSummary> = Vec::new();
    state
        .services
        .audit_read(
            &ctx,
            "person.list",
            None,
            None,
            serde_json::json!({ "limit": limit, "results": items.len() }),
        )
        .await?;
    Ok(Json(Page {
        items,
        next_cursor: None,
    }))
}

/// A person to create.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewPersonBody {
    /// Surname in the original script.
    pub surname: String,
    /// Given names in the original script.
    #[serde(default)]
    pub given_names: Option<String>,
}

/// Creates a person (requires scope `persons:write`).
#[utoipa::path(
    post, path = "/persons", tag = "persons",
    request_body = NewPersonBody,
    security(("bearer" = ["persons:write"])),
    responses(
        (status = 401, description = "Missing or invalid token", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Token lacks persons:write", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 501, description = "The registry is not available in this version", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn create_person(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    req: Request,
) -> Result<StatusCode, ApiError> {
    // Authorise before reading the body: a token without the scope learns nothing more.
    state
        .services
        .authorize(&ctx, Permission::WritePersons, "person.create")
        .await?;
    let ApiJson(body) = ApiJson::<NewPersonBody>::from_request(req, &state).await?;
    if body.surname.trim().is_empty() {
        return Err(ServiceError::invalid("surname", "required", "surname is required").into());
    }
    let _ = body.given_names;
    Err(ServiceError::NotImplemented("creating persons").into())
}
