//! `/api/v1/persons`: the unified person registry as partner agencies see it. Every read is
//! audited as a read of personal data under the client's name.

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

impl From<umis_store::Person> for PersonOut {
    fn from(p: umis_store::Person) -> Self {
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

/// A person to create.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPersonBody {
    /// Surname in the original script (required).
    #[schema(value_type = super::vocab::NameSchema, inline)]
    pub surname: String,
    /// Given names.
    #[serde(default)]
    #[schema(value_type = super::vocab::NameOrNullSchema, inline)]
    pub given_names: Option<String>,
    /// Patronymic.
    #[serde(default)]
    #[schema(value_type = super::vocab::NameOrNullSchema, inline)]
    pub patronymic: Option<String>,
    /// `M`, `F` or `X`.
    #[serde(default)]
    #[schema(value_type = super::vocab::SexOrNullSchema, inline)]
    pub sex: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    #[schema(value_type = super::vocab::PartialDayOrNullSchema, inline)]
    pub birth_date: Option<String>,
    /// Place of birth.
    #[serde(default)]
    #[schema(value_type = super::vocab::NameOrNullSchema, inline)]
    pub place_of_birth: Option<String>,
    /// ICAO nationality codes (`XXA` stateless).
    #[serde(default)]
    #[schema(value_type = super::vocab::NationalitiesSchema, inline)]
    pub nationalities: Vec<String>,
    /// Your system's identifier for this person.
    #[serde(default)]
    pub external_id: Option<String>,
    /// Other spellings of the name.
    #[serde(default)]
    pub aliases: Vec<NameBody>,
    /// Identity documents.
    #[serde(default)]
    pub documents: Vec<DocumentBody>,
}

/// Another spelling of the name.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NameBody {
    /// Surname.
    #[schema(value_type = super::vocab::NameSchema, inline)]
    pub surname: String,
    /// Given names.
    #[serde(default)]
    #[schema(value_type = super::vocab::NameOrNullSchema, inline)]
    pub given_names: Option<String>,
    /// Patronymic.
    #[serde(default)]
    #[schema(value_type = super::vocab::NameOrNullSchema, inline)]
    pub patronymic: Option<String>,
}

/// An identity document to attach.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentBody {
    /// Document type (default `passport`).
    #[serde(default, rename = "type")]
    pub doc_type: Option<String>,
    /// ICAO code of the issuing state.
    #[schema(value_type = super::vocab::CountrySchema, inline)]
    pub issuing_state: String,
    /// Number as printed.
    pub number: String,
    /// YYYY-MM-DD.
    #[serde(default)]
    #[schema(value_type = super::vocab::DayOrNullSchema, inline)]
    pub issue_date: Option<String>,
    /// YYYY-MM-DD.
    #[serde(default)]
    #[schema(value_type = super::vocab::DayOrNullSchema, inline)]
    pub expiry_date: Option<String>,
    /// `valid` (default), `lost`, `stolen`, `expired`, `revoked`.
    #[serde(default)]
    #[schema(value_type = super::vocab::DocumentStatusOrNullSchema, inline)]
    pub status: Option<String>,
    /// MRZ text.
    #[serde(default)]
    pub mrz: Option<String>,
}

impl From<DocumentBody> for DocumentInput {
    fn from(d: DocumentBody) -> Self {
        DocumentInput {
            doc_type: d.doc_type.unwrap_or_else(|| "passport".into()),
            issuing_state: d.issuing_state,
            number: d.number,
            issue_date: d.issue_date,
            expiry_date: d.expiry_date,
            status: d.status,
            mrz: d.mrz,
        }
    }
}

