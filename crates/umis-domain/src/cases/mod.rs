//! Applications and decisions (domain.md §5): the catalogue of application types, the one
//! workflow engine they all run on, and the legal clocks.

pub mod catalogue;
pub mod clock;
pub mod workflow;

#[cfg(test)]
mod tests;

pub use catalogue::{
    AGENCIES, AppType, CHECK_ANSWERS, FieldError, FieldKind, FieldSpec, REFUSAL_GROUNDS, TYPES,
    TypeSpec, is_refusal_ground, refusal_ground_ref,
};
pub use clock::{
    AT_RISK_WORKING_DAYS, CasePolicies, ClockRule, ClockStatus, Pause, PolicyRule, add_months,
    deadline, default_rules, late_filing, shift_months, working_days_between,
};
pub use workflow::{
    Action, ActionKind, Actors, Case, Outcome, State, TRANSITIONS, Transition, Who, WorkflowError,
    allowed, apply, check, transition,
};

/// Parses a calendar date `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<time::Date> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), &fmt).ok()
}
