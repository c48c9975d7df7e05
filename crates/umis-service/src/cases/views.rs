//! The views and inputs of casework: what the service takes in and hands out.

use super::*;

/// A new application as filed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ApplicationInput {
    /// Type (`temporary_residence`…).
    pub app_type: String,
    /// The applicant's UMIS number (the worker, for a work permit).
    pub person_id: String,
    /// The type's form fields.
    #[serde(default)]
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// Checklist documents received on paper.
    #[serde(default)]
    pub documents: Vec<String>,
    /// Language for letters (`az`, `ru`, `en`).
    #[serde(default)]
    pub lang: Option<String>,
    /// Keep as a draft instead of filing at once.
    #[serde(default)]
    pub draft: bool,
}

/// An action on a case, as submitted.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActionInput {
    /// The action (`register`, `propose`, `decide`…).
    pub action: String,
    /// The case version the action is based on (optimistic concurrency).
    pub version: i64,
    /// For `propose`: `approve` or `refuse`.
    #[serde(default)]
    pub outcome: Option<String>,
    /// For `propose`: the legal ground.
    #[serde(default)]
    pub ground: Option<String>,
    /// For `propose`: the reasoning.
    #[serde(default)]
    pub reasoning: Option<String>,
    /// A reason or note (required for `request_info`, `withdraw`, `return_for_review`,
    /// `lodge_appeal`, `uphold_decision`, `overturn_decision`).
    #[serde(default)]
    pub note: Option<String>,
    /// For `request_checks`: the partner bodies (default: the type's).
    #[serde(default)]
    pub agencies: Vec<String>,
}

/// A check on a case.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CheckView {
    /// Id.
    pub check_id: i64,
    /// Case.
    pub application_id: i64,
    /// Case number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_number: Option<String>,
    /// Partner body.
    pub agency: String,
    /// What is asked.
    pub question: String,
    /// `pending` or `answered`.
    pub status: String,
    /// Answer due.
    pub due_on: String,
    /// Whether the due date has passed without an answer.
    pub overdue: bool,
    /// The answer.
    pub answer: Option<String>,
    /// Its text.
    pub answer_text: Option<String>,
    /// Who answered.
    pub answered_by: Option<String>,
}

/// An attachment's metadata.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AttachmentView {
    /// Id.
    pub attachment_id: i64,
    /// Checklist kind.
    pub doc_kind: String,
    /// File name.
    pub filename: String,
    /// Detected content type.
    pub content_type: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// SHA-256, hex.
    pub sha256: String,
    /// Uploaded (RFC 3339).
    pub uploaded_at: String,
    /// By whom.
    pub uploaded_by: String,
}

/// One event of a case's timeline.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EventLine {
    /// Number within the case.
    pub seq: i64,
    /// When (RFC 3339).
    pub at: String,
    /// When (Unix µs), for display.
    #[serde(skip)]
    pub at_micros: i64,
    /// Who.
    pub actor: String,
    /// What.
    pub action: String,
    /// State before.
    pub from_state: Option<String>,
    /// State after.
    pub to_state: String,
    /// Reason or note.
    pub note: Option<String>,
    /// Details.
    pub details: serde_json::Value,
}

/// A case as shown to a caller.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CaseView {
    /// Id.
    pub id: i64,
    /// Public number.
    pub number: String,
    /// Type.
    pub app_type: String,
    /// Applicant's UMIS number.
    pub person_id: String,
    /// Applicant's name as registered.
    pub applicant: String,
    /// Office in charge.
    pub office_code: String,
    /// State.
    pub state: String,
    /// Proposed or decided outcome.
    pub outcome: Option<String>,
    /// Its legal ground.
    pub ground: Option<String>,
    /// Legal reference of a refusal ground.
    pub ground_ref: Option<String>,
    /// Reasoning.
    pub reasoning: Option<String>,
    /// Form fields.
    pub fields: serde_json::Value,
    /// Checklist documents on file.
    pub documents: Vec<String>,
    /// Checklist documents still missing.
    pub documents_missing: Vec<String>,
    /// Intake warnings.
    pub warnings: Vec<String>,
    /// Applicant's language.
    pub lang: String,
    /// Day filed.
    pub filed_on: Option<String>,
    /// Day registered.
    pub registered_on: Option<String>,
    /// Legal deadline (absent while the clock is stopped or not started).
    pub deadline: Option<String>,
    /// `stopped`, `on_time`, `at_risk`, `overdue` or `none` (finished).
    pub clock: String,
    /// Officer in charge.
    pub assigned_to: Option<String>,
    /// Who proposed.
    pub proposed_by: Option<String>,
    /// Who decided.
    pub decided_by: Option<String>,
    /// Day decided.
    pub decided_on: Option<String>,
    /// Number of the permit issued.
    pub permit_number: Option<String>,
    /// Version for optimistic concurrency: send it back with the next action.
    pub version: i64,
    /// The actions the caller may take now.
    pub allowed_actions: Vec<String>,
    /// Whether the caller may assign the case.
    pub can_assign: bool,
    /// Interagency checks.
    pub checks: Vec<CheckView>,
    /// Attachments.
    pub attachments: Vec<AttachmentView>,
}

