//! Casework in the back office: the work queue (by deadline, with at-risk and overdue views
//! for supervisors), intake of a new application, the case page (person, documents, checks,
//! timeline and the actions open to this officer), the decision letter as a printable page and
//! as a PDF, and the policy-rule and holiday administration.

use super::{Page, render};
use crate::extract::{CurrentUser, Protected, check_csrf, csrf_form};
use crate::i18n::Tr;
use crate::pdf::{Block, Letter};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_domain::Permission;
use umis_domain::cases::{
    AGENCIES, AppType, CHECK_ANSWERS, FieldKind, REFUSAL_GROUNDS, TYPES, TypeSpec,
};
use umis_service::{
    ActionInput, ApplicationInput, CaseView, EventLine, LetterData, PolicyRuleInput, QueuePage,
    QueueQuery, ServiceError,
};
use umis_store::PolicyRuleRow;

/// Message key `prefix-value` with underscores as dashes (`case-state-under-review`).
pub(crate) fn key(prefix: &str, value: &str) -> String {
    format!("{prefix}-{}", value.replace('_', "-"))
}

#[derive(Template)]
#[template(path = "cases.html")]
struct QueueTemplate {
    page: Page,
    queue: QueuePage,
    q: QueueForm,
    types: Vec<&'static str>,
    states: Vec<&'static str>,
    may_write: bool,
    prev: Option<String>,
    next: Option<String>,
}

impl QueueTemplate {
    fn tab_href(&self, tab: &str) -> String {
        match tab {
            "mine" => "/cases?assigned=me".into(),
            "at_risk" => "/cases?due=at_risk".into(),
            "overdue" => "/cases?due=overdue".into(),
            "closed" => "/cases?status=closed".into(),
            _ => "/cases".into(),
        }
    }

    fn tab_active(&self, tab: &str) -> bool {
        let q = &self.q;
        match tab {
            "mine" => q.assigned.as_deref() == Some("me"),
            "at_risk" => q.due.as_deref() == Some("at_risk"),
            "overdue" => q.due.as_deref() == Some("overdue"),
            "closed" => q.status.as_deref() == Some("closed"),
            _ => {
                q.assigned.is_none()
                    && q.due.is_none()
                    && q.status.is_none()
                    && q.person_id.is_none()
            }
        }
    }

    fn k(&self, prefix: &str, v: &str) -> String {
        key(prefix, v)
    }

    fn sel(&self, a: &Option<String>, b: &str) -> bool {
        a.as_deref() == Some(b)
    }
}

/// Queue filters from the query string (empty values mean "any").
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct QueueForm {
    #[serde(default)]
    app_type: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    due: Option<String>,
    #[serde(default)]
    assigned: Option<String>,
    #[serde(default)]
    person_id: Option<String>,
    #[serde(default)]
    offset: Option<i64>,
}

fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

const PAGE_SIZE: i64 = 50;

/// The work queue.
pub(crate) async fn queue(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(form): Query<QueueForm>,
) -> Result<Response, UiError> {
    let q = QueueForm {
        app_type: nonempty(&form.app_type),
        state: nonempty(&form.state),
        status: nonempty(&form.status),
        due: nonempty(&form.due),
        assigned: nonempty(&form.assigned),
        person_id: nonempty(&form.person_id),
        offset: form.offset.filter(|o| *o > 0),
    };
    let query = QueueQuery {
        app_type: q.app_type.clone(),
        state: q.state.clone(),
        status: q.status.clone(),
        due: q.due.clone(),
        assigned: q.assigned.clone(),
        person_id: q.person_id.clone(),
        limit: Some(PAGE_SIZE),
        offset: q.offset,
    };
    let queue = match state.services.application_queue(&cu.ctx, &query).await {
        Ok(q) => q,
        Err(ServiceError::Validation { .. }) => {
            return Err(UiError::BadRequest("error-bad-request"));
        }
        Err(e) => return Err(e.into()),
    };
    let base: Vec<String> = [
        ("app_type", &q.app_type),
        ("state", &q.state),
        ("status", &q.status),
        ("due", &q.due),
        ("assigned", &q.assigned),
        ("person_id", &q.person_id),
    ]
    .iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", urlencode(v))))
    .collect();
    let offset = q.offset.unwrap_or(0);
    let link = |o: i64| {
        let mut parts = base.clone();
        if o > 0 {
            parts.push(format!("offset={o}"));
        }
        format!("/cases?{}", parts.join("&"))
    };
    let prev = (offset > 0).then(|| link((offset - PAGE_SIZE).max(0)));
    let more = queue.total_is_capped || offset + PAGE_SIZE < queue.total;
    let next = more.then(|| link(offset + PAGE_SIZE));
    render(&QueueTemplate {
        page: Page::for_user(&cu, "cases", "nav-cases", "/cases"),
        queue,
        q,
        types: TYPES.iter().map(|t| t.code).collect(),
        states: umis_domain::cases::State::ALL
            .iter()
            .map(|s| s.as_str())
            .collect(),
        may_write: cu.ctx.may(Permission::WriteApplications),
        prev,
        next,
    })
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "case_new.html")]
struct NewTemplate {
    page: Page,
    spec: Option<&'static TypeSpec>,
    types: Vec<&'static str>,
    form: NewForm,
    error: Option<String>,
}

