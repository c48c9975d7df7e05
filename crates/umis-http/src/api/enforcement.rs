//! Enforcement over the API: `POST /expulsion-orders` (MIA, SMS, courts), `GET
//! /expulsion-orders` and `GET /alerts`.

use super::parse_query;
use crate::extract::{ApiCtx, ApiJson};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{FromRequest, RawQuery, Request, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use umis_service::{AlertsView, ExpulsionInput, ExpulsionView};
use utoipa::{IntoParams, ToSchema};

/// An expulsion order.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpulsionBody {
    /// The person to leave (UMIS number).
    #[schema(value_type = super::vocab::PersonNumberSchema, inline)]
    pub person_id: String,
    /// `MIA`, `SMS` or `COURT`.
    #[schema(value_type = super::vocab::IssuingBodySchema, inline)]
    pub issuing_body: String,
    /// Legal grounds, at most 1,000 characters.
    #[schema(value_type = super::vocab::Text1000Schema, inline)]
    pub grounds: String,
    /// Reference of the decision, at most 64 characters.
    #[serde(default)]
    #[schema(value_type = super::vocab::Text64OrNullSchema, inline)]
    pub decision_ref: Option<String>,
    /// When the person was informed, RFC 3339 (default: now).
    #[serde(default)]
    #[schema(value_type = super::vocab::InstantOrNullSchema, inline)]
    pub informed_at: Option<String>,
    /// Hours to leave (default 48, R21).
    #[serde(default, deserialize_with = "super::whole::opt_int")]
    #[schema(minimum = 1, maximum = 2160)]
    pub departure_hours: Option<i64>,
    /// ICAO code of the destination.
    #[serde(default)]
    #[schema(value_type = super::vocab::CountryOrNullSchema, inline)]
    pub destination: Option<String>,
    /// Years of the entry ban (default 5, R19).
    #[serde(default, deserialize_with = "super::whole::opt_int")]
    #[schema(minimum = 1, maximum = 10)]
    pub ban_years: Option<i64>,
}

impl From<ExpulsionBody> for ExpulsionInput {
    fn from(b: ExpulsionBody) -> Self {
        ExpulsionInput {
            person_id: b.person_id,
            issuing_body: b.issuing_body,
            grounds: b.grounds,
            decision_ref: b.decision_ref,
            informed_at: b.informed_at,
            departure_hours: b.departure_hours,
            destination: b.destination,
            ban_years: b.ban_years,
        }
    }
}

/// Records an expulsion order and its entry ban (requires `expulsions:write`; audited). The
/// person's next exit event fulfils it; an exit already recorded after the person was
/// informed fulfils it at once.
#[utoipa::path(
    post, path = "/expulsion-orders", tag = "control",
    request_body = ExpulsionBody,
    security(("bearer" = ["expulsions:write"])),
    responses(
        (status = 201, description = "The order", body = ExpulsionView),
        (status = 403, description = "Token lacks expulsions:write", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such person", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn post_order(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    req: Request,
) -> Result<(StatusCode, Json<ExpulsionView>), ApiError> {
    state
        .services
        .authorize(
            &ctx,
            umis_domain::Permission::WriteExpulsions,
            "expulsion.order",
        )
        .await?;
    let ApiJson(body) = ApiJson::<ExpulsionBody>::from_request(req, &state).await?;
    let view = state.services.order_expulsion(&ctx, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Filters of the order list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct OrdersQuery {
    /// `pending`, `fulfilled` or `cancelled`.
    #[param(required = false, value_type = super::vocab::OrderStatusSchema, inline)]
    pub status: Option<String>,
    /// `true`: only pending orders past their departure deadline.
    pub overdue: Option<bool>,
    /// At most this many, 1–1000 (default 100).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<i64>,
}

/// Orders, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrdersOut {
    /// The orders.
    pub items: Vec<ExpulsionView>,
}

/// Expulsion orders, newest first (requires `persons:read`; audited).
#[utoipa::path(
    get, path = "/expulsion-orders", tag = "control",
    params(OrdersQuery),
    security(("bearer" = ["persons:read"])),
    responses(
        (status = 200, description = "Orders", body = OrdersOut),
        (status = 400, description = "Unknown parameter", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown status", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn list_orders(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    RawQuery(raw): RawQuery,
) -> Result<Json<OrdersOut>, ApiError> {
    let q: OrdersQuery = parse_query(raw.as_deref())?;
    let limit = super::bounded("limit", q.limit, (1, 1000), 100)?;
    let rows = state
        .services
        .expulsion_orders(&ctx, q.status.as_deref(), q.overdue.unwrap_or(false), limit)
        .await?;
    Ok(Json(OrdersOut { items: rows }))
}

/// Alerts needing attention now: expulsions past their deadline, entries by banned persons
/// (requires `persons:read`; audited).
#[utoipa::path(
    get, path = "/alerts", tag = "control",
    security(("bearer" = ["persons:read"])),
    responses(
        (status = 200, description = "`overdue_expulsions` (orders as in /expulsion-orders) and `banned_entries` (`person_id`, `kind`, `event_id`, `entry_id`, `occurred_on`, `bcp`)", body = AlertsView),
    )
)]
pub(crate) async fn get_alerts(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
) -> Result<Json<AlertsView>, ApiError> {
    Ok(Json(state.services.control_alerts(&ctx).await?))
}
