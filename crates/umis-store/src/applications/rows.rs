//! The stored case row and its timeline events, the filter of a case queue, and the change
//! that a save of a case brings along.

use super::{AttachmentMeta, CheckRow, PermitRecord};

/// One application as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ApplicationRow {
    /// Id (0 for a new one).
    pub application_id: i64,
    /// Public number, e.g. `TRP-2026-000042`.
    pub number: String,
    /// Type (`temporary_residence`…).
    pub app_type: String,
    /// Applicant (the worker, for a work permit).
    pub person_id: i64,
    /// Office in charge.
    pub office_code: String,
    /// Workflow state.
    pub state: String,
    /// Whether the case is in a queue.
    pub is_open: bool,
    /// Proposed or decided outcome.
    pub outcome: Option<String>,
    /// Legal ground of the proposal or decision.
    pub ground: Option<String>,
    /// Reasoning of the proposal or decision.
    pub reasoning: Option<String>,
    /// Form fields (JSON object).
    pub fields: String,
    /// Document kinds on file (JSON array).
    pub documents: String,
    /// Warnings raised at intake (JSON array).
    pub warnings: String,
    /// Applicant's language for letters.
    pub lang: String,
    /// Day filed.
    pub filed_on: Option<String>,
    /// Day registered (the clock's start).
    pub registered_on: Option<String>,
    /// Legal deadline while the clock runs.
    pub deadline: Option<String>,
    /// Queue sort key: the deadline, or `9999-12-31`.
    pub queue_due: String,
    /// Stretches the clock stood still (JSON array of `[from, to]`).
    pub pauses: String,
    /// Day the clock stopped, while it is stopped.
    pub paused_since: Option<String>,
    /// Officer in charge.
    pub assigned_to: Option<String>,
    /// Officers who prepared the case (comma-separated).
    pub preparers: String,
    /// Who proposed.
    pub proposed_by: Option<String>,
    /// Who decided.
    pub decided_by: Option<String>,
    /// Day decided.
    pub decided_on: Option<String>,
    /// Appeals lodged.
    pub appeals: i64,
    /// The decider whose decision is under appeal.
    pub appealed_decider: Option<String>,
    /// Number of the permit issued.
    pub permit_number: Option<String>,
    /// Optimistic-concurrency version.
    pub version: i64,
    /// Created (Unix µs).
    pub created_at: i64,
    /// By whom.
    pub created_by: String,
    /// Last changed (Unix µs).
    pub updated_at: i64,
}

pub(super) const APP_COLUMNS: &str = "application_id, number, app_type, person_id, office_code, state, \
    is_open, outcome, ground, reasoning, fields, documents, warnings, lang, filed_on, \
    registered_on, deadline, queue_due, pauses, paused_since, assigned_to, preparers, \
    proposed_by, decided_by, decided_on, appeals, appealed_decider, permit_number, version, \
    created_at, created_by, updated_at";

/// One event of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CaseEvent {
    /// Case.
    pub application_id: i64,
    /// Number within the case (0 for a new one).
    pub seq: i64,
    /// When (Unix µs).
    pub at: i64,
    /// Who.
    pub actor: String,
    /// What (`submit`, `register`, `check.answer`, `attachment.add`…).
    pub action: String,
    /// State before.
    pub from_state: Option<String>,
    /// State after.
    pub to_state: String,
    /// Reason or note.
    pub note: Option<String>,
    /// Further details (JSON).
    pub details: String,
}

/// Which cases a queue shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    /// Only this office's cases.
    pub office: Option<String>,
    /// Only open (true) or only finished (false) cases.
    pub open: Option<bool>,
    /// Only this type.
    pub app_type: Option<String>,
    /// Only this state.
    pub state: Option<String>,
    /// Only cases due on or before this day.
    pub due_by: Option<String>,
    /// Only cases assigned to this officer.
    pub assigned_to: Option<String>,
    /// Only this applicant's cases.
    pub person_id: Option<i64>,
}

/// What a saved change of a case brings along, written in the same transaction.
#[derive(Debug, Clone, Default)]
pub struct CaseChange {
    /// Checks to request.
    pub new_checks: Vec<CheckRow>,
    /// A permit to issue (its `permit_id` is assigned).
    pub permit: Option<PermitRecord>,
    /// A check answered: (check id, answer, text, by, at).
    pub answered_check: Option<(i64, String, Option<String>, String, i64)>,
    /// An attachment to store: its metadata and content.
    pub attachment: Option<(AttachmentMeta, Vec<u8>)>,
}