/// One input of the intake form.
struct FieldInput {
    name: &'static str,
    input: &'static str,
    options: Vec<(String, String)>,
    required: bool,
    value: String,
    max: String,
}

impl NewTemplate {
    fn k(&self, prefix: &str, v: &str) -> String {
        key(prefix, v)
    }

    fn inputs(&self) -> Vec<FieldInput> {
        let Some(spec) = self.spec else {
            return Vec::new();
        };
        spec.fields
            .iter()
            .map(|f| {
                let value = self
                    .form
                    .fields
                    .iter()
                    .find(|(n, _)| n == f.name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                let (input, options, max) = match f.kind {
                    FieldKind::Text { max } if max > 300 => ("textarea", vec![], max.to_string()),
                    FieldKind::Text { max } => ("text", vec![], max.to_string()),
                    FieldKind::Int { max, .. } => ("number", vec![], max.to_string()),
                    FieldKind::Date => ("date", vec![], String::new()),
                    FieldKind::Country => ("country", vec![], "3".into()),
                    FieldKind::Choice(opts) => (
                        "select",
                        opts.iter()
                            .map(|o| {
                                let prefix = if f.name == "ground" {
                                    "case-ground"
                                } else {
                                    "case-choice"
                                };
                                ((*o).to_owned(), key(prefix, o))
                            })
                            .collect(),
                        String::new(),
                    ),
                };
                FieldInput {
                    name: f.name,
                    input,
                    options,
                    required: f.required,
                    value,
                    max,
                }
            })
            .collect()
    }

    fn doc_checked(&self, d: &str) -> bool {
        self.form.documents.iter().any(|x| x == d)
    }
}

/// The intake form as posted: fixed fields plus the type's own (`f_<name>`) and document
/// checkboxes (`doc`).
#[derive(Debug, Default, Clone)]
pub(crate) struct NewForm {
    csrf: String,
    app_type: String,
    person_id: String,
    lang: String,
    draft: bool,
    fields: Vec<(String, String)>,
    documents: Vec<String>,
}

impl<'de> Deserialize<'de> for NewForm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let pairs: Vec<(String, String)> = Vec::deserialize(d)?;
        let mut f = NewForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "csrf" => f.csrf = v,
                "app_type" => f.app_type = v,
                "person_id" => f.person_id = v,
                "lang" => f.lang = v,
                "draft" => f.draft = v == "on" || v == "true",
                "doc" => f.documents.push(v),
                other => {
                    if let Some(name) = other.strip_prefix("f_") {
                        f.fields.push((name.to_owned(), v));
                    }
                }
            }
        }
        Ok(f)
    }
}

csrf_form!(NewForm);

/// `?type=` of the intake form.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct NewQuery {
    #[serde(default, rename = "type")]
    app_type: Option<String>,
    #[serde(default)]
    person_id: Option<String>,
}

fn spec_of(code: &str) -> Option<&'static TypeSpec> {
    code.parse::<AppType>().ok().map(AppType::spec)
}

