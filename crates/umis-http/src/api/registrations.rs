//! Registration at the place of stay over the API: `POST /stay-registrations` (hosts, the
//! portal) and `GET /reports/overdue-registrations`.

use super::parse_query;
use crate::extract::{ApiCtx, ApiJson};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{FromRequest, RawQuery, Request, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use umis_service::{OverdueRegistration, RegistrationInput, RegistrationView};
use utoipa::{IntoParams, ToSchema};

/// A registration at the place of stay.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationBody {
    /// UMIS person number; or send the document below.
    #[serde(default)]
    #[schema(value_type = super::vocab::PersonNumberOrNullSchema, inline)]
    pub person_id: Option<String>,
    /// Travel document number.
    pub document_number: Option<String>,
    /// ICAO code of the document's issuing state.
    #[serde(default)]
    #[schema(value_type = super::vocab::CountryOrNullSchema, inline)]
    pub document_issuing_state: Option<String>,
    /// `arrival` (default) or `move` (re-registration at a new address).
    #[serde(default)]
    #[schema(value_type = super::vocab::RegistrationKindOrNullSchema, inline)]
    pub kind: Option<String>,
    /// `hotel`, `landlord`, `employer`, `portal` or `other`.
    #[schema(value_type = super::vocab::HostKindSchema, inline)]
    pub host_kind: String,
    /// Host's name.
    #[schema(value_type = super::vocab::Text200Schema, inline)]
    pub host_name: String,
    /// Host's tax number.
    #[serde(default)]
    #[schema(value_type = super::vocab::Text32OrNullSchema, inline)]
    pub host_tax_id: Option<String>,
    /// Address of the place of stay.
    #[schema(value_type = super::vocab::Text500Schema, inline)]
    pub address: String,
    /// Region or city.
    #[serde(default)]
    #[schema(value_type = super::vocab::Text100OrNullSchema, inline)]
    pub region: Option<String>,
    /// Arrival (or move) date, YYYY-MM-DD.
    #[schema(value_type = super::vocab::DaySchema, inline)]
    pub arrival_date: String,
    /// Planned departure, YYYY-MM-DD.
    #[serde(default)]
    #[schema(value_type = super::vocab::DayOrNullSchema, inline)]
    pub departure_date: Option<String>,
    /// Your own reference; sending it again for the same person is a 409.
    #[serde(default)]
    #[schema(value_type = super::vocab::Text64OrNullSchema, inline)]
    pub external_ref: Option<String>,
}

impl From<RegistrationBody> for RegistrationInput {
    fn from(b: RegistrationBody) -> Self {
        RegistrationInput {
            person_id: b.person_id,
            document_number: b.document_number,
            document_issuing_state: b.document_issuing_state,
            kind: b.kind,
            host_kind: b.host_kind,
            host_name: b.host_name,
            host_tax_id: b.host_tax_id,
            address: b.address,
            region: b.region,
            arrival_date: b.arrival_date,
            departure_date: b.departure_date,
            external_ref: b.external_ref,
        }
    }
}

/// Registers a foreigner at a place of stay (requires `stay-registrations:write`; audited).
#[utoipa::path(
    post, path = "/stay-registrations", tag = "control",
    request_body = RegistrationBody,
    security(("bearer" = ["stay-registrations:write"])),
    responses(
        (status = 201, description = "The registration, with its deadline and whether it is late", body = RegistrationView),
        (status = 403, description = "Token lacks stay-registrations:write", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such person", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "external_ref already used for this person", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn post_registration(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    req: Request,
) -> Result<(StatusCode, Json<RegistrationView>), ApiError> {
    state
        .services
        .authorize(
            &ctx,
            umis_domain::Permission::WriteStayRegistrations,
            "stay_registration.create",
        )
        .await?;
    let ApiJson(body) = ApiJson::<RegistrationBody>::from_request(req, &state).await?;
    let view = state.services.register_stay(&ctx, &body.into()).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Parameters of the overdue list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct OverdueQuery {
    /// The date, YYYY-MM-DD (required).
    #[param(required = true, value_type = super::vocab::DaySchema, inline)]
    pub as_of: Option<String>,
    /// Page size, 1–10,000 (default 1,000).
    #[param(minimum = 1, maximum = 10000)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[param(required = false, value_type = super::vocab::PersonCursorSchema, inline)]
    pub cursor: Option<String>,
}

/// A page of the overdue list.
#[derive(Debug, Serialize, ToSchema)]
pub struct OverduePage {
    /// The date.
    pub as_of: String,
    /// Persons, by person number.
    pub items: Vec<OverdueRegistration>,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// Persons present on `as_of` without a permit whose registration at the place of stay is
/// overdue (requires `persons:read`; audited).
#[utoipa::path(
    get, path = "/reports/overdue-registrations", tag = "control",
    params(OverdueQuery),
    security(("bearer" = ["persons:read"])),
    responses(
        (status = 200, description = "A page of the list", body = OverduePage),
        (status = 400, description = "Unknown parameter", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing or malformed as_of", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn get_overdue(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    RawQuery(raw): RawQuery,
) -> Result<Json<OverduePage>, ApiError> {
    let q: OverdueQuery = parse_query(raw.as_deref())?;
    let limit = super::report_limit(q.limit)?;
    let as_of = super::required_as_of(q.as_of)?;
    let rows = state
        .services
        .overdue_registrations(&ctx, &as_of, q.cursor.as_deref(), limit)
        .await?;
    let next_cursor = (rows.len() as i64 == limit)
        .then(|| rows.last().map(|r| r.person_id.clone()))
        .flatten();
    Ok(Json(OverduePage {
        as_of: as_of.trim().to_owned(),
        items: rows,
        next_cursor,
    }))
}
