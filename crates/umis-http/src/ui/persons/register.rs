//! Registering a person: the form, the MRZ read into it, likely duplicates shown before saving.

use super::*;

#[derive(Template)]
#[template(path = "person_new.html")]
pub(super) struct NewPersonPage {
    pub(super) page: Page,
    pub(super) form: PersonForm,
    pub(super) errors: Vec<(&'static str, &'static str)>,
    pub(super) mrz_errors: Vec<String>,
    pub(super) mrz_read: bool,
    pub(super) duplicates: Vec<(umis_service::SearchHit, Person)>,
}

pub(super) const DOC_TYPES: [&str; 7] = [
    "passport",
    "id_card",
    "refugee_travel_document",
    "stateless_travel_document",
    "residence_card",
    "visa",
    "other",
];

pub(super) fn new_page(cu: &CurrentUser, form: PersonForm) -> NewPersonPage {
    NewPersonPage {
        page: Page::for_user(cu, "persons", "persons-new", "/persons/new"),
        form,
        errors: Vec::new(),
        mrz_errors: Vec::new(),
        mrz_read: false,
        duplicates: Vec::new(),
    }
}

pub(crate) async fn new_form(
    State(state): State<AppState>,
    cu: CurrentUser,
) -> Result<Response, UiError> {
    state
        .services
        .authorize(
            &cu.ctx,
            umis_domain::Permission::WritePersons,
            "person.create",
        )
        .await?;
    render(&new_page(
        &cu,
        PersonForm {
            doc_type: "passport".into(),
            ..Default::default()
        },
    ))
}

pub(crate) async fn create(
    State(state): State<AppState>,
    Protected { cu, form }: Protected<PersonForm>,
) -> Result<Response, UiError> {
    let input = to_input(&form);
    // Likely duplicates are shown before saving; the officer may still save.
    if form.confirm.is_empty() {
        let dups = state.services.likely_duplicates(&input)?;
        if !dups.is_empty() {
            let mut page = new_page(&cu, form);
            page.duplicates = with_persons(&state, &cu.ctx, dups).await?;
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::CONFLICT;
            return Ok(res);
        }
    }
    match state.services.create_person(&cu.ctx, &input).await {
        Ok(p) => Ok(crate::ui::redirect::see_other(&format!(
            "/persons/{}?done=created",
            PersonId::from_stored(p.person_id)
        ))
        .into_response()),
        Err(ServiceError::Validation { field, code, .. }) => {
            let mut page = new_page(&cu, form);
            page.errors.push((form_field(field), error_key(code)));
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}
