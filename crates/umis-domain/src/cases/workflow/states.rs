//! The states of a case and the actions that move it between them.

use crate::UnknownValue;
use std::fmt;
use std::str::FromStr;

macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident, $what:literal, { $($(#[$vm:meta])* $v:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            /// The stable machine name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL.iter().copied().find(|v| v.as_str() == s).ok_or_else(|| {
                    let names: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                    UnknownValue::new($what, s, &names)
                })
            }
        }
    };
}

named_enum!(
    /// Where a case stands.
    State, "state", {
        /// Being filled in; not yet filed.
        Draft => "draft",
        /// Filed, not yet accepted for consideration.
        Submitted => "submitted",
        /// Accepted: the legal clock runs from the registration day.
        Registered => "registered",
        /// An officer is examining it.
        UnderReview => "under_review",
        /// Waiting for the applicant (documents, information): the clock is stopped.
        AwaitingApplicant => "awaiting_applicant",
        /// Waiting for partner bodies' checks.
        AwaitingChecks => "awaiting_checks",
        /// A decision (approve or refuse, with its ground) is proposed.
        Proposed => "proposed",
        /// Decided by a decision maker other than the preparers.
        Decided => "decided",
        /// The permit or status was issued.
        Issued => "issued",
        /// Finished.
        Closed => "closed",
        /// Withdrawn by the applicant before a decision.
        Withdrawn => "withdrawn",
        /// The applicant appealed the refusal.
        AppealLodged => "appeal_lodged",
    }
);

named_enum!(
    /// A proposed or decided outcome.
    Outcome, "outcome", {
        /// Grant what was applied for.
        Approve => "approve",
        /// Refuse, with a legal ground.
        Refuse => "refuse",
    }
);

named_enum!(
    /// Something that can be done to a case.
    ActionKind, "action", {
        /// File a draft.
        Submit => "submit",
        /// Accept for consideration (required documents on file); starts the clock.
        Register => "register",
        /// Begin the examination.
        StartReview => "start_review",
        /// Ask the applicant for documents or information; stops the clock.
        RequestInfo => "request_info",
        /// The applicant answered; the clock runs again.
        InfoReceived => "info_received",
        /// Ask partner bodies for checks.
        RequestChecks => "request_checks",
        /// Back to the examination once the checks are answered.
        ResumeReview => "resume_review",
        /// Propose approval or refusal with a legal ground and reasoning.
        Propose => "propose",
        /// Send a proposal back for more work.
        ReturnForReview => "return_for_review",
        /// Decide as proposed (four-eyes: not by a preparer).
        Decide => "decide",
        /// Issue the permit or status an approval grants.
        Issue => "issue",
        /// Close a finished case.
        Close => "close",
        /// Withdraw the application before a decision.
        Withdraw => "withdraw",
        /// Appeal a refusal.
        LodgeAppeal => "lodge_appeal",
        /// Dismiss the appeal: the refusal stands.
        UpholdDecision => "uphold_decision",
        /// Allow the appeal: the refusal is set aside and the case decided anew.
        OverturnDecision => "overturn_decision",
    }
);

impl State {
    /// Whether the case still needs work (it is in an officer's queue).
    pub fn is_open(self) -> bool {
        !matches!(self, State::Closed | State::Withdrawn | State::Draft)
    }

    /// Whether the legal clock runs in this state.
    pub fn clock_runs(self) -> bool {
        matches!(
            self,
            State::Registered | State::UnderReview | State::AwaitingChecks | State::Proposed
        )
    }
}