/// The intake form: first the type, then its fields and checklist.
pub(crate) async fn new_form(
    cu: CurrentUser,
    Query(q): Query<NewQuery>,
) -> Result<Response, UiError> {
    if !cu.ctx.may(Permission::WriteApplications) {
        return Err(UiError::Forbidden);
    }
    let spec = q.app_type.as_deref().and_then(spec_of);
    render(&NewTemplate {
        page: Page::for_user(&cu, "cases", "case-new", "/cases/new"),
        spec,
        types: TYPES.iter().map(|t| t.code).collect(),
        form: NewForm {
            app_type: spec.map(|s| s.code.to_owned()).unwrap_or_default(),
            person_id: q.person_id.unwrap_or_default(),
            lang: cu.tr.lang.code().to_owned(),
            ..Default::default()
        },
        error: None,
    })
}

/// Files an application from the intake form.
pub(crate) async fn create(
    State(state): State<AppState>,
    Protected { cu, form }: Protected<NewForm>,
) -> Result<Response, UiError> {
    let spec = spec_of(&form.app_type);
    let mut fields = serde_json::Map::new();
    for (k, v) in &form.fields {
        if !v.trim().is_empty() {
            fields.insert(k.clone(), serde_json::Value::String(v.clone()));
        }
    }
    let input = ApplicationInput {
        app_type: form.app_type.clone(),
        person_id: form.person_id.clone(),
        fields,
        documents: form.documents.clone(),
        lang: Some(form.lang.clone()),
        draft: form.draft,
    };
    match state.services.submit_application(&cu.ctx, &input).await {
        Ok(view) => {
            Ok(crate::ui::redirect::see_other(&format!("/cases/{}", view.id)).into_response())
        }
        Err(e @ (ServiceError::Validation { .. } | ServiceError::NotFound)) => {
            let message = refusal(&cu.tr, &e).unwrap_or_default();
            let mut res = render(&NewTemplate {
                page: Page::for_user(&cu, "cases", "case-new", "/cases/new"),
                spec,
                types: TYPES.iter().map(|t| t.code).collect(),
                form,
                error: Some(message),
            })?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "case_view.html")]
struct CaseTemplate {
    page: Page,
    case: CaseView,
    events: Vec<EventLine>,
    spec: &'static TypeSpec,
    may_write: bool,
    error: Option<String>,
    agencies: &'static [&'static str],
    answers: &'static [&'static str],
    refusal_grounds: Vec<&'static str>,
    permit: Option<(umis_service::PermitView, Vec<umis_service::PermitEventView>)>,
    may_revoke: bool,
}

impl CaseTemplate {
    fn k(&self, prefix: &str, v: &str) -> String {
        key(prefix, v)
    }

    /// A workflow action's name, or the name of another timeline event.
    fn event_key(&self, action: &str) -> String {
        if action.parse::<umis_domain::cases::ActionKind>().is_ok() {
            key("case-action", action)
        } else {
            key("case-event", &action.replace('.', "-"))
        }
    }

    fn field_value(&self, name: &str) -> String {
        match self.case.fields.get(name) {
            Some(serde_json::Value::String(s)) => {
                if name == "ground" || name == "fee_tier" || name == "kind" {
                    let prefix = if name == "ground" {
                        "case-ground"
                    } else {
                        "case-choice"
                    };
                    self.page.tr.t(key(prefix, s))
                } else {
                    s.clone()
                }
            }
            Some(v) => v.to_string(),
            None => "—".into(),
        }
    }

    fn on_file(&self, d: &str) -> bool {
        self.case.documents.iter().any(|x| x == d)
    }

    fn allowed(&self) -> Vec<&str> {
        // Propose, request_checks and assign have forms of their own.
        self.case
            .allowed_actions
            .iter()
            .map(String::as_str)
            .filter(|a| !matches!(*a, "propose" | "request_checks"))
            .collect()
    }

    fn may(&self, action: &str) -> bool {
        self.case.allowed_actions.iter().any(|a| a == action)
    }

    fn needs_note(&self, action: &str) -> bool {
        matches!(
            action,
            "request_info"
                | "withdraw"
                | "return_for_review"
                | "lodge_appeal"
                | "uphold_decision"
                | "overturn_decision"
        )
    }

    fn default_check(&self, agency: &str) -> bool {
        self.spec.checks.contains(&agency)
    }

    fn decided(&self) -> bool {
        self.case.decided_on.is_some()
    }
}

