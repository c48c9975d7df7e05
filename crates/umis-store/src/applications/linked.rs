//! Rows linked to cases: interagency checks, attachments, policy rules, and issued permits
//! with their history.

/// An interagency check.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CheckRow {
    /// Id (0 for a new one).
    pub check_id: i64,
    /// Case.
    pub application_id: i64,
    /// Partner body (`security`, `internal_affairs`…).
    pub agency: String,
    /// What is asked.
    pub question: String,
    /// `pending` or `answered`.
    pub status: String,
    /// Requested (Unix µs).
    pub requested_at: i64,
    /// By whom.
    pub requested_by: String,
    /// Answer due.
    pub due_on: String,
    /// `no_objection`, `objection` or `no_record`.
    pub answer: Option<String>,
    /// The answer's text.
    pub answer_text: Option<String>,
    /// Answered (Unix µs).
    pub answered_at: Option<i64>,
    /// By whom.
    pub answered_by: Option<String>,
}

pub(super) const CHECK_COLUMNS: &str = "check_id, application_id, agency, question, status, requested_at, \
    requested_by, due_on, answer, answer_text, answered_at, answered_by";

/// An attached document, without its content.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AttachmentMeta {
    /// Id.
    pub attachment_id: i64,
    /// Case.
    pub application_id: i64,
    /// Checklist kind (`passport_copy`…).
    pub doc_kind: String,
    /// File name as uploaded (sanitised).
    pub filename: String,
    /// Content type detected from the content.
    pub content_type: String,
    /// Size.
    pub size_bytes: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// Uploaded (Unix µs).
    pub uploaded_at: i64,
    /// By whom.
    pub uploaded_by: String,
}

pub(super) const ATTACHMENT_COLUMNS: &str = "attachment_id, application_id, doc_kind, filename, \
    content_type, size_bytes, sha256, uploaded_at, uploaded_by";

/// A case policy rule as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PolicyRuleRow {
    /// Id (0 for a new one).
    pub rule_id: i64,
    /// Code.
    pub code: String,
    /// Parameters (JSON object).
    pub params: String,
    /// First day in force.
    pub valid_from: String,
    /// Last day in force.
    pub valid_to: Option<String>,
    /// Legal reference.
    pub legal_ref: String,
    /// `sourced` or `uncertain`.
    pub status: String,
    /// Changed (Unix µs).
    pub updated_at: i64,
    /// By whom.
    pub updated_by: String,
}

/// A permit with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PermitRecord {
    /// Holder.
    pub person_id: i64,
    /// Number within the holder's permits.
    pub permit_id: i64,
    /// Kind.
    pub kind: String,
    /// Number.
    pub number: String,
    /// First valid day.
    pub valid_from: String,
    /// Last valid day.
    pub valid_to: String,
    /// `valid`, `revoked` or `replaced`.
    pub status: String,
    /// Recorded (Unix µs).
    pub created_at: i64,
    /// The application that issued it.
    pub application_id: Option<i64>,
    /// Conditions.
    pub conditions: Option<String>,
}

/// One event of a permit's history.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PermitEvent {
    /// Holder.
    pub person_id: i64,
    /// Permit.
    pub permit_id: i64,
    /// Number within the permit's history.
    pub seq: i64,
    /// When (Unix µs).
    pub at: i64,
    /// Who.
    pub actor: String,
    /// `issued`, `extended`, `replaced` or `revoked`.
    pub action: String,
    /// Details (JSON).
    pub details: String,
}
