//! Person records written over the API: registered (with names and documents), corrected, given documents, merged.

use super::*;

/// A person to create.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPersonBody {
    /// Surname in the original script (required).
    #[schema(value_type = crate::api::vocab::NameSchema, inline)]
    pub surname: String,
    /// Given names.
    #[serde(default)]
    #[schema(value_type = crate::api::vocab::NameOrNullSchema, inline)]
    pub given_names: Option<String>,
    /// Patronymic.
    #[serde(default)]
    #[schema(value_type = crate::api::vocab::NameOrNullSchema, inline)]
    pub patronymic: Option<String>,
    /// `M`, `F` or `X`.
    #[serde(default)]
    #[schema(value_type = crate::api::vocab::SexOrNullSchema, inline)]
    pub sex: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    #[schema(value_type = crate::api::vocab::PartialDayOrNullSchema, inline)]
    pub birth_date: Option<String>,
    /// Place of birth.
    #[serde(default)]
    #[schema(value_type = crate::api::vocab::NameOrNullSchema, inline)]
    pub place_of_birth: Option<String>,
    /// ICAO nationality codes (`XXA` stateless).
    #[serde(default)]
    #[schema(value_type = crate::api::vocab::NationalitiesSchema, inline)]
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
    #[schema(value_type = crate::api::vocab::NameSchema, inline)]
    pub surname: String,
    /// Given names.
    #[serde(default)]
    #[schema(value_type = crate::api::vocab::NameOrNullSchema, inline)]
    pub given_names: Option<String>,
    /// Patronymic.
    #[serde(default)]
    #[schema(value_type = crate::api::vocab::NameOrNullSchema, inline)]
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
    #[schema(value_type = crate::api::vocab::CountrySchema, inline)]
    pub issuing_state: String,
    /// Number as printed.
    pub number: String,
    /// YYYY-MM-DD.
    #[serde(default)]
    #[schema(value_type = crate::api::vocab::DayOrNullSchema, inline)]
    pub issue_date: Option<String>,
    /// YYYY-MM-DD.
    #[serde(default)]
    #[schema(value_type = crate::api::vocab::DayOrNullSchema, inline)]
    pub expiry_date: Option<String>,
    /// `valid` (default), `lost`, `stolen`, `expired`, `revoked`.
    #[serde(default)]
    #[schema(value_type = crate::api::vocab::DocumentStatusOrNullSchema, inline)]
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

pub(super) fn created(person: umis_service::Person) -> Response {
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
    #[serde(deserialize_with = "crate::api::whole::int32")]
    pub version: i32,
    /// Surname.
    #[schema(value_type = crate::api::vocab::NameSchema, inline)]
    pub surname: String,
    /// Given names.
    #[serde(default)]
    #[schema(value_type = crate::api::vocab::NameOrNullSchema, inline)]
    pub given_names: Option<String>,
    /// Patronymic.
    #[serde(default)]
    #[schema(value_type = crate::api::vocab::NameOrNullSchema, inline)]
    pub patronymic: Option<String>,
    /// `M`, `F` or `X`.
    #[serde(default)]
    #[schema(value_type = crate::api::vocab::SexOrNullSchema, inline)]
    pub sex: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    #[schema(value_type = crate::api::vocab::PartialDayOrNullSchema, inline)]
    pub birth_date: Option<String>,
    /// Place of birth.
    #[serde(default)]
    #[schema(value_type = crate::api::vocab::NameOrNullSchema, inline)]
    pub place_of_birth: Option<String>,
    /// ICAO nationality codes.
    #[serde(default)]
    #[schema(value_type = crate::api::vocab::NationalitiesSchema, inline)]
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
    #[schema(value_type = crate::api::vocab::PersonNumberSchema, inline)]
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
