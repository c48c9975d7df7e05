//! The stay rights engine: from a person's border movements, permits and pending applications,
//! on what basis they are in the country on a date, until when, how many days of their
//! allowance they have used, and whether a registration at the place of stay is due.
//!
//! Day counting is fixed: the entry day is day 1, so an entry on D with N permitted days is
//! lawful through D + N − 1 and an overstay from D + N; in a rolling window [d − M + 1, d] the
//! entry and exit days both count and days under a permit do not. Dates are calendar dates in
//! the country's time zone; the caller converts instants before calling.

mod engine;
mod policy;
#[cfg(test)]
mod tests;

pub use engine::{assess, build_stays, days_present_in_window};
pub use policy::{PolicyStatus, RegistrationRule, StayLimit, StayPolicies, StayRule};

use std::fmt;
use std::str::FromStr;
use time::Date;

/// Which way a traveller crossed the border.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Into the country.
    Entry,
    /// Out of the country.
    Exit,
}

impl Direction {
    /// The stable machine name (`entry`, `exit`).
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Entry => "entry",
            Direction::Exit => "exit",
        }
    }
}

/// A direction that is neither `entry` nor `exit`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("direction must be entry or exit")]
pub struct UnknownDirection;

impl FromStr for Direction {
    type Err = UnknownDirection;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "entry" => Ok(Direction::Entry),
            "exit" => Ok(Direction::Exit),
            _ => Err(UnknownDirection),
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One border crossing, reduced to what the rules need. Movements are given in the order
/// they happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Movement {
    /// Calendar date of the crossing in the country's time zone.
    pub date: Date,
    /// Entry or exit.
    pub direction: Direction,
    /// The stay granted at entry by a visa or e-visa, if any.
    pub permitted_days: Option<u32>,
}

/// A permit or status that makes a stay lawful (TRP, PRP, extension, refugee status…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermitSpan {
    /// Kind, e.g. `temporary_residence`, `stay_extension`.
    pub kind: String,
    /// Permit number.
    pub number: String,
    /// First valid day.
    pub valid_from: Date,
    /// Last valid day (the revocation date for a revoked permit).
    pub valid_to: Date,
}

/// An application still being decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingApplication {
    /// Application type.
    pub kind: String,
    /// Day it was received.
    pub filed_on: Date,
}

/// Everything the engine knows about one person.
#[derive(Debug, Clone, Copy, Default)]
pub struct StayInput<'a> {
    /// ICAO nationality codes; the most favourable rule among them applies.
    pub nationalities: &'a [String],
    /// Border movements in the order they happened.
    pub movements: &'a [Movement],
    /// Valid permits and statuses.
    pub permits: &'a [PermitSpan],
    /// Applications not yet decided.
    pub pending: &'a [PendingApplication],
    /// Arrival dates of registrations at a place of stay.
    pub registrations: &'a [Date],
}

/// Something about a stay an officer should look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StayFlag {
    /// An exit with no recorded entry before it.
    ExitWithoutEntry,
    /// An entry followed by another entry: the exit in between was not recorded.
    MissingExit,
    /// A visa national entered without a recorded period: the fallback period was assumed.
    NoPermittedPeriod,
}

impl StayFlag {
    /// The stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            StayFlag::ExitWithoutEntry => "exit_without_entry",
            StayFlag::MissingExit => "missing_exit",
            StayFlag::NoPermittedPeriod => "no_permitted_period",
        }
    }
}

/// One stay: an entry and the exit that ended it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stay {
    /// Index in the movements given of the movement that opened this stay (its entry, or the
    /// exit for an exit with no recorded entry).
    pub opened_by: usize,
    /// Entry date; `None` for an exit with no recorded entry.
    pub entry: Option<Date>,
    /// Exit date, if the person has left (or a later entry shows they did).
    pub exit: Option<Date>,
    /// The stay granted at entry, if the entry carried one.
    pub permitted_days: Option<u32>,
    /// The rule that set the period.
    pub rule_code: Option<String>,
    /// Whether the period came from a visa (permitted days or a visa nationality's fallback).
    pub by_visa: bool,
    /// Last lawful day from the entry's own period, before permits.
    pub period_until: Option<Date>,
    /// Last lawful day counting permits that continue the period without a gap.
    pub lawful_until: Option<Date>,
    /// What to review.
    pub flags: Vec<StayFlag>,
}

/// The lawful basis of a presence on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StayBasis {
    /// The person is not in the country on that date.
    NotPresent,
    /// A visa-free period (R1).
    VisaFree,
    /// A visa or e-visa period.
    Visa,
    /// A permit or status.
    Permit {
        /// Kind of permit.
        kind: String,
        /// Its number.
        number: String,
    },
    /// An application received in time and not yet decided (R2).
    PendingApplication {
        /// Application type.
        kind: String,
        /// Day it was received.
        filed_on: Date,
    },
    /// No lawful basis: an overstay.
    None,
}

impl StayBasis {
    /// The stable machine name.
    pub fn as_str(&self) -> &'static str {
        match self {
            StayBasis::NotPresent => "not_present",
            StayBasis::VisaFree => "visa_free",
            StayBasis::Visa => "visa",
            StayBasis::Permit { .. } => "permit",
            StayBasis::PendingApplication { .. } => "pending_application",
            StayBasis::None => "none",
        }
    }
}

/// Days used of a rolling allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowUse {
    /// Days present in the window ending on the day judged.
    pub days_used: u32,
    /// Days allowed.
    pub days_allowed: u32,
    /// Window length.
    pub window_days: u32,
}

/// The registration obligation of a present person (R4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationDue {
    /// The rule applied.
    pub rule_code: String,
    /// Whether the stay has lasted long enough to require a registration.
    pub required: bool,
    /// Last day to register.
    pub deadline: Date,
    /// Whether a registration for this stay is on record.
    pub registered: bool,
    /// Required, not registered, and past the deadline.
    pub overdue: bool,
}

/// What the engine concludes for a person on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StayAssessment {
    /// The date judged.
    pub as_of: Date,
    /// Whether the last movement on or before the date is an entry.
    pub present: bool,
    /// The current (or last) entry date.
    pub last_entry: Option<Date>,
    /// The last exit on or before the date.
    pub last_exit: Option<Date>,
    /// The lawful basis on the date.
    pub basis: StayBasis,
    /// The stay rule that set the period.
    pub rule_code: Option<String>,
    /// Last lawful day (`None` when not present or while a timely application is pending).
    pub lawful_until: Option<Date>,
    /// Days past `lawful_until` (0 when lawful).
    pub overstay_days: u32,
    /// Rolling allowance use, where a rolling rule applies.
    pub window: Option<WindowUse>,
    /// Registration at the place of stay, for a present person without a permit.
    pub registration: Option<RegistrationDue>,
    /// Flags on the current stay and on any exit without entry.
    pub flags: Vec<StayFlag>,
}