/// A line of a work queue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QueueLine {
    /// Id.
    pub id: i64,
    /// Number.
    pub number: String,
    /// Type.
    pub app_type: String,
    /// Applicant.
    pub person_id: String,
    /// Office.
    pub office_code: String,
    /// State.
    pub state: String,
    /// Deadline.
    pub deadline: Option<String>,
    /// Clock status.
    pub clock: String,
    /// Officer in charge.
    pub assigned_to: Option<String>,
    /// Day filed.
    pub filed_on: Option<String>,
    /// Version.
    pub version: i64,
}

/// A queue counts its matching cases up to this many (and says "more").
pub const QUEUE_COUNT_CAP: i64 = 10_000;

/// A page of a queue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QueuePage {
    /// Cases matching the filter, counted up to [`QUEUE_COUNT_CAP`]; see `total_is_capped`.
    pub total: i64,
    /// Whether more than [`QUEUE_COUNT_CAP`] cases match (`total` is then the cap).
    pub total_is_capped: bool,
    /// This page.
    pub items: Vec<QueueLine>,
}

/// Queue filters as submitted.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct QueueQuery {
    /// Type.
    #[serde(default)]
    pub app_type: Option<String>,
    /// State.
    #[serde(default)]
    pub state: Option<String>,
    /// `open` (default), `closed` or `all`.
    #[serde(default)]
    pub status: Option<String>,
    /// `overdue` or `at_risk`: only cases due by today, or within the risk margin.
    #[serde(default)]
    pub due: Option<String>,
    /// Officer in charge (`me` for the caller).
    #[serde(default)]
    pub assigned: Option<String>,
    /// Applicant.
    #[serde(default)]
    pub person_id: Option<String>,
    /// Page size (1–200, default 50).
    #[serde(default)]
    pub limit: Option<i64>,
    /// Offset.
    #[serde(default)]
    pub offset: Option<i64>,
}

/// What a decision letter says.
#[derive(Debug, Clone, Serialize)]
pub struct LetterData {
    /// The case.
    pub case: CaseView,
    /// The applicant's date of birth.
    pub birth_date: Option<String>,
    /// The permit issued, if any.
    pub permit: Option<PermitView>,
    /// The deciding office's name.
    pub office_name: String,
    /// The role of the officer who decided (their position).
    pub decider_role: Option<String>,
    /// The full name of the officer who decided, when recorded.
    pub decider_name: Option<String>,
    /// The last day to appeal (YYYY-MM-DD), from the `appeal.window` rule in force on the
    /// decision day.
    pub appeal_until: Option<String>,
}

/// A permit or status record as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PermitView {
    /// Number.
    pub number: String,
    /// Kind.
    pub kind: String,
    /// Holder's UMIS number.
    pub person_id: String,
    /// First valid day.
    pub valid_from: String,
    /// Last valid day.
    pub valid_to: String,
    /// `valid` or `revoked`.
    pub status: String,
    /// Conditions.
    pub conditions: Option<String>,
    /// The application that issued it.
    pub application_id: Option<i64>,
}

impl From<PermitRecord> for PermitView {
    fn from(p: PermitRecord) -> Self {
        PermitView {
            number: p.number,
            kind: p.kind,
            person_id: PersonId::from_stored(p.person_id).to_string(),
            valid_from: p.valid_from,
            valid_to: p.valid_to,
            status: p.status,
            conditions: p.conditions,
            application_id: p.application_id,
        }
    }
}

/// One event of a permit's history.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PermitEventView {
    /// When (RFC 3339).
    pub at: String,
    /// Who.
    pub actor: String,
    /// `issued`, `extended`, `replaced` or `revoked`.
    pub action: String,
    /// Details.
    pub details: serde_json::Value,
}

/// A policy rule as shown and edited.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PolicyRuleInput {
    /// Id (absent for a new rule).
    #[serde(default)]
    pub rule_id: Option<i64>,
    /// Code.
    pub code: String,
    /// Parameters (JSON object).
    pub params: String,
    /// First day in force.
    pub valid_from: String,
    /// Last day in force.
    #[serde(default)]
    pub valid_to: Option<String>,
    /// Legal reference.
    pub legal_ref: String,
    /// `sourced` or `uncertain`.
    pub status: String,
}

pub(super) fn check_view(c: CheckRow, number: Option<String>, today: Date) -> CheckView {
    let overdue = c.status == "pending" && parse_day(&c.due_on).is_some_and(|d| d < today);
    CheckView {
        check_id: c.check_id,
        application_id: c.application_id,
        application_number: number,
        agency: c.agency,
        question: c.question,
        status: c.status,
        due_on: c.due_on,
        overdue,
        answer: c.answer,
        answer_text: c.answer_text,
        answered_by: c.answered_by,
    }
}

pub(super) fn attachment_view(a: AttachmentMeta) -> AttachmentView {
    AttachmentView {
        attachment_id: a.attachment_id,
        doc_kind: a.doc_kind,
        filename: a.filename,
        content_type: a.content_type,
        size_bytes: a.size_bytes,
        sha256: a.sha256,
        uploaded_at: rfc3339(a.uploaded_at),
        uploaded_by: a.uploaded_by,
    }
}

pub(super) fn clock_of(
    state: State,
    deadline: Option<&str>,
    today: Date,
    cal: &WorkCalendar,
) -> String {
    if !state.is_open() || !(state.clock_runs() || state == State::AwaitingApplicant) {
        return "none".into();
    }
    ClockStatus::of(deadline.and_then(parse_day), today, cal)
        .as_str()
        .to_owned()
}
