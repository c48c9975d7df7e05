//! Who takes an action, and which kind of actor each transition needs.

use crate::auth::Role;

/// Who takes an action, as far as the workflow cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// An officer with a role, known by login name.
    Officer {
        /// Login name.
        name: String,
        /// Role.
        role: Role,
    },
    /// A partner system or the e-government front office filing for an applicant.
    Client {
        /// Client name.
        name: String,
    },
    /// An operator at the command line (imports, seeding); bound by the same four-eyes rule
    /// under its own name.
    System {
        /// Label.
        name: String,
    },
}

impl Who {
    /// The name recorded in the case history.
    pub fn name(&self) -> &str {
        match self {
            Who::Officer { name, .. } | Who::Client { name } | Who::System { name } => name,
        }
    }
}

/// Which kind of actor a transition needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actors {
    /// The applicant's side (front office, partner client) or an officer recording it.
    Applicant,
    /// A case officer or decision maker preparing the case.
    Preparer,
    /// A decision maker who took no part in preparing the case.
    Decider,
}

impl Actors {
    pub(super) fn admits(self, who: &Who) -> bool {
        match (self, who) {
            (_, Who::System { .. }) => true,
            (Actors::Applicant, Who::Client { .. }) => true,
            (Actors::Applicant | Actors::Preparer, Who::Officer { role, .. }) => {
                matches!(role, Role::CaseOfficer | Role::DecisionMaker)
            }
            (Actors::Decider, Who::Officer { role, .. }) => *role == Role::DecisionMaker,
            (_, Who::Client { .. }) => false,
        }
    }

    /// The stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            Actors::Applicant => "applicant",
            Actors::Preparer => "preparer",
            Actors::Decider => "decider",
        }
    }
}
