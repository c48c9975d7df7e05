//! Adding an identity document to a person from their page.

use super::*;

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
