//! The transition table: every edge of the state machine, with its actors.

use super::{ActionKind, Actors, State};

/// One edge of the state machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    /// The action.
    pub action: ActionKind,
    /// States it may be taken from.
    pub from: &'static [State],
    /// The state it leads to (for `Close` and `LodgeAppeal`, whatever the outcome allows).
    pub to: State,
    /// Who may take it.
    pub by: Actors,
}

const BEFORE_DECISION: &[State] = &[
    State::Draft,
    State::Submitted,
    State::Registered,
    State::UnderReview,
    State::AwaitingApplicant,
    State::AwaitingChecks,
    State::Proposed,
];

/// The transition table.
pub const TRANSITIONS: &[Transition] = &[
    Transition {
        action: ActionKind::Submit,
        from: &[State::Draft],
        to: State::Submitted,
        by: Actors::Applicant,
    },
    Transition {
        action: ActionKind::Register,
        from: &[State::Submitted],
        to: State::Registered,
        by: Actors::Preparer,
    },
    Transition {
        action: ActionKind::StartReview,
        from: &[State::Registered],
        to: State::UnderReview,
        by: Actors::Preparer,
    },
    Transition {
        action: ActionKind::RequestInfo,
        from: &[State::Submitted, State::Registered, State::UnderReview],
        to: State::AwaitingApplicant,
        by: Actors::Preparer,
    },
    Transition {
        action: ActionKind::InfoReceived,
        from: &[State::AwaitingApplicant],
        to: State::UnderReview,
        by: Actors::Preparer,
    },
    Transition {
        action: ActionKind::RequestChecks,
        from: &[State::UnderReview],
        to: State::AwaitingChecks,
        by: Actors::Preparer,
    },
    Transition {
        action: ActionKind::ResumeReview,
        from: &[State::AwaitingChecks],
        to: State::UnderReview,
        by: Actors::Preparer,
    },
    Transition {
        action: ActionKind::Propose,
        from: &[State::UnderReview, State::AwaitingChecks],
        to: State::Proposed,
        by: Actors::Preparer,
    },
    Transition {
        action: ActionKind::ReturnForReview,
        from: &[State::Proposed],
        to: State::UnderReview,
        by: Actors::Decider,
    },
    Transition {
        action: ActionKind::Decide,
        from: &[State::Proposed],
        to: State::Decided,
        by: Actors::Decider,
    },
    Transition {
        action: ActionKind::Issue,
        from: &[State::Decided],
        to: State::Issued,
        by: Actors::Preparer,
    },
    Transition {
        action: ActionKind::Close,
        from: &[State::Issued, State::Decided],
        to: State::Closed,
        by: Actors::Preparer,
    },
    Transition {
        action: ActionKind::Withdraw,
        from: BEFORE_DECISION,
        to: State::Withdrawn,
        by: Actors::Applicant,
    },
    Transition {
        action: ActionKind::LodgeAppeal,
        from: &[State::Decided, State::Closed],
        to: State::AppealLodged,
        by: Actors::Applicant,
    },
    Transition {
        action: ActionKind::UpholdDecision,
        from: &[State::AppealLodged],
        to: State::Closed,
        by: Actors::Decider,
    },
    Transition {
        action: ActionKind::OverturnDecision,
        from: &[State::AppealLodged],
        to: State::UnderReview,
        by: Actors::Decider,
    },
];

/// The transition of `action`.
pub fn transition(action: ActionKind) -> &'static Transition {
    TRANSITIONS
        .iter()
        .find(|t| t.action == action)
        .unwrap_or(&TRANSITIONS[0])
}
