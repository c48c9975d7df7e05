//! Changes to an issued permit: extend, replace, revoke.

use super::*;

/// A change of the permit the case issued.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct PermitForm {
    #[serde(default)]
    pub(super) csrf: String,
    #[serde(default)]
    pub(super) action: String,
    #[serde(default)]
    pub(super) valid_to: String,
    #[serde(default)]
    pub(super) reason: String,
}

csrf_form!(ActForm, AssignForm, AnswerForm, PermitForm);

/// Extends, replaces or revokes the permit the case issued.
pub(crate) async fn change_permit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Protected { cu, form }: Protected<PermitForm>,
) -> Result<Response, UiError> {
    let id = case_id(&id)?;
    let case = state.services.application(&cu.ctx, id).await?;
    let number = case.permit_number.ok_or(UiError::NotFound)?;
    match state
        .services
        .change_permit(
            &cu.ctx,
            &number,
            &form.action,
            some(&form.valid_to).as_deref(),
            &form.reason,
        )
        .await
    {
        Ok(_) => Ok(crate::ui::redirect::see_other(&format!(
            "{}#permit",
            after_write(id, "permit")
        ))
        .into_response()),
        Err(e) => match refusal(&cu.tr, &e) {
            Some(msg) => case_page(&state, &cu, id, Some(msg)).await,
            None => Err(e.into()),
        },
    }
}