fn created(person: umis_store::Person) -> Response {
    let out = PersonOut::from(person);
    let location = format!("/api/v1/persons/{}", out.person_id);
    let mut res = (StatusCode::CREATED, Json(out)).into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// Creates a person (requires scope `persons:write`).
#[utoipa::path(
    post, path = "/persons", tag = "persons",
    request_body = NewPersonBody,
    security(("bearer" = ["persons:write"])),
    responses(
        (status = 201, description = "Created", body = PersonOut),
        (status = 401, description = "Missing or invalid token", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Token lacks persons:write", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "external_id already used", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn create_person(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    req: Request,
) -> Result<Response, ApiError> {
    // Authorise before reading the body: a token without the scope learns nothing more.
    state
        .services
        .authorize(&ctx, umis_domain::Permission::WritePersons, "person.create")
        .await?;
    let ApiJson(body) = ApiJson::<NewPersonBody>::from_request(req, &state).await?;
    let input = NewPersonInput {
        surname: body.surname,
        given_names: body.given_names,
        patronymic: body.patronymic,
        sex: body.sex,
        birth_date: body.birth_date,
        place_of_birth: body.place_of_birth,
        nationalities: body.nationalities,
        external_id: body.external_id,
        aliases: body
            .aliases
            .into_iter()
            .map(|a| NameInput {
                surname: a.surname,
                given_names: a.given_names,
                patronymic: a.patronymic,
            })
            .collect(),
        documents: body
            .documents
            .into_iter()
            .map(DocumentInput::from)
            .collect(),
    };
    let person = state.services.create_person(&ctx, &input).await?;
    Ok(created(person))
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

/// Attaches an identity document (requires scope `persons:write`).
#[utoipa::path(
    post, path = "/persons/{person_id}/documents", tag = "persons",
    params(("person_id" = String, Path, description = "UMIS person number")),
    request_body = DocumentBody,
    security(("bearer" = ["persons:write"])),
    responses(
        (status = 201, description = "The person with the new document", body = PersonOut),
        (status = 404, description = "No such person", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn add_document(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(person_id): Path<String>,
    req: Request,
) -> Result<Response, ApiError> {
    state
        .services
        .authorize(
            &ctx,
            umis_domain::Permission::WritePersons,
            "person.add_document",
        )
        .await?;
    let ApiJson(body) = ApiJson::<DocumentBody>::from_request(req, &state).await?;
    let person = state
        .services
        .add_document(&ctx, &person_id, &body.into())
        .await?;
    Ok(created(person))
}

/// New core facts and primary name of a person.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonEditBody {
    /// The `version` you read; a newer stored version answers 409.
    #[serde(deserialize_with = "super::whole::int32")]
    pub version: i32,
    /// Surname.
    #[schema(value_type = super::vocab::NameSchema, inline)]
    pub surname: String,
    /// Given names.
    #[serde(default)]
    #[schema(value_type = super::vocab::NameOrNullSchema, inline)]
    pub given_names: Option<String>,
    /// Patronymic.
    #[serde(default)]
    #[schema(value_type = super::vocab::NameOrNullSchema, inline)]
    pub patronymic: Option<String>,
    /// `M`, `F` or `X`.
    #[serde(default)]
    #[schema(value_type = super::vocab::SexOrNullSchema, inline)]
    pub sex: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    #[schema(value_type = super::vocab::PartialDayOrNullSchema, inline)]
    pub birth_date: Option<String>,
    /// Place of birth.
    #[serde(default)]
    #[schema(value_type = super::vocab::NameOrNullSchema, inline)]
    pub place_of_birth: Option<String>,
    /// ICAO nationality codes.
    #[serde(default)]
    #[schema(value_type = super::vocab::NationalitiesSchema, inline)]
    pub nationalities: Vec<String>,
}

/// Replaces a person's core facts and primary name (requires `persons:write`); every changed
/// field is kept in the person's history with its value before and after.
#[utoipa::path(
    put, path = "/persons/{person_id}", tag = "persons",
    params(("person_id" = String, Path, description = "UMIS person number")),
    request_body = PersonEditBody,
    security(("bearer" = ["persons:write"])),
    responses(
        (status = 200, description = "The person as changed", body = PersonOut),
        (status = 404, description = "No such person", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since `version`", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn update_person(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(person_id): Path<String>,
    req: Request,
) -> Result<Json<PersonOut>, ApiError> {
    state
        .services
        .authorize(&ctx, umis_domain::Permission::WritePersons, "person.update")
        .await?;
    let ApiJson(body) = ApiJson::<PersonEditBody>::from_request(req, &state).await?;
    let edit = NewPersonInput {
        surname: body.surname,
        given_names: body.given_names,
        patronymic: body.patronymic,
        sex: body.sex,
        birth_date: body.birth_date,
        place_of_birth: body.place_of_birth,
        nationalities: body.nationalities,
        ..Default::default()
    };
    let person = state
        .services
        .update_person(&ctx, &person_id, &edit, body.version)
        .await?;
    Ok(Json(person.into()))
}

/// Which record to merge into this one.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeBody {
    /// The duplicate's person number; it will resolve to the survivor afterwards.
    #[schema(value_type = super::vocab::PersonNumberSchema, inline)]
    pub merged: String,
}

/// Merges a duplicate into this person (requires `persons:write`); the survivor keeps every
/// name variant, document and nationality, and the merged number resolves to it.
#[utoipa::path(
    post, path = "/persons/{person_id}/merge", tag = "persons",
    params(("person_id" = String, Path, description = "The surviving person's number")),
    request_body = MergeBody,
    security(("bearer" = ["persons:write"])),
    responses(
        (status = 200, description = "The survivor after the merge", body = PersonOut),
        (status = 404, description = "No such person", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "A record is already merged", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Same person, or malformed number", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn merge_person(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(person_id): Path<String>,
    req: Request,
) -> Result<Json<PersonOut>, ApiError> {
    state
        .services
        .authorize(&ctx, umis_domain::Permission::WritePersons, "person.merge")
        .await?;
    let ApiJson(body) = ApiJson::<MergeBody>::from_request(req, &state).await?;
    let person = state
        .services
        .merge_persons(&ctx, &person_id, &body.merged)
        .await?;
    Ok(Json(person.into()))
}

/// Query parameters of a person search.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Names in any script and order (surname, given names, patronymic).
    pub name: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; unknown parts, day/month swaps and ±1 year tolerated.
    pub birth_date: Option<String>,
    /// ICAO nationality code.
    #[param(required = false, value_type = super::vocab::CountrySchema, inline)]
    pub nationality: Option<String>,
    /// Document number; OCR confusions (O/0, I/1, B/8, S/5…) tolerated.
    pub document_number: Option<String>,
    /// Number of candidates, 1–100 (default 10).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<usize>,
}

/// One ranked candidate.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHitOut {
    /// The UMIS person number.
    pub person_id: String,
    /// The id the person was imported with.
    pub external_id: Option<String>,
    /// 0–1; 0.85 and above is a likely match.
    pub score: f32,
    /// Which fields matched and how.
    #[schema(value_type = Object)]
    pub explanation: serde_json::Value,
}

/// Searches the registry (requires `persons:read`): ranked candidates with a score and an
/// explanation. Every search is audited with what was asked.
#[utoipa::path(
    get, path = "/persons/search", tag = "persons",
    params(SearchQuery),
    security(("bearer" = ["persons:read"])),
    responses(
        (status = 200, description = "Candidates, best first", body = Page<SearchHitOut>),
        (status = 400, description = "Invalid parameter", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty or unusable query", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn search_persons(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    RawQuery(raw): RawQuery,
) -> Result<Json<Page<SearchHitOut>>, ApiError> {
    state
        .services
        .authorize(&ctx, umis_domain::Permission::ReadPersons, "person.search")
        .await?;
    let q: SearchQuery = parse_query(raw.as_deref())?;
    if q.limit.is_some_and(|l| !(1..=100).contains(&l)) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            "limit must be between 1 and 100",
        ));
    }
    let input = umis_service::SearchInput {
        name: q.name,
        birth_date: q.birth_date,
        nationality: q.nationality,
        document_number: q.document_number,
        limit: q.limit,
    };
    let hits = state.services.search_persons(&ctx, &input).await?;
    Ok(Json(Page {
        items: hits
            .into_iter()
            .map(|h| SearchHitOut {
                person_id: h.person_id,
                external_id: h.external_id,
                score: h.score,
                explanation: serde_json::to_value(&h.explanation).unwrap_or_default(),
            })
            .collect(),
        next_cursor: None,
    }))
}
