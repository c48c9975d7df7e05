//! Applications over the API: file and track applications, take workflow actions, attach
//! documents, answer interagency checks and manage the permits approvals issue. Every case
//! response lists the actions the caller may take now and the version to send back.

use super::parse_query;
use crate::extract::{ApiCtx, ApiJson};
use crate::{ApiError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use umis_service::{
    ActionInput, ApplicationInput, AttachmentView, CaseView, CatalogueView, CheckView, EventLine,
    PermitEventView, PermitView, QueuePage, QueueQuery,
};
use utoipa::{IntoParams, ToSchema};

/// A new application.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationBody {
    /// `stay_extension`, `temporary_residence`, `permanent_residence`, `work_permit`,
    /// `immigrant_status`, `citizenship` or `refugee_status`.
    #[schema(value_type = super::vocab::ApplicationTypeSchema, inline)]
    pub app_type: String,
    /// The applicant's UMIS number (the worker, for a work permit).
    #[schema(value_type = super::vocab::PersonNumberSchema, inline)]
    pub person_id: String,
    /// The type's form fields (see `GET /application-types`).
    #[serde(default)]
    #[schema(value_type = Object)]
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// Checklist documents received on paper.
    #[serde(default)]
    pub documents: Vec<String>,
    /// Language of the decision letter: `az` (default), `ru` or `en`.
    #[serde(default)]
    #[schema(value_type = super::vocab::LangOrNullSchema, inline)]
    pub lang: Option<String>,
    /// `true`: keep as a draft (file later with the `submit` action).
    #[serde(default)]
    pub draft: bool,
}

/// A workflow action.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionBody {
    /// `submit`, `register`, `start_review`, `request_info`, `info_received`,
    /// `request_checks`, `resume_review`, `propose`, `return_for_review`, `decide`, `issue`,
    /// `close`, `withdraw`, `lodge_appeal`, `uphold_decision` or `overturn_decision`.
    #[schema(value_type = super::vocab::CaseActionSchema, inline)]
    pub action: String,
    /// The case's `version` as last read: a case changed since is a 409 `stale_version`.
    #[serde(deserialize_with = "super::whole::int")]
    pub version: i64,
    /// For `propose`: `approve` or `refuse`.
    #[serde(default)]
    #[schema(value_type = super::vocab::OutcomeOrNullSchema, inline)]
    pub outcome: Option<String>,
    /// For `propose`: the legal ground (an approval ground of the type, or a refusal ground).
    pub ground: Option<String>,
    /// For `propose`: the reasoning.
    pub reasoning: Option<String>,
    /// The reason (required for `request_info`, `withdraw`, `return_for_review`,
    /// `lodge_appeal`, `uphold_decision`, `overturn_decision`).
    pub note: Option<String>,
    /// For `request_checks`: partner bodies (default: the type's).
    #[serde(default)]
    #[schema(value_type = super::vocab::AgenciesSchema, inline)]
    pub agencies: Vec<String>,
}

/// An assignment.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignBody {
    /// The officer's login name.
    pub officer: String,
    /// The case's `version` as last read.
    #[serde(deserialize_with = "super::whole::int")]
    pub version: i64,
}

/// An answer to a check.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerBody {
    /// `no_objection`, `objection` or `no_record`.
    #[schema(value_type = super::vocab::CheckAnswerSchema, inline)]
    pub answer: String,
    /// The reasons (required with `objection`).
    pub answer_text: Option<String>,
}

/// A change of a permit.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PermitChangeBody {
    /// `extend`, `replace` (lost or damaged card: a new number) or `revoke`.
    #[schema(value_type = super::vocab::PermitActionSchema, inline)]
    pub action: String,
    /// For `extend`: the new last valid day.
    #[serde(default)]
    #[schema(value_type = super::vocab::DayOrNullSchema, inline)]
    pub valid_to: Option<String>,
    /// Why.
    pub reason: String,
}

