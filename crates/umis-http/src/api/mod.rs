//! The REST API under `/api/v1`: bearer tokens with scopes, JSON bodies, problem+json errors,
//! cursor pagination, and an OpenAPI 3.1 document generated from the handlers.

mod applications;
mod contract;
pub(crate) use applications::file_response;
pub(crate) mod border;
mod duplicates;
mod enforcement;
mod me;
pub(crate) mod mrz;
mod persons;
mod registrations;
mod screening;
mod stats;
mod vocab;
mod whole;
pub(crate) use stats::csv_response;

use crate::{ApiError, AppState};
use axum::Json;
use axum::Router;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::Serialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "UMIS API",
        description = "Unified Migration Information System: the API for partner agencies. \
                       Authenticate with `Authorization: Bearer <token>`; each token carries scopes \
                       (`resource:action`). Errors are RFC 9457 problem details with a stable `code`.",
        version = "1"
    ),
    modifiers(&BearerAuth),
    components(schemas(crate::error::Problem, crate::error::FieldError)),
    tags((name = "persons", description = "The unified person registry"),
         (name = "documents", description = "Travel documents and their machine-readable zones"),
         (name = "screening", description = "Entry bans, watch lists, lost and stolen documents"),
         (name = "control", description = "Border events, stay rights and overstays"),
         (name = "applications", description = "Applications, decisions, interagency checks and permits"),
         (name = "statistics", description = "Statistics (counts only, small cells suppressed), forecasts and anomaly alerts"),
         (name = "meta", description = "About the caller and the API"))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

fn api_router() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(me::get_me))
        .routes(routes!(persons::list_persons, persons::create_person))
        .routes(routes!(persons::search_persons))
        .routes(routes!(duplicates::list_duplicates))
        .routes(routes!(duplicates::decide))
        .routes(routes!(persons::get_person, persons::update_person))
        .routes(routes!(persons::add_document))
        .routes(routes!(persons::merge_person))
        .routes(routes!(mrz::parse_mrz))
        .routes(routes!(screening::screen))
        .routes(routes!(border::get_stay))
        .routes(routes!(border::get_overstays))
        .routes(routes!(registrations::post_registration))
        .routes(routes!(registrations::get_overdue))
        .routes(routes!(enforcement::post_order, enforcement::list_orders))
        .routes(routes!(enforcement::get_alerts))
        .routes(routes!(stats::get_stats))
        .routes(
            routes!(stats::post_forecast).layer(axum::extract::DefaultBodyLimit::max(
                stats::FORECAST_MAX_BYTES,
            )),
        )
        .routes(routes!(stats::get_system_forecast))
        .routes(routes!(stats::get_anomalies))
        .routes(routes!(applications::get_types))
        .routes(routes!(
            applications::list_applications,
            applications::post_application
        ))
        .routes(routes!(applications::get_application))
        .routes(routes!(applications::get_events))
        .routes(routes!(applications::post_action))
        .routes(routes!(applications::post_assignment))
        .routes(
            routes!(applications::post_attachment).layer(axum::extract::DefaultBodyLimit::max(
                umis_service::MAX_ATTACHMENT_BYTES + 1024,
            )),
        )
        .routes(routes!(applications::get_attachment))
        .routes(routes!(applications::list_checks))
        .routes(routes!(applications::post_answer))
        .routes(routes!(applications::get_permit))
        .routes(routes!(applications::post_permit_change))
        .routes(
            routes!(border::post_border_events).layer(axum::extract::DefaultBodyLimit::max(
                border::BORDER_EVENTS_MAX_BYTES,
            )),
        )
        .split_for_parts()
}

/// The OpenAPI document of this version of the API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, mut doc) = api_router();
    contract::document_contract(&mut doc);
    vocab::document_path_parameters(&mut doc);
    vocab::fold_field_descriptions(&mut doc);
    vocab::document_query_parameters(&mut doc);
    doc.servers = Some(vec![utoipa::openapi::Server::new("/api/v1")]);
    doc
}

pub(crate) fn routes() -> Router<AppState> {
    let (router, _) = api_router();
    let doc = openapi();
    router
        .route_layer(axum::middleware::from_fn(
            contract::refuse_unknown_parameters,
        ))
        .route(
            "/openapi.json",
            axum::routing::get(move || {
                let doc = doc.clone();
                async move { Json(doc) }
            }),
        )
        .fallback(|| async {
            ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such endpoint")
        })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "this endpoint does not accept that method",
            )
            .into_response()
        })
}

/// A page of results with the cursor of the next page.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    /// The items of this page.
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Parses a query string into `T`; an unknown field value or a wrong type is a 400 problem.
/// `purpose`, which any read may carry, is the request's (see `ApiCtx`) and is left out.
pub(crate) fn parse_query<T: serde::de::DeserializeOwned>(
    raw: Option<&str>,
) -> Result<T, ApiError> {
    let invalid = |e: &dyn std::fmt::Display| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            format!("invalid query parameter: {e}"),
        )
    };
    let raw = raw.unwrap_or("");
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw).map_err(|e| invalid(&e))?;
    // `purpose` is read with the caller; an empty or blank value means "not given".
    let kept: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(k, v)| k != "purpose" && !v.trim().is_empty())
        .collect();
    let rest = serde_urlencoded::to_string(kept).map_err(|e| invalid(&e))?;
    serde_urlencoded::from_str(&rest).map_err(|e| invalid(&e))
}

/// Reads a report's `format`: `json` (default) or `csv` (answers whether CSV was asked for).
pub(crate) fn wants_csv(format: Option<&str>) -> Result<bool, ApiError> {
    match format {
        None | Some("json") => Ok(false),
        Some("csv") => Ok(true),
        Some(_) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            "format must be json or csv",
        )),
    }
}

/// Reads an integer parameter `name` in `min..=max` (`default` when absent); outside is 400.
pub(crate) fn bounded(
    name: &str,
    value: Option<i64>,
    (min, max): (i64, i64),
    default: i64,
) -> Result<i64, ApiError> {
    match value {
        None => Ok(default),
        Some(v) if (min..=max).contains(&v) => Ok(v),
        Some(_) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            format!("{name} must be between {min} and {max}"),
        )),
    }
}

/// Reads `limit` (1–500, default 50).
pub(crate) fn page_limit(limit: Option<i64>) -> Result<i64, ApiError> {
    match limit {
        None => Ok(50),
        Some(l) if (1..=500).contains(&l) => Ok(l),
        Some(_) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            "limit must be between 1 and 500",
        )),
    }
}

/// Reads a report's `limit` (1–10,000, default 1,000).
pub(crate) fn report_limit(limit: Option<i64>) -> Result<i64, ApiError> {
    match limit {
        None => Ok(1000),
        Some(l) if (1..=umis_service::MAX_REPORT_PAGE).contains(&l) => Ok(l),
        Some(_) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            "limit must be between 1 and 10000",
        )),
    }
}

/// A report's required `as_of` date (checked further by the service); missing is a 422.
pub(crate) fn required_as_of(as_of: Option<String>) -> Result<String, ApiError> {
    match as_of.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()) {
        Some(d) => Ok(d),
        None => Err(umis_service::ServiceError::invalid(
            "as_of",
            "required",
            "as_of (YYYY-MM-DD) is required",
        )
        .into()),
    }
}
