//! One person's record on screen, with the notice of what was just done.

use super::*;

#[derive(Template)]
#[template(path = "person_view.html")]
pub(super) struct PersonPage {
    pub(super) page: Page,
    pub(super) history: Vec<umis_service::HistoryEntry>,
    pub(super) merge_error: Option<&'static str>,
    pub(super) merge_value: String,
    pub(super) edit: EditForm,
    pub(super) edit_errors: Vec<(&'static str, &'static str)>,
    pub(super) person: Person,
    pub(super) number: String,
    pub(super) notice_key: Option<&'static str>,
    pub(super) doc_form: DocumentForm,
    pub(super) doc_errors: Vec<(&'static str, &'static str)>,
    pub(super) stay: Option<umis_service::StayView>,
}

pub(super) async fn person_page(
    state: &AppState,
    cu: &CurrentUser,
    id: &str,
    person: Person,
) -> Result<PersonPage, UiError> {
    let history = state.services.person_history(&cu.ctx, id).await?;
    let stay = state.services.person_stay_on_page(&cu.ctx, id).await.ok();
    Ok(PersonPage {
        stay,
        page: Page::for_user(cu, "persons", "persons-view", &format!("/persons/{id}")),
        number: PersonId::from_stored(person.person_id).to_string(),
        history,
        merge_error: None,
        merge_value: String::new(),
        edit: EditForm::of(&person),
        edit_errors: Vec::new(),
        person,
        notice_key: None,
        doc_form: DocumentForm {
            doc_type: "passport".into(),
            ..Default::default()
        },
        doc_errors: Vec::new(),
    })
}

#[derive(Debug, Deserialize)]
pub(crate) struct ViewQuery {
    #[serde(default)]
    pub(super) done: Option<String>,
    #[serde(default)]
    pub(super) purpose: Option<String>,
}

pub(crate) async fn view(
    State(state): State<AppState>,
    cu: CurrentUser,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<ViewQuery>,
) -> Result<Response, UiError> {
    let purpose = q.purpose.map(|p| p.chars().take(200).collect());
    let person = match state.services.get_person(&cu.ctx, &id, purpose).await {
        Ok(p) => p,
        Err(ServiceError::Validation { .. }) => return Err(UiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let notice_key = match q.done.as_deref() {
        Some("created") => Some("person-created"),
        Some("document") => Some("person-document-added"),
        Some("updated") => Some("person-updated"),
        Some("merged") => Some("person-merged"),
        _ => None,
    };
    let mut page = person_page(&state, &cu, &id, person).await?;
    page.notice_key = notice_key;
    render(&page)
}
