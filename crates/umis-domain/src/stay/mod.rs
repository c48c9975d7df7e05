//! The stay rights engine: from a person's border movements, permits and pending applications,
//! on what basis they are in the country on a date, until when, how many days of their
//! allowance they have used, and whether a registration at the place of stay is due.
//!
//! Day counting is fixed: the entry day is day 1, so an entry on D with N permitted days is
//! lawful through D + N − 1 and an overstay from D + N; in a rolling window [d − M + 1, d] the
//! entry and exit days both count and days under a permit do not. Dates are calendar dates in
//! the country's time zone; the caller converts instants before calling.

mod assessment;
mod engine;
mod policy;
#[cfg(test)]
mod tests;

pub use assessment::{RegistrationDue, Stay, StayAssessment, StayBasis, StayFlag, WindowUse};
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
