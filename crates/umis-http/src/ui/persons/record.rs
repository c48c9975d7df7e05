//! One person's record: view, corrections, documents added, merges.

use super::*;

#[derive(Template)]
#[template(path = "person_view.html")]
pub(super) struct PersonPage {
    pub(super) page: Page,
    pub(super) history: Vec<umis_store::HistoryEntry>,
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

impl PersonPage {
    /// Whether the officer may see applications (the links to this person's cases).
    pub(super) fn may_cases(&self) -> bool {
        self.page.nav.iter().any(|n| n.id == "cases")
    }

    /// The message shown for the registration obligation.
    pub(super) fn registration_text(&self, s: &umis_service::StayView) -> String {
        let Some(r) = &s.registration else {
            return String::new();
        };
        let get = |k: &str| {
            r.get(k)
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false)
        };
        let deadline = r
            .get("deadline")
            .and_then(|d| d.as_str())
            .unwrap_or("")
            .to_owned();
        if get("registered") {
            self.page.tr.t("stay-reg-done")
        } else if get("overdue") {
            self.page.tr.t1("stay-reg-overdue", "date", deadline)
        } else if get("required") {
            self.page.tr.t1("stay-reg-due", "date", deadline)
        } else {
            self.page.tr.t("stay-reg-not-required")
        }
    }

    /// Days used of a rolling allowance, as "used / allowed (window)".
    pub(super) fn window_text(&self, s: &umis_service::StayView) -> String {
        s.window
            .as_ref()
            .map(|w| {
                format!(
                    "{} / {} ({})",
                    w["days_used"], w["days_allowed"], w["window_days"]
                )
            })
            .unwrap_or_default()
    }
}

impl PersonPage {
    pub(super) fn doc_error(&self, field: &str) -> Option<&'static str> {
        self.doc_errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, k)| *k)
    }

    pub(super) fn doc_types(&self) -> [&'static str; 7] {
        DOC_TYPES
    }

    pub(super) fn doc_type_key(&self, t: &str) -> String {
        format!("doc-type-{}", t.replace('_', "-"))
    }

    pub(super) fn doc_fields(&self) -> Vec<(&'static str, &'static str, String)> {
        let f = &self.doc_form;
        vec![
            (
                "issuing_state",
                "person-doc-issuing-state",
                f.issuing_state.clone(),
            ),
            ("number", "person-doc-number", f.number.clone()),
            ("expiry_date", "person-doc-expiry", f.expiry_date.clone()),
        ]
    }

    pub(super) fn edit_error(&self, field: &str) -> Option<&'static str> {
        self.edit_errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, k)| *k)
    }

    pub(super) fn edit_fields(&self) -> Vec<(&'static str, &'static str, String)> {
        let e = &self.edit;
        vec![
            ("surname", "person-surname", e.surname.clone()),
            ("given_names", "person-given-names", e.given_names.clone()),
            ("patronymic", "person-patronymic", e.patronymic.clone()),
            ("birth_date", "person-birth-date", e.birth_date.clone()),
            (
                "place_of_birth",
                "person-place-of-birth",
                e.place_of_birth.clone(),
            ),
            (
                "nationalities",
                "person-nationalities",
                e.nationalities.clone(),
            ),
        ]
    }

    pub(super) fn sexes(&self) -> [(&'static str, &'static str); 4] {
        [
            ("", "person-sex-unknown"),
            ("M", "person-sex-m"),
            ("F", "person-sex-f"),
            ("X", "person-sex-x"),
        ]
    }

    /// The recorded changes of a history entry as labelled facts.
    pub(super) fn history_facts(&self, h: &umis_store::HistoryEntry) -> Vec<(String, String)> {
        super::history_text::history_facts(&self.page.tr, &h.changes)
    }

    pub(super) fn history_key(&self, h: &umis_store::HistoryEntry) -> String {
        format!("person-history-{}", h.action.replace('_', "-"))
    }

    pub(super) fn statuses(&self) -> [&'static str; 5] {
        ["valid", "lost", "stolen", "expired", "revoked"]
    }

    pub(super) fn doc_status_key(&self, s: &str) -> String {
        format!("doc-status-{s}")
    }

    pub(super) fn sex_key(&self) -> &'static str {
        match self.person.sex.as_deref() {
            Some("M") => "person-sex-m",
            Some("F") => "person-sex-f",
            Some("X") => "person-sex-x",
            _ => "person-sex-unknown",
        }
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct DocumentForm {
    #[serde(default)]
    pub(super) csrf: String,
    #[serde(default)]
    pub(super) doc_type: String,
    #[serde(default)]
    pub(super) issuing_state: String,
    #[serde(default)]
    pub(super) number: String,
    #[serde(default)]
    pub(super) expiry_date: String,
    #[serde(default)]
    pub(super) status: String,
}

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

csrf_form!(EditForm, MergeForm);

/// Merging a duplicate into the person shown.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct MergeForm {
    #[serde(default)]
    pub(super) csrf: String,
    #[serde(default)]
    pub(super) merged: String,
}

pub(crate) async fn merge(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Protected { cu, form }: Protected<MergeForm>,
) -> Result<Response, UiError> {
    let error = match state
        .services
        .merge_persons(&cu.ctx, &id, form.merged.trim())
        .await
    {
        Ok(_) => {
            return Ok(
                crate::ui::redirect::see_other(&format!("/persons/{id}?done=merged"))
                    .into_response(),
            );
        }
        Err(ServiceError::Validation {
            field: "merged",
            code,
            ..
        }) => {
            if code == "same_person" {
                "person-error-merge-self"
            } else {
                "person-error-number"
            }
        }
        Err(ServiceError::NotFound) => "person-error-number",
        Err(ServiceError::Conflict(_)) => "person-error-merge-state",
        Err(e) => return Err(e.into()),
    };
    let person = state.services.get_person(&cu.ctx, &id, None).await?;
    let mut page = person_page(&state, &cu, &id, person).await?;
    page.merge_error = Some(error);
    page.merge_value = form.merged;
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

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

pub(crate) async fn add_document(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Protected { cu, form }: Protected<DocumentForm>,
) -> Result<Response, UiError> {
    let input = DocumentInput {
        doc_type: if form.doc_type.is_empty() {
            "passport".into()
        } else {
            form.doc_type.clone()
        },
        issuing_state: form.issuing_state.clone(),
        number: form.number.clone(),
        issue_date: None,
        expiry_date: Some(form.expiry_date.clone()).filter(|s| !s.trim().is_empty()),
        status: Some(form.status.clone()).filter(|s| !s.trim().is_empty()),
        mrz: None,
    };
    match state.services.add_document(&cu.ctx, &id, &input).await {
        Ok(_) => Ok(
            crate::ui::redirect::see_other(&format!("/persons/{id}?done=document")).into_response(),
        ),
        Err(ServiceError::Validation { field, code, .. }) if field != "person_id" => {
            let person = state.services.get_person(&cu.ctx, &id, None).await?;
            let f = match field {
                "document_issuing_state" => "issuing_state",
                "document_number" => "number",
                "expiry_date" => "expiry_date",
                "status" => "status",
                _ => "doc_type",
            };
            let mut page = person_page(&state, &cu, &id, person).await?;
            page.doc_form = form;
            page.doc_errors = vec![(f, error_key(code))];
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(ServiceError::Validation { .. }) => Err(UiError::NotFound),
        Err(e) => Err(e.into()),
    }
}
