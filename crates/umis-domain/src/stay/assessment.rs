//! What the stay rights engine finds: the stays, their basis and flags, the allowance used and
//! any registration due, in one assessment per person and date.

use time::Date;

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