/// Queue filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct QueueParams {
    /// Type.
    #[param(required = false, value_type = super::vocab::ApplicationTypeSchema, inline)]
    pub app_type: Option<String>,
    /// State.
    #[param(required = false, value_type = super::vocab::CaseStateSchema, inline)]
    pub state: Option<String>,
    /// `open` (default), `closed` or `all`.
    #[param(required = false, value_type = super::vocab::CaseStatusSchema, inline)]
    pub status: Option<String>,
    /// `overdue` or `at_risk`.
    #[param(required = false, value_type = super::vocab::DueSchema, inline)]
    pub due: Option<String>,
    /// Officer in charge (`me` for the caller).
    pub assigned: Option<String>,
    /// Applicant.
    #[param(required = false, value_type = super::vocab::PersonNumberOrBlankSchema, inline)]
    pub person_id: Option<String>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// How many to skip, 0–10,000 (default 0).
    #[param(minimum = 0, maximum = 10000)]
    pub offset: Option<i64>,
}

/// Check filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ChecksParams {
    /// `pending` or `answered`.
    #[param(required = false, value_type = super::vocab::CheckStatusSchema, inline)]
    pub status: Option<String>,
    /// Officers only: one partner body (clients always see their own).
    #[param(required = false, value_type = super::vocab::AgencySchema, inline)]
    pub agency: Option<String>,
    /// At most this many, 1–500 (default 100).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
}

/// Attachment parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AttachParams {
    /// Checklist kind of the document (or `other`).
    #[param(pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$")]
    pub doc_kind: String,
    /// The file's name.
    pub filename: Option<String>,
}

/// A list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Items<T> {
    /// The items.
    pub items: Vec<T>,
}

/// The application types: fields, grounds, checklists and partner checks (requires
/// `applications:read`).
#[utoipa::path(
    get, path = "/application-types", tag = "applications",
    security(("bearer" = ["applications:read"])),
    responses((status = 200, description = "`types` (each with `code`, `fields`, `grounds`, `documents`, `checks`), `refusal_grounds`, `agencies`, `check_answers`", body = CatalogueView))
)]
pub(crate) async fn get_types(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
) -> Result<Json<CatalogueView>, ApiError> {
    Ok(Json(state.services.application_catalogue(&ctx).await?))
}

