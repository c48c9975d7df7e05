//! One case on screen: its facts, clock, checks, attachments, history and the actions open to the officer.

use super::*;

#[derive(Template)]
#[template(path = "case_view.html")]
pub(super) struct CaseTemplate {
    pub(super) page: Page,
    pub(super) case: CaseView,
    pub(super) events: Vec<EventLine>,
    pub(super) spec: &'static TypeSpec,
    pub(super) may_write: bool,
    pub(super) error: Option<String>,
    pub(super) agencies: &'static [&'static str],
    pub(super) answers: &'static [&'static str],
    pub(super) refusal_grounds: Vec<&'static str>,
    pub(super) permit: Option<(umis_service::PermitView, Vec<umis_service::PermitEventView>)>,
    pub(super) may_revoke: bool,
    /// What the officer just did (`?done=`), confirmed in a banner.
    pub(super) done: Option<&'static str>,
}

pub(super) fn case_id(raw: &str) -> Result<i64, UiError> {
    raw.parse().map_err(|_| UiError::NotFound)
}

pub(super) async fn case_page(
    state: &AppState,
    cu: &CurrentUser,
    id: i64,
    error: Option<String>,
) -> Result<Response, UiError> {
    case_page_after(state, cu, id, error, None).await
}

/// The case page, confirming what the officer just did (`done`, a key of [`DONE`]).
pub(super) async fn case_page_after(
    state: &AppState,
    cu: &CurrentUser,
    id: i64,
    error: Option<String>,
    done: Option<&'static str>,
) -> Result<Response, UiError> {
    let case = match state.services.application(&cu.ctx, id).await {
        Ok(c) => c,
        Err(ServiceError::NotFound) => return Err(UiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let events = state.services.application_events(&cu.ctx, id).await?;
    let spec = spec_of(&case.app_type).ok_or(UiError::Internal)?;
    let permit = match &case.permit_number {
        Some(n) => Some(state.services.permit(&cu.ctx, n).await?),
        None => None,
    };
    let failed = error.is_some();
    let mut res = render(&CaseTemplate {
        page: Page::for_user(cu, "cases", "case-title", &format!("/cases/{id}")),
        case,
        events,
        spec,
        may_write: cu.ctx.may(Permission::WriteApplications),
        error,
        agencies: AGENCIES,
        answers: CHECK_ANSWERS,
        refusal_grounds: REFUSAL_GROUNDS.iter().map(|(g, _)| *g).collect(),
        permit,
        may_revoke: cu.user.role == umis_domain::Role::DecisionMaker,
        done,
    })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// The case page.
pub(crate) async fn view(
    State(state): State<AppState>,
    cu: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, UiError> {
    let done = q
        .done
        .as_deref()
        .and_then(|d| DONE.iter().find(|k| **k == d).copied());
    case_page_after(&state, &cu, case_id(&id)?, None, done).await
}

/// `?done=` of the case page: what was just done, from the redirect after a write.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct DoneQuery {
    #[serde(default)]
    done: Option<String>,
}

/// What a write on a case can confirm: the workflow actions, and the other writes.
pub(super) const DONE: &[&str] = &[
    "filed",
    "assigned",
    "answered",
    "permit",
    "submit",
    "register",
    "start_review",
    "request_info",
    "info_received",
    "request_checks",
    "resume_review",
    "propose",
    "return_for_review",
    "decide",
    "issue",
    "close",
    "withdraw",
    "lodge_appeal",
    "uphold_decision",
    "overturn_decision",
];

/// Where to go after a write on case `id` that did `done`.
pub(super) fn after_write(id: i64, done: &str) -> String {
    format!("/cases/{id}?done={done}")
}
