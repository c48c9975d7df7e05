//! The one-click steps on an inspection: marking it carried out and recording a fine paid.

use super::inspection_id;
use crate::extract::{Protected, csrf_form};
use crate::{AppState, UiError};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// A bare form (only the anti-forgery token).
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct ActionForm {
    #[serde(default)]
    csrf: String,
}

csrf_form!(ActionForm);

/// Marks the inspection carried out today.
pub(crate) async fn complete(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Protected { cu, form: _ }: Protected<ActionForm>,
) -> Result<Response, UiError> {
    let id = inspection_id(&id)?;
    state
        .services
        .complete_inspection(&cu.ctx, id, None)
        .await?;
    Ok(crate::ui::redirect::see_other(&format!("/control/inspections/{id}")).into_response())
}

/// Records that a fine was paid today.
pub(crate) async fn fine_paid(
    State(state): State<AppState>,
    Path((id, person, finding)): Path<(String, String, String)>,
    Protected { cu, form: _ }: Protected<ActionForm>,
) -> Result<Response, UiError> {
    let (id, finding) = (inspection_id(&id)?, inspection_id(&finding)?);
    state
        .services
        .fine_paid(&cu.ctx, &person, finding, None)
        .await?;
    Ok(crate::ui::redirect::see_other(&format!("/control/inspections/{id}")).into_response())
}
