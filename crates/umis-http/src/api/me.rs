//! `GET /api/v1/me`: who the token belongs to and what it may do.

use crate::ApiError;
use crate::extract::ApiCtx;
use axum::Json;
use serde::Serialize;
use umis_service::Actor;
use utoipa::ToSchema;

/// The authenticated client.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// The client's name.
    pub client: String,
    /// The token's id.
    pub token_id: i64,
    /// Granted scopes.
    pub scopes: Vec<String>,
}

/// Describes the calling client and its scopes.
#[utoipa::path(
    get, path = "/me", tag = "meta",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "Missing, invalid, expired or revoked token", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn get_me(ApiCtx(ctx): ApiCtx) -> Result<Json<Me>, ApiError> {
    match ctx.actor {
        Actor::Client(c) => Ok(Json(Me {
            client: c.client_name,
            token_id: c.token_id,
            scopes: c.scopes.iter().map(|s| s.as_str().to_owned()).collect(),
        })),
        _ => Err(ApiError::new(
            axum::http::StatusCode::UNAUTHORIZED,
            "invalid_token",
            "not an API client",
        )),
    }
}