/// Files (or drafts) an application (requires `applications:write`; audited). Eligibility is
/// checked at once (residence on record, passport validity, work-permit quota); a filing later
/// than the applicant-side window is accepted with a warning.
#[utoipa::path(
    post, path = "/applications", tag = "applications",
    request_body = ApplicationBody,
    security(("bearer" = ["applications:write"])),
    responses(
        (status = 201, description = "The case, with `allowed_actions` and `version`", body = CaseView),
        (status = 404, description = "No such person", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field or not eligible", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn post_application(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    ApiJson(body): ApiJson<ApplicationBody>,
) -> Result<(StatusCode, Json<CaseView>), ApiError> {
    let input = ApplicationInput {
        app_type: body.app_type,
        person_id: body.person_id,
        fields: body.fields,
        documents: body.documents,
        lang: body.lang,
        draft: body.draft,
    };
    let view = state.services.submit_application(&ctx, &input).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// A work queue, soonest deadline first (requires `applications:read`; audited). Officers see
/// their office's cases unless their role is national.
#[utoipa::path(
    get, path = "/applications", tag = "applications",
    params(QueueParams),
    security(("bearer" = ["applications:read"])),
    responses(
        (status = 200, description = "`total` and `items` (`id`, `number`, `app_type`, `person_id`, `office_code`, `state`, `deadline`, `clock`, `assigned_to`, `filed_on`, `version`)", body = QueuePage),
        (status = 422, description = "Unknown filter value", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn list_applications(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    RawQuery(raw): RawQuery,
) -> Result<Json<QueuePage>, ApiError> {
    let p: QueueParams = parse_query(raw.as_deref())?;
    let q = QueueQuery {
        app_type: p.app_type,
        state: p.state,
        status: p.status,
        due: p.due,
        assigned: p.assigned,
        person_id: p.person_id,
        limit: Some(super::bounded("limit", p.limit, (1, 200), 50)?),
        offset: Some(super::bounded("offset", p.offset, (0, 10_000), 0)?),
    };
    Ok(Json(state.services.application_queue(&ctx, &q).await?))
}

/// One case (requires `applications:read`; audited).
#[utoipa::path(
    get, path = "/applications/{id}", tag = "applications",
    params(("id" = i64, Path, description = "Case id")),
    security(("bearer" = ["applications:read"])),
    responses(
        (status = 200, description = "The case with `allowed_actions`, `checks`, `attachments` and `version`", body = CaseView),
        (status = 404, description = "No such case (or another office's)", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn get_application(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<i64>,
) -> Result<Json<CaseView>, ApiError> {
    Ok(Json(state.services.application(&ctx, id).await?))
}

/// A case's timeline: every event with actor, time and reason (requires
/// `applications:read`).
#[utoipa::path(
    get, path = "/applications/{id}/events", tag = "applications",
    params(("id" = i64, Path, description = "Case id")),
    security(("bearer" = ["applications:read"])),
    responses((status = 200, description = "`items`: `seq`, `at`, `actor`, `action`, `from_state`, `to_state`, `note`, `details`", body = Items<EventLine>))
)]
pub(crate) async fn get_events(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<i64>,
) -> Result<Json<Items<EventLine>>, ApiError> {
    Ok(Json(Items {
        items: state.services.application_events(&ctx, id).await?,
    }))
}

/// Takes a workflow action (requires `applications:write`; audited). A transition not allowed
/// in the state or for the caller is a 409 `illegal_transition` or 403; a decision by the
/// preparer is a 403 (four-eyes); a stale `version` is a 409 `stale_version`. Nothing
/// changes on any error.
#[utoipa::path(
    post, path = "/applications/{id}/actions", tag = "applications",
    params(("id" = i64, Path, description = "Case id")),
    request_body = ActionBody,
    security(("bearer" = ["applications:write"])),
    responses(
        (status = 200, description = "The case after the action", body = CaseView),
        (status = 403, description = "Not for this role, or four-eyes", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not possible in this state, or stale version", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing ground, reason, documents or check answers", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn post_action(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<ActionBody>,
) -> Result<Json<CaseView>, ApiError> {
    let input = ActionInput {
        action: body.action,
        version: body.version,
        outcome: body.outcome,
        ground: body.ground,
        reasoning: body.reasoning,
        note: body.note,
        agencies: body.agencies,
    };
    Ok(Json(
        state.services.act_on_application(&ctx, id, &input).await?,
    ))
}

/// Assigns a case to an officer (requires `applications:write`; audited).
#[utoipa::path(
    post, path = "/applications/{id}/assignment", tag = "applications",
    params(("id" = i64, Path, description = "Case id")),
    request_body = AssignBody,
    security(("bearer" = ["applications:write"])),
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 409, description = "Stale version or finished case", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn post_assignment(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<AssignBody>,
) -> Result<Json<CaseView>, ApiError> {
    Ok(Json(
        state
            .services
            .assign_application(&ctx, id, body.version, &body.officer)
            .await?,
    ))
}

/// Attaches a scanned document: the request body is the file (PDF, JPEG or PNG, judged by
/// content; at most 10 MiB) (requires `applications:write`; audited).
#[utoipa::path(
    post, path = "/applications/{id}/attachments", tag = "applications",
    params(("id" = i64, Path, description = "Case id"), AttachParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    security(("bearer" = ["applications:write"])),
    responses(
        (status = 201, description = "`attachment_id`, `doc_kind`, `filename`, `content_type`, `size_bytes`, `sha256`", body = AttachmentView),
        (status = 413, description = "Too large", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong type, empty, or kind not on the checklist", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn post_attachment(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<i64>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> Result<(StatusCode, Json<umis_service::AttachmentView>), ApiError> {
    let p: AttachParams = parse_query(raw.as_deref())?;
    let view = state
        .services
        .add_attachment(
            &ctx,
            id,
            &p.doc_kind,
            p.filename.as_deref().unwrap_or("document"),
            body.to_vec(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Downloads an attachment (requires `applications:read`; audited).
#[utoipa::path(
    get, path = "/applications/{id}/attachments/{attachment_id}", tag = "applications",
    params(("id" = i64, Path, description = "Case id"), ("attachment_id" = i64, Path, description = "Attachment id")),
    security(("bearer" = ["applications:read"])),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"))
)]
pub(crate) async fn get_attachment(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path((id, attachment_id)): Path<(i64, i64)>,
) -> Result<Response, ApiError> {
    let (meta, content) = state.services.attachment(&ctx, id, attachment_id).await?;
    Ok(file_response(&meta, content))
}

/// A stored file as a download: its detected type, a safe file name, no sniffing.
pub(crate) fn file_response(meta: &umis_service::AttachmentView, content: Vec<u8>) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&meta.content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    let ascii: String = meta
        .filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    (headers, content).into_response()
}

/// Interagency checks. A partner body's token sees the checks addressed to its own body only
/// (requires `checks:answer`); officers see every body's (requires `applications:read`).
#[utoipa::path(
    get, path = "/checks", tag = "applications",
    params(ChecksParams),
    security(("bearer" = ["checks:answer"])),
    responses(
        (status = 200, description = "`items`: `check_id`, `application_id`, `application_number`, `agency`, `question`, `status`, `due_on`, `overdue`, `answer`, `answer_text`", body = Items<CheckView>),
        (status = 403, description = "Token lacks checks:answer or speaks for no partner body", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn list_checks(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    RawQuery(raw): RawQuery,
) -> Result<Json<Items<CheckView>>, ApiError> {
    let p: ChecksParams = parse_query(raw.as_deref())?;
    let limit = super::bounded("limit", p.limit, (1, 500), 100)?;
    Ok(Json(Items {
        items: state
            .services
            .list_checks(&ctx, p.agency.as_deref(), p.status.as_deref(), limit)
            .await?,
    }))
}

/// Answers a check (a partner body's token: its own checks only, another body's is 404;
/// audited).
#[utoipa::path(
    post, path = "/checks/{id}/answer", tag = "applications",
    params(("id" = i64, Path, description = "Check id")),
    request_body = AnswerBody,
    security(("bearer" = ["checks:answer"])),
    responses(
        (status = 200, description = "The answered check", body = CheckView),
        (status = 404, description = "No such check for this body", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already answered", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown answer, or an objection without reasons", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn post_answer(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<AnswerBody>,
) -> Result<Json<CheckView>, ApiError> {
    Ok(Json(
        state
            .services
            .answer_check(&ctx, id, &body.answer, body.answer_text.as_deref())
            .await?,
    ))
}

/// A permit or status record with its history.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PermitOut {
    /// The permit.
    #[serde(flatten)]
    pub permit: PermitView,
    /// Issued, extended, replaced, revoked.
    pub history: Vec<PermitEventView>,
}

/// A permit with its history (requires `applications:read`; audited).
#[utoipa::path(
    get, path = "/permits/{number}", tag = "applications",
    params(("number" = String, Path, description = "Permit number")),
    security(("bearer" = ["applications:read"])),
    responses(
        (status = 200, description = "`number`, `kind`, `person_id`, `valid_from`, `valid_to`, `status`, `conditions`, `application_id`, `history`", body = PermitOut),
        (status = 404, description = "No such permit", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn get_permit(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(number): Path<String>,
) -> Result<Json<PermitOut>, ApiError> {
    let (permit, history) = state.services.permit(&ctx, &number).await?;
    Ok(Json(PermitOut { permit, history }))
}

/// Extends, replaces or revokes a valid permit, with a reason (requires
/// `applications:write`; revocation by decision makers; audited).
#[utoipa::path(
    post, path = "/permits/{number}/changes", tag = "applications",
    params(("number" = String, Path, description = "Permit number")),
    request_body = PermitChangeBody,
    security(("bearer" = ["applications:write"])),
    responses(
        (status = 200, description = "The permit after the change", body = PermitView),
        (status = 409, description = "The permit is not valid", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid change", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn post_permit_change(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(number): Path<String>,
    ApiJson(body): ApiJson<PermitChangeBody>,
) -> Result<Json<PermitView>, ApiError> {
    Ok(Json(
        state
            .services
            .change_permit(
                &ctx,
                &number,
                &body.action,
                body.valid_to.as_deref(),
                &body.reason,
            )
            .await?,
    ))
}
