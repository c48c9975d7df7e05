//! Fuzzy search of the registry over the API: names in any script, partial dates, documents with OCR confusions.

use super::*;

/// Query parameters of a person search.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Names in any script and order (surname, given names, patronymic).
    pub name: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; unknown parts, day/month swaps and ±1 year tolerated.
    pub birth_date: Option<String>,
    /// ICAO nationality code.
    #[param(required = false, value_type = crate::api::vocab::CountrySchema, inline)]
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