fn case_id(raw: &str) -> Result<i64, UiError> {
    raw.parse().map_err(|_| UiError::NotFound)
}

async fn case_page(
    state: &AppState,
    cu: &CurrentUser,
    id: i64,
    error: Option<String>,
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
) -> Result<Response, UiError> {
    case_page(&state, &cu, case_id(&id)?, None).await
}

/// A workflow action from the case page.
#[derive(Debug, Default, Clone)]
pub(crate) struct ActForm {
    csrf: String,
    action: String,
    version: String,
    outcome: String,
    ground: String,
    reasoning: String,
    note: String,
    agencies: Vec<String>,
}

impl<'de> Deserialize<'de> for ActForm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let pairs: Vec<(String, String)> = Vec::deserialize(d)?;
        let mut f = ActForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "csrf" => f.csrf = v,
                "action" => f.action = v,
                "version" => f.version = v,
                "outcome" => f.outcome = v,
                "ground" => f.ground = v,
                "reasoning" => f.reasoning = v,
                "note" => f.note = v,
                "agency" => f.agencies.push(v),
                _ => {}
            }
        }
        Ok(f)
    }
}

/// An assignment from the case page.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct AssignForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    officer: String,
}

/// An officer's record of a partner body's answer.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct AnswerForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    answer_text: String,
}

/// A change of the permit the case issued.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct PermitForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    valid_to: String,
    #[serde(default)]
    reason: String,
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
        Ok(_) => Ok(crate::ui::redirect::see_other(&format!("/cases/{id}#permit")).into_response()),
        Err(e) => match refusal(&cu.tr, &e) {
            Some(msg) => case_page(&state, &cu, id, Some(msg)).await,
            None => Err(e.into()),
        },
    }
}

