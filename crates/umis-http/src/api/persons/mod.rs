//! `/api/v1/persons`: the unified person registry as partner agencies see it. Every read is
//! audited as a read of personal data under the client's name.

mod search;
mod write;

use super::{Page, page_limit, parse_query};
use crate::extract::{ApiCtx, ApiJson};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{FromRequest, Path, RawQuery, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use umis_domain::person::PersonId;
use umis_service::{DocumentInput, NameInput, NewPersonInput};
use utoipa::{IntoParams, ToSchema};

pub(crate) use search::*;
pub(crate) use write::*;

/// A person in the registry.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonOut {
    /// The UMIS person number (11 digits, the last a check digit).
    pub person_id: String,
    /// Identifier in the system the record was imported from.
    pub external_id: Option<String>,
    /// `active` or `merged`.
    pub status: PersonStatus,
    /// The surviving record, when merged.
    pub merged_into: Option<String>,
    /// `M`, `F` or `X`.
    pub sex: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    /// Place of birth.
    pub place_of_birth: Option<String>,
    /// Names, the primary one first.
    pub names: Vec<NameOut>,
    /// ICAO nationality codes.
    pub nationalities: Vec<String>,
    /// Identity documents.
    pub documents: Vec<DocumentOut>,
    /// Increases with every change.
    pub version: i32,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
}

/// One spelling of a person's name.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NameOut {
    /// `primary` or `alias`.
    pub kind: String,
    /// Surname as written.
    pub surname: String,
    /// Given names.
    pub given_names: Option<String>,
    /// Patronymic.
    pub patronymic: Option<String>,
}

/// An identity document.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentOut {
    /// Number of the document within the person's record.
    pub document_id: i64,
    /// `passport`, `id_card`, `refugee_travel_document`, `stateless_travel_document`,
    /// `residence_card`, `visa`, `other`.
    #[serde(rename = "type")]
    pub doc_type: String,
    /// ICAO code of the issuing state.
    #[schema(value_type = super::vocab::CountrySchema, inline)]
    pub issuing_state: String,
    /// Number as printed.
    pub number: String,
    /// YYYY-MM-DD.
    pub issue_date: Option<String>,
    /// YYYY-MM-DD.
    pub expiry_date: Option<String>,
    /// `valid`, `lost`, `stolen`, `expired`, `revoked`.
    pub status: String,
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

pub(crate) fn rfc3339(micros: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

impl From<umis_service::Person> for PersonOut {
    fn from(p: umis_service::Person) -> Self {
        PersonOut {
            person_id: PersonId::from_stored(p.person_id).to_string(),
            external_id: p.external_id,
            status: if p.status == "merged" {
                PersonStatus::Merged
            } else {
                PersonStatus::Active
            },
            merged_into: p.merged_into.map(|m| PersonId::from_stored(m).to_string()),
            sex: p.sex,
            birth_date: p.birth_date,
            place_of_birth: p.place_of_birth,
            names: p
                .names
                .into_iter()
                .map(|n| NameOut {
                    kind: n.kind,
                    surname: n.surname,
                    given_names: n.given_names,
                    patronymic: n.patronymic,
                })
                .collect(),
            nationalities: p.nationalities,
            documents: p
                .documents
                .into_iter()
                .map(|d| DocumentOut {
                    document_id: d.document_id,
                    doc_type: d.doc_type,
                    issuing_state: d.issuing_state,
                    number: d.number,
                    issue_date: d.issue_date,
                    expiry_date: d.expiry_date,
                    status: d.status,
                })
                .collect(),
            version: p.version,
            created_at: rfc3339(p.created_at),
            updated_at: rfc3339(p.updated_at),
        }
    }
}

/// Query parameters of the person list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListPersonsQuery {
    /// Page size, 1–500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[param(required = false, value_type = super::vocab::PersonCursorSchema, inline)]
    pub cursor: Option<String>,
    /// Only records with this status.
    pub status: Option<PersonStatus>,
}

/// Lists persons in person-number order (requires scope `persons:read`).
#[utoipa::path(
    get, path = "/persons", tag = "persons",
    params(ListPersonsQuery),
    security(("bearer" = ["persons:read"])),
    responses(
        (status = 200, description = "A page of persons", body = Page<PersonOut>),
        (status = 400, description = "Invalid parameter or cursor", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing or invalid token", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Token lacks persons:read", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn list_persons(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    RawQuery(raw): RawQuery,
) -> Result<Json<Page<PersonOut>>, ApiError> {
    state
        .services
        .authorize(&ctx, umis_domain::Permission::ReadPersons, "person.list")
        .await?;
    let q: ListPersonsQuery = parse_query(raw.as_deref())?;
    let limit = page_limit(q.limit)?;
    let status = q.status.map(|s| {
        if s == PersonStatus::Merged {
            "merged"
        } else {
            "active"
        }
    });
    let (persons, next) = state
        .services
        .list_persons(&ctx, q.cursor.as_deref(), limit, status)
        .await
        .map_err(|e| match e {
            umis_service::ServiceError::Validation {
                field: "cursor", ..
            } => ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_cursor",
                "the cursor is not one this API issued",
            ),
            other => other.into(),
        })?;
    Ok(Json(Page {
        items: persons.into_iter().map(PersonOut::from).collect(),
        next_cursor: next,
    }))
}

/// One person by number (requires scope `persons:read`).
#[utoipa::path(
    get, path = "/persons/{person_id}", tag = "persons",
    params(("person_id" = String, Path, description = "UMIS person number")),
    security(("bearer" = ["persons:read"])),
    responses(
        (status = 200, description = "The person", body = PersonOut),
        (status = 404, description = "No such person", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Malformed person number", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn get_person(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(person_id): Path<String>,
) -> Result<Json<PersonOut>, ApiError> {
    let purpose = ctx.purpose.clone();
    let person = state.services.get_person(&ctx, &person_id, purpose).await?;
    Ok(Json(person.into()))
}
