//! The administrators' list of merges, and undoing a merge.

use crate::extract::{CurrentUser, Protected, csrf_form};
use crate::ui::{Page, render};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_service::{MergeEntry, ServiceError};

/// Undoing a merge: the record it was merged into.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct UndoForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    survivor: String,
}

csrf_form!(UndoForm);

#[derive(Template)]
#[template(path = "admin_merges.html")]
struct MergesPage {
    page: Page,
    merges: Vec<MergeEntry>,
    notice_key: Option<&'static str>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct MergesQuery {
    #[serde(default)]
    done: Option<String>,
}

/// Merges an administrator may undo (person numbers only: administrators do not read cases).
pub(crate) async fn merges(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<MergesQuery>,
) -> Result<Response, UiError> {
    let merges = state.services.list_merges(&cu.ctx, 200).await?;
    render(&MergesPage {
        page: Page::for_user(&cu, "merges", "nav-merges", "/admin/merges"),
        merges,
        notice_key: (q.done.as_deref() == Some("undone")).then_some("merges-undone"),
    })
}

/// Undoes the merge of `merged` into the survivor given in the form.
pub(crate) async fn undo_merge(
    State(state): State<AppState>,
    Path(merged): Path<String>,
    Protected { cu, form }: Protected<UndoForm>,
) -> Result<Response, UiError> {
    match state
        .services
        .unmerge_persons(&cu.ctx, form.survivor.trim(), merged.trim())
        .await
    {
        Ok(()) => Ok(crate::ui::redirect::see_other("/admin/merges?done=undone").into_response()),
        Err(ServiceError::Conflict(_)) => Err(UiError::BadRequest("merges-error-state")),
        Err(ServiceError::Validation { .. }) | Err(ServiceError::NotFound) => {
            Err(UiError::NotFound)
        }
        Err(e) => Err(e.into()),
    }
}