fn some(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Error codes with a translated explanation (`case-error-…`); others show the service's
/// own message.
pub const TRANSLATED_ERRORS: &[&str] = &[
    "unknown_field",
    "out_of_range",
    "unknown_value",
    "invalid_date",
    "invalid_text",
    "invalid_country",
    "unknown_document",
    "no_valid_passport",
    "contract_ended",
    "not_issued",
    "not_refused",
    "already_appealed",
    "unknown_agency",
    "unknown_answer",
    "not_later",
    "unknown_user",
    "missing_documents",
    "checks_pending",
    "illegal_transition",
    "stale_version",
    "ground_required",
    "unknown_ground",
    "required",
    "not_approved",
    "unsupported_type",
    "too_large",
    "empty_file",
    "passport_validity",
    "insufficient_residence",
    "quota_exhausted",
];

/// What a refused case write shows: always a sentence in the officer's language (the code's own
/// message, or a general one for the kind of refusal), followed by the service's detail.
fn refusal(tr: &Tr, e: &ServiceError) -> Option<String> {
    let explained = |code: &str, fallback: &str, detail: &str| {
        let lead = if TRANSLATED_ERRORS.contains(&code) {
            tr.t(key("case-error", code))
        } else {
            tr.t(fallback)
        };
        format!("{lead} ({detail})")
    };
    match e {
        ServiceError::Validation { code, message, .. } => {
            Some(explained(code, "case-error-invalid", message))
        }
        ServiceError::Refused { code, message } => {
            Some(explained(code, "case-error-conflict", message))
        }
        ServiceError::Forbidden(m) => Some(format!("{} ({m})", tr.t("case-error-forbidden"))),
        ServiceError::Conflict(m) => Some(format!("{} ({m})", tr.t("case-error-conflict"))),
        ServiceError::NotFound => Some(tr.t("case-error-person")),
        _ => None,
    }
}

/// Takes a workflow action.
pub(crate) async fn act(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Protected { cu, form }: Protected<ActForm>,
) -> Result<Response, UiError> {
    let id = case_id(&id)?;
    let input = ActionInput {
        action: form.action.clone(),
        version: form.version.trim().parse().unwrap_or(-1),
        outcome: some(&form.outcome),
        ground: some(&form.ground),
        reasoning: some(&form.reasoning),
        note: some(&form.note),
        agencies: form.agencies.clone(),
    };
    match state.services.act_on_application(&cu.ctx, id, &input).await {
        Ok(_) => Ok(crate::ui::redirect::see_other(&format!("/cases/{id}")).into_response()),
        Err(e) => match refusal(&cu.tr, &e) {
            Some(msg) => case_page(&state, &cu, id, Some(msg)).await,
            None => Err(e.into()),
        },
    }
}

/// Assigns the case.
pub(crate) async fn assign(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Protected { cu, form }: Protected<AssignForm>,
) -> Result<Response, UiError> {
    let id = case_id(&id)?;
    let version = form.version.trim().parse().unwrap_or(-1);
    match state
        .services
        .assign_application(&cu.ctx, id, version, &form.officer)
        .await
    {
        Ok(_) => Ok(crate::ui::redirect::see_other(&format!("/cases/{id}")).into_response()),
        Err(e) => match refusal(&cu.tr, &e) {
            Some(msg) => case_page(&state, &cu, id, Some(msg)).await,
            None => Err(e.into()),
        },
    }
}

/// Records a partner body's answer given outside the API.
pub(crate) async fn answer(
    State(state): State<AppState>,
    Path((id, check)): Path<(String, String)>,
    Protected { cu, form }: Protected<AnswerForm>,
) -> Result<Response, UiError> {
    let (id, check) = (case_id(&id)?, case_id(&check)?);
    let case = state.services.application(&cu.ctx, id).await?;
    if !case.checks.iter().any(|c| c.check_id == check) {
        return Err(UiError::NotFound);
    }
    match state
        .services
        .answer_check(
            &cu.ctx,
            check,
            &form.answer,
            some(&form.answer_text).as_deref(),
        )
        .await
    {
        Ok(_) => Ok(crate::ui::redirect::see_other(&format!("/cases/{id}")).into_response()),
        Err(e) => match refusal(&cu.tr, &e) {
            Some(msg) => case_page(&state, &cu, id, Some(msg)).await,
            None => Err(e.into()),
        },
    }
}

/// Uploads a scanned document (multipart: `csrf`, `doc_kind`, `file`).
pub(crate) async fn upload(
    State(state): State<AppState>,
    Path(id): Path<String>,
    cu: CurrentUser,
    headers: axum::http::HeaderMap,
    mut multipart: Multipart,
) -> Result<Response, UiError> {
    let id = case_id(&id)?;
    let (mut csrf, mut kind, mut name, mut bytes) =
        (String::new(), String::new(), String::new(), None);
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(UiError::TooLarge),
            Err(_) => return Err(UiError::BadRequest("error-bad-request")),
        };
        match field.name().unwrap_or_default() {
            "csrf" => csrf = field.text().await.unwrap_or_default(),
            "doc_kind" => kind = field.text().await.unwrap_or_default(),
            "file" => {
                name = field.file_name().unwrap_or("document").to_owned();
                match field.bytes().await {
                    Ok(b) => bytes = Some(b.to_vec()),
                    Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                        return Err(UiError::TooLarge);
                    }
                    Err(_) => return Err(UiError::BadRequest("error-bad-request")),
                }
            }
            _ => {}
        }
    }
    check_csrf(&state.services, &cu.ctx, &cu.csrf, &csrf, &headers).await?;
    let Some(bytes) = bytes else {
        return case_page(&state, &cu, id, Some(cu.tr.t("case-error-empty-file"))).await;
    };
    match state
        .services
        .add_attachment(&cu.ctx, id, &kind, &name, bytes)
        .await
    {
        Ok(_) => Ok(crate::ui::redirect::see_other(&format!("/cases/{id}")).into_response()),
        Err(e) => match refusal(&cu.tr, &e) {
            Some(msg) => case_page(&state, &cu, id, Some(msg)).await,
            None => Err(e.into()),
        },
    }
}

