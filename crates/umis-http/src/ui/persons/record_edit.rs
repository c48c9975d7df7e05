//! Correcting a person's core facts from their page.

use super::*;

/// The edit form of a person's core facts.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct EditForm {
    #[serde(default)]
    pub(super) csrf: String,
    #[serde(default)]
    pub(super) version: i32,
    #[serde(default)]
    pub(super) surname: String,
    #[serde(default)]
    pub(super) given_names: String,
    #[serde(default)]
    pub(super) patronymic: String,
    #[serde(default)]
    pub(super) sex: String,
    #[serde(default)]
    pub(super) birth_date: String,
    #[serde(default)]
    pub(super) place_of_birth: String,
    #[serde(default)]
    pub(super) nationalities: String,
}

csrf_form!(EditForm);

impl EditForm {
    pub(super) fn of(p: &Person) -> EditForm {
        let n = p.names.first();
        EditForm {
            csrf: String::new(),
            version: p.version,
            surname: n.map(|n| n.surname.clone()).unwrap_or_default(),
            given_names: n.and_then(|n| n.given_names.clone()).unwrap_or_default(),
            patronymic: n.and_then(|n| n.patronymic.clone()).unwrap_or_default(),
            sex: p.sex.clone().unwrap_or_default(),
            birth_date: p.birth_date.clone().unwrap_or_default(),
            place_of_birth: p.place_of_birth.clone().unwrap_or_default(),
            nationalities: p.nationalities.join(" "),
        }
    }

    pub(super) fn input(&self) -> NewPersonInput {
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        NewPersonInput {
            surname: self.surname.clone(),
            given_names: opt(&self.given_names),
            patronymic: opt(&self.patronymic),
            sex: opt(&self.sex),
            birth_date: opt(&self.birth_date),
            place_of_birth: opt(&self.place_of_birth),
            nationalities: self
                .nationalities
                .split([',', ' '])
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            ..Default::default()
        }
    }
}

pub(crate) async fn edit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Protected { cu, form }: Protected<EditForm>,
) -> Result<Response, UiError> {
    match state
        .services
        .update_person(&cu.ctx, &id, &form.input(), form.version)
        .await
    {
        Ok(_) => Ok(
            crate::ui::redirect::see_other(&format!("/persons/{id}?done=updated")).into_response(),
        ),
        Err(ServiceError::Validation { field, code, .. }) if field != "person_id" => {
            let person = state.services.get_person(&cu.ctx, &id, None).await?;
            let mut page = person_page(&state, &cu, &id, person).await?;
            page.edit_errors = vec![(form_field(field), error_key(code))];
            page.edit = form;
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(ServiceError::Conflict(_)) => {
            let person = state.services.get_person(&cu.ctx, &id, None).await?;
            let mut page = person_page(&state, &cu, &id, person).await?;
            page.notice_key = None;
            page.edit_errors = vec![("surname", "person-error-stale")];
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::CONFLICT;
            Ok(res)
        }
        Err(ServiceError::Validation { .. }) => Err(UiError::NotFound),
        Err(e) => Err(e.into()),
    }
}
