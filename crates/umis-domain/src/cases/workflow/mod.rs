//! The one workflow engine every application type runs on (domain.md §5): states, the
//! transitions between them, who may take each one, its preconditions and the four-eyes rule.
//!
//! ```text
//! draft → submitted → registered → under_review ⇄ awaiting_applicant (clock stopped)
//!                                  under_review ⇄ awaiting_checks
//!   under_review | awaiting_checks → proposed → decided → issued → closed
//!                                    proposed → under_review (returned)
//!   decided (refused) → closed;  decided | closed (refused) → appeal_lodged
//!   appeal_lodged → closed (decision upheld) | under_review (decision overturned: a new one follows)
//!   any state before a decision → withdrawn
//! ```

mod actors;
mod states;
mod table;

pub use actors::{Actors, Who};
pub use states::{ActionKind, Outcome, State};
pub use table::{TRANSITIONS, Transition, transition};

use crate::cases::catalogue::{AppType, is_refusal_ground};

/// The facts about a case the workflow decides on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// Type.
    pub app_type: AppType,
    /// State.
    pub state: State,
    /// Proposed, then decided outcome.
    pub outcome: Option<Outcome>,
    /// Ground of the proposal or decision.
    pub ground: Option<String>,
    /// Who took part in preparing the case (and so may not decide it).
    pub preparers: Vec<String>,
    /// Who proposed the current proposal.
    pub proposed_by: Option<String>,
    /// Who decided.
    pub decided_by: Option<String>,
    /// Required documents not yet on file.
    pub missing_documents: Vec<String>,
    /// Requested checks not yet answered.
    pub pending_checks: u32,
    /// Whether a permit or status record was issued.
    pub permit_issued: bool,
    /// Appeals lodged so far.
    pub appeals: u32,
    /// Who decided the appeal's original decision (may not decide the appeal).
    pub appealed_decider: Option<String>,
}

impl Case {
    /// A new draft of `app_type`.
    pub fn new(app_type: AppType) -> Case {
        Case {
            app_type,
            state: State::Draft,
            outcome: None,
            ground: None,
            preparers: Vec::new(),
            proposed_by: None,
            decided_by: None,
            missing_documents: Vec::new(),
            pending_checks: 0,
            permit_issued: false,
            appeals: 0,
            appealed_decider: None,
        }
    }
}

/// An action with what it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// An action that carries nothing the workflow checks.
    Plain(ActionKind),
    /// A proposal: the outcome and its legal ground.
    Propose {
        /// Approve or refuse.
        outcome: Outcome,
        /// The ground (an approval ground of the type, or a refusal ground).
        ground: String,
    },
    /// A request for `n` checks.
    RequestChecks {
        /// How many checks are requested.
        n: u32,
    },
}

impl Action {
    /// The kind of action.
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Plain(k) => *k,
            Action::Propose { .. } => ActionKind::Propose,
            Action::RequestChecks { .. } => ActionKind::RequestChecks,
        }
    }
}

/// Why an action was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    /// The action is not possible in the current state.
    #[error("'{action}' is not possible in state '{state}'")]
    IllegalTransition {
        /// Current state.
        state: State,
        /// Attempted action.
        action: ActionKind,
    },
    /// The actor's role may not take it.
    #[error("'{action}' needs a {needs}")]
    NotPermitted {
        /// Attempted action.
        action: ActionKind,
        /// What kind of actor it needs.
        needs: &'static str,
    },
    /// Four-eyes: the actor prepared or proposed the decision.
    #[error("{who} prepared or proposed this case and may not decide it")]
    FourEyes {
        /// The actor.
        who: String,
    },
    /// A precondition does not hold.
    #[error("{message}")]
    Precondition {
        /// Machine code.
        code: &'static str,
        /// What is missing.
        message: String,
    },
}

impl WorkflowError {
    /// A stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            WorkflowError::IllegalTransition { .. } => "illegal_transition",
            WorkflowError::NotPermitted { .. } => "not_permitted",
            WorkflowError::FourEyes { .. } => "four_eyes",
            WorkflowError::Precondition { code, .. } => code,
        }
    }
}

fn precondition(code: &'static str, message: impl Into<String>) -> WorkflowError {
    WorkflowError::Precondition {
        code,
        message: message.into(),
    }
}