/// Downloads an attachment.
pub(crate) async fn download(
    State(state): State<AppState>,
    cu: CurrentUser,
    Path((id, att)): Path<(String, String)>,
) -> Result<Response, UiError> {
    let (id, att) = (case_id(&id)?, case_id(&att)?);
    let (meta, content) = match state.services.attachment(&cu.ctx, id, att).await {
        Ok(x) => x,
        Err(ServiceError::NotFound) => return Err(UiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    Ok(crate::api::file_response(&meta, content))
}

/// The decision letter, in the applicant's language.
#[derive(Template)]
#[template(path = "case_letter.html")]
struct LetterTemplate {
    tr: Tr,
    lines: Vec<(String, String)>,
    title: String,
    reasoning: String,
    closing: String,
    pdf_href: String,
}

/// The letter's content in the applicant's language: title, (label, value) lines, reasoning,
/// closing paragraph.
fn letter_content(d: &LetterData, tr: &Tr) -> (String, Vec<(String, String)>, String, String) {
    let c = &d.case;
    let title = format!("{} № {}", tr.t("letter-title"), c.number);
    let outcome = match c.outcome.as_deref() {
        Some("approve") => tr.t("letter-approved"),
        _ => tr.t("letter-refused"),
    };
    let mut lines = vec![
        (tr.t("letter-applicant"), c.applicant.clone()),
        (tr.t("person-number"), c.person_id.clone()),
    ];
    if let Some(b) = &d.birth_date {
        lines.push((tr.t("letter-birth-date"), b.clone()));
    }
    lines.push((tr.t("case-type"), tr.t(key("apptype", &c.app_type))));
    lines.push((
        tr.t("case-filed-on"),
        c.filed_on.clone().unwrap_or_default(),
    ));
    lines.push((tr.t("letter-decision"), outcome));
    if let Some(g) = &c.ground {
        let mut ground = tr.t(key("case-ground", g));
        if let Some(r) = &c.ground_ref {
            ground = format!("{ground} ({r})");
        }
        lines.push((tr.t("case-ground"), ground));
    }
    if let Some(p) = &d.permit {
        lines.push((tr.t("case-permit"), p.number.clone()));
        lines.push((
            tr.t("letter-validity"),
            if p.valid_to.starts_with("9999") {
                format!("{} —", p.valid_from)
            } else {
                format!("{} — {}", p.valid_from, p.valid_to)
            },
        ));
        if let Some(cond) = &p.conditions {
            lines.push((tr.t("letter-conditions"), cond.clone()));
        }
    }
    lines.push((
        tr.t("case-decided-on"),
        c.decided_on.clone().unwrap_or_default(),
    ));
    lines.push((
        tr.t("case-decided-by"),
        c.decided_by.clone().unwrap_or_default(),
    ));
    lines.push((tr.t("letter-office"), c.office_code.clone()));
    let closing = if c.outcome.as_deref() == Some("refuse") {
        tr.t("letter-appeal-rights")
    } else {
        tr.t("letter-approved-note")
    };
    (
        title,
        lines,
        c.reasoning.clone().unwrap_or_default(),
        closing,
    )
}

async fn letter_data(
    state: &AppState,
    cu: &CurrentUser,
    id: &str,
) -> Result<(LetterData, Tr), UiError> {
    let id = case_id(id)?;
    let d = match state.services.decision_letter(&cu.ctx, id).await {
        Ok(d) => d,
        Err(ServiceError::NotFound) => return Err(UiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let lang = d.case.lang.parse().unwrap_or(umis_domain::Lang::Az);
    Ok((d, Tr::new(lang, cu.tr.utc_offset_minutes)))
}

/// The decision letter as a printable page.
pub(crate) async fn letter(
    State(state): State<AppState>,
    cu: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, UiError> {
    let (d, tr) = letter_data(&state, &cu, &id).await?;
    let (title, lines, reasoning, closing) = letter_content(&d, &tr);
    render(&LetterTemplate {
        tr,
        lines,
        title,
        reasoning,
        closing,
        pdf_href: format!("/cases/{}/letter.pdf", d.case.id),
    })
}

/// The decision letter as a PDF.
pub(crate) async fn letter_pdf(
    State(state): State<AppState>,
    cu: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, UiError> {
    let (d, tr) = letter_data(&state, &cu, &id).await?;
    let (title, lines, reasoning, closing) = letter_content(&d, &tr);
    let mut blocks = vec![
        Block::Heading(tr.t("letter-authority")),
        Block::Heading(title.clone()),
        Block::Space,
    ];
    blocks.extend(lines.into_iter().map(|(k, v)| Block::Field(k, v)));
    blocks.push(Block::Space);
    blocks.push(Block::Heading(tr.t("case-reasoning")));
    blocks.push(Block::Paragraph(reasoning));
    blocks.push(Block::Space);
    blocks.push(Block::Paragraph(closing));
    let bytes = crate::pdf::render(&Letter { title, blocks }).map_err(|e| {
        tracing::error!(error = %e, "decision letter PDF failed");
        UiError::Internal
    })?;
    let mut res = bytes.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "inline; filename=\"decision-{}.pdf\"",
        d.case.number
    )) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

#[derive(Template)]
#[template(path = "admin_policy.html")]
struct PolicyTemplate {
    page: Page,
    rules: Vec<PolicyRuleRow>,
    holidays: Vec<(String, String)>,
    form: PolicyForm,
    error: Option<String>,
}

/// A policy rule as edited.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct PolicyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    rule_id: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    params: String,
    #[serde(default)]
    valid_from: String,
    #[serde(default)]
    valid_to: String,
    #[serde(default)]
    legal_ref: String,
    #[serde(default)]
    status: String,
}

/// A holiday added or removed.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct HolidayForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    remove: String,
}

csrf_form!(PolicyForm, HolidayForm);

/// `?edit=` of the policy screen.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PolicyQuery {
    #[serde(default)]
    edit: Option<i64>,
}

async fn policy_page(
    state: &AppState,
    cu: &CurrentUser,
    form: PolicyForm,
    error: Option<String>,
) -> Result<Response, UiError> {
    let rules = state.services.list_policy_rules(&cu.ctx).await?;
    let holidays = state.services.list_holidays(&cu.ctx).await?;
    let failed = error.is_some();
    let mut res = render(&PolicyTemplate {
        page: Page::for_user(cu, "policy", "nav-policy", "/admin/policy"),
        rules,
        holidays,
        form,
        error,
    })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// The policy rules and holiday calendar.
pub(crate) async fn policy(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<PolicyQuery>,
) -> Result<Response, UiError> {
    let mut form = PolicyForm {
        status: "uncertain".into(),
        ..Default::default()
    };
    if let Some(id) = q.edit {
        let rules = state.services.list_policy_rules(&cu.ctx).await?;
        let r = rules
            .into_iter()
            .find(|r| r.rule_id == id)
            .ok_or(UiError::NotFound)?;
        form = PolicyForm {
            csrf: String::new(),
            rule_id: r.rule_id.to_string(),
            code: r.code,
            params: r.params,
            valid_from: r.valid_from,
            valid_to: r.valid_to.unwrap_or_default(),
            legal_ref: r.legal_ref,
            status: r.status,
        };
    }
    policy_page(&state, &cu, form, None).await
}

/// Saves a policy rule.
pub(crate) async fn save_policy(
    State(state): State<AppState>,
    Protected { cu, form }: Protected<PolicyForm>,
) -> Result<Response, UiError> {
    let input = PolicyRuleInput {
        rule_id: form.rule_id.trim().parse().ok(),
        code: form.code.clone(),
        params: form.params.clone(),
        valid_from: form.valid_from.clone(),
        valid_to: some(&form.valid_to),
        legal_ref: form.legal_ref.clone(),
        status: form.status.clone(),
    };
    match state.services.save_policy_rule(&cu.ctx, &input).await {
        Ok(_) => Ok(crate::ui::redirect::see_other("/admin/policy").into_response()),
        Err(ServiceError::Validation { message, .. }) => {
            policy_page(&state, &cu, form, Some(message)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Adds or removes a holiday.
pub(crate) async fn save_holiday(
    State(state): State<AppState>,
    Protected { cu, form }: Protected<HolidayForm>,
) -> Result<Response, UiError> {
    let name = if form.remove.is_empty() {
        Some(form.name.trim().to_owned()).filter(|s| !s.is_empty())
    } else {
        None
    };
    if form.remove.is_empty() && name.is_none() {
        let msg = cu.tr.t("policy-error-holiday");
        return policy_page(&state, &cu, PolicyForm::default(), Some(msg)).await;
    }
    match state
        .services
        .set_holiday(&cu.ctx, &form.day, name.as_deref())
        .await
    {
        Ok(()) => Ok(crate::ui::redirect::see_other("/admin/policy#holidays").into_response()),
        Err(ServiceError::Validation { message, .. }) => {
            policy_page(&state, &cu, PolicyForm::default(), Some(message)).await
        }
        Err(e) => Err(e.into()),
    }
}
