//! Merging a duplicate record into the person shown.

use super::*;

/// Merging a duplicate into the person shown.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct MergeForm {
    #[serde(default)]
    pub(super) csrf: String,
    #[serde(default)]
    pub(super) merged: String,
}

csrf_form!(MergeForm);

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