/// Whether `who` may take `kind` on `case` now, leaving payload checks aside.
pub fn check(case: &Case, who: &Who, kind: ActionKind) -> Result<(), WorkflowError> {
    let t = transition(kind);
    if !t.from.contains(&case.state) {
        return Err(WorkflowError::IllegalTransition {
            state: case.state,
            action: kind,
        });
    }
    if !t.by.admits(who) {
        return Err(WorkflowError::NotPermitted {
            action: kind,
            needs: match t.by {
                Actors::Applicant => "the applicant, a case officer or a decision maker",
                Actors::Preparer => "case officer or decision maker",
                Actors::Decider => "decision maker",
            },
        });
    }
    let name = who.name();
    match kind {
        ActionKind::Register if !case.missing_documents.is_empty() => {
            return Err(precondition(
                "missing_documents",
                format!(
                    "required documents are missing: {}",
                    case.missing_documents.join(", ")
                ),
            ));
        }
        ActionKind::ResumeReview | ActionKind::Propose if case.pending_checks > 0 => {
            return Err(precondition(
                "checks_pending",
                format!(
                    "{} interagency check(s) are not answered yet",
                    case.pending_checks
                ),
            ));
        }
        ActionKind::Decide
            if case.preparers.iter().any(|p| p == name)
                || case.proposed_by.as_deref() == Some(name) =>
        {
            return Err(WorkflowError::FourEyes { who: name.into() });
        }
        ActionKind::UpholdDecision | ActionKind::OverturnDecision
            if case.preparers.iter().any(|p| p == name)
                || case.appealed_decider.as_deref() == Some(name) =>
        {
            return Err(WorkflowError::FourEyes { who: name.into() });
        }
        ActionKind::Issue if case.outcome != Some(Outcome::Approve) => {
            return Err(precondition(
                "not_approved",
                "only an approval issues a permit",
            ));
        }
        ActionKind::Close
            if case.state == State::Decided && case.outcome == Some(Outcome::Approve) =>
        {
            return Err(precondition(
                "not_issued",
                "an approved case is closed after the permit is issued",
            ));
        }
        ActionKind::LodgeAppeal => {
            if case.outcome != Some(Outcome::Refuse) {
                return Err(precondition(
                    "not_refused",
                    "only a refusal can be appealed",
                ));
            }
            if case.appeals > 0 {
                return Err(precondition(
                    "already_appealed",
                    "this decision was already appealed",
                ));
            }
        }
        _ => {}
    }
    Ok(())
}

/// The actions `who` may take on `case` now.
pub fn allowed(case: &Case, who: &Who) -> Vec<ActionKind> {
    ActionKind::ALL
        .iter()
        .copied()
        .filter(|k| check(case, who, *k).is_ok())
        .collect()
}

/// Applies `action` by `who`: the next facts of the case, or why not (the case is unchanged).
pub fn apply(case: &Case, who: &Who, action: &Action) -> Result<Case, WorkflowError> {
    let kind = action.kind();
    check(case, who, kind)?;
    let mut next = case.clone();
    next.state = transition(kind).to;
    let name = who.name().to_owned();
    let mut prepares = matches!(
        kind,
        ActionKind::Register
            | ActionKind::StartReview
            | ActionKind::RequestInfo
            | ActionKind::InfoReceived
            | ActionKind::RequestChecks
            | ActionKind::ResumeReview
            | ActionKind::Propose
    );
    match action {
        Action::Propose { outcome, ground } => {
            let ok = match outcome {
                Outcome::Approve => case.app_type.spec().grounds.contains(&ground.as_str()),
                Outcome::Refuse => is_refusal_ground(ground),
            };
            if !ok {
                return Err(precondition(
                    "unknown_ground",
                    format!(
                        "'{ground}' is not a ground to {} a {} application",
                        outcome.as_str(),
                        case.app_type
                    ),
                ));
            }
            next.outcome = Some(*outcome);
            next.ground = Some(ground.clone());
            next.proposed_by = Some(name.clone());
        }
        Action::RequestChecks { n } => {
            if *n == 0 {
                return Err(precondition("no_checks", "name at least one partner body"));
            }
            next.pending_checks += n;
        }
        Action::Plain(ActionKind::Propose) => {
            return Err(precondition(
                "ground_required",
                "a proposal needs an outcome and a ground",
            ));
        }
        Action::Plain(ActionKind::RequestChecks) => {
            return Err(precondition("no_checks", "name at least one partner body"));
        }
        Action::Plain(_) => {}
    }
    match kind {
        ActionKind::ReturnForReview => {
            next.outcome = None;
            next.ground = None;
            next.proposed_by = None;
            // Sending back is part of the preparation of the next proposal.
            prepares = false;
        }
        ActionKind::Decide => next.decided_by = Some(name.clone()),
        ActionKind::Issue => next.permit_issued = true,
        ActionKind::LodgeAppeal => {
            next.appeals += 1;
            next.appealed_decider = case.decided_by.clone();
        }
        ActionKind::OverturnDecision => {
            next.outcome = None;
            next.ground = None;
            next.proposed_by = None;
            next.decided_by = None;
        }
        _ => {}
    }
    if prepares && !next.preparers.contains(&name) {
        next.preparers.push(name);
    }
    Ok(next)
}
