//! The person list and cross-script search, with the records each hit shows.

use super::*;

#[derive(Template)]
#[template(path = "persons.html")]
pub(super) struct PersonsPage {
    pub(super) page: Page,
    pub(super) persons: Vec<Person>,
    pub(super) next_url: Option<String>,
    pub(super) can_register: bool,
    pub(super) q: ListQuery,
    pub(super) searched: bool,
    pub(super) hits: Vec<(umis_service::SearchHit, Person)>,
    pub(super) query_error: Option<&'static str>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    pub(super) after: Option<String>,
    #[serde(default)]
    pub(super) name: String,
    #[serde(default)]
    pub(super) birth_date: String,
    #[serde(default)]
    pub(super) nationality: String,
    #[serde(default)]
    pub(super) document_number: String,
}

/// The registry: a fuzzy search over names in any script, dates, nationality and documents;
/// without a query, persons listed by number.
pub(crate) async fn list(
    State(state): State<AppState>,
    cu: CurrentUser,
    axum::extract::Query(q): axum::extract::Query<ListQuery>,
) -> Result<Response, UiError> {
    let searched = [&q.name, &q.birth_date, &q.nationality, &q.document_number]
        .iter()
        .any(|v| !v.trim().is_empty());
    let mut page = PersonsPage {
        page: Page::for_user(&cu, "persons", "nav-persons", "/persons"),
        persons: Vec::new(),
        next_url: None,
        can_register: cu.ctx.may(umis_domain::Permission::WritePersons),
        q: ListQuery::default(),
        searched,
        hits: Vec::new(),
        query_error: None,
    };
    if searched {
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let input = umis_service::SearchInput {
            name: opt(&q.name),
            birth_date: opt(&q.birth_date),
            nationality: opt(&q.nationality),
            document_number: opt(&q.document_number),
            limit: Some(20),
        };
        match state.services.search_persons(&cu.ctx, &input).await {
            Ok(hits) => page.hits = with_persons(&state, &cu.ctx, hits).await?,
            Err(ServiceError::Validation { field, .. }) => {
                page.query_error = Some(if field == "birth_date" {
                    "person-error-date"
                } else {
                    "persons-search-error"
                });
            }
            Err(e) => return Err(e.into()),
        }
    } else {
        let after = q.after.clone().filter(|a| !a.is_empty());
        let (persons, next) = match state
            .services
            .list_persons(&cu.ctx, after.as_deref(), 50, Some("active"))
            .await
        {
            Ok(r) => r,
            Err(ServiceError::Validation { .. }) => {
                return Err(UiError::BadRequest("error-bad-request"));
            }
            Err(e) => return Err(e.into()),
        };
        page.persons = persons;
        page.next_url = next.map(|n| format!("/persons?after={n}"));
    }
    page.q = q;
    render(&page)
}

/// Pairs search hits with the stored persons, for display.
pub(super) async fn with_persons(
    state: &AppState,
    ctx: &umis_service::Ctx,
    hits: Vec<umis_service::SearchHit>,
) -> Result<Vec<(umis_service::SearchHit, Person)>, UiError> {
    let ids: Vec<i64> = hits
        .iter()
        .filter_map(|h| h.person_id.parse().ok())
        .collect();
    let persons = state.services.persons_shown(ctx, &ids).await?;
    Ok(hits
        .into_iter()
        .filter_map(|h| {
            let id: i64 = h.person_id.parse().ok()?;
            let p = persons.iter().find(|p| p.person_id == id)?.clone();
            Some((h, p))
        })
        .collect())
}
