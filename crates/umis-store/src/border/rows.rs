//! The border rows: an event to store, a derived stay, a permit it is judged against, an
//! overstay of the report, and what a batch of events brought about.

/// A border event ready to store.
#[derive(Clone, sqlx::FromRow)]
pub struct BorderEvent {
    /// The source's id (idempotency key).
    pub event_id: String,
    /// The person it is linked to.
    pub person_id: i64,
    /// `entry` or `exit`.
    pub direction: String,
    /// Unix microseconds, UTC.
    pub occurred_at: i64,
    /// Calendar date in the country's time zone.
    pub local_date: String,
    /// Border crossing point code.
    pub bcp: String,
    /// `air`, `land`, `sea`, `rail`.
    pub travel_mode: String,
    /// Document number as read.
    pub document_number: Option<String>,
    /// Issuing state of the document.
    pub document_issuing_state: Option<String>,
    /// Nationality declared with the event.
    pub nationality: Option<String>,
    /// Stay granted at entry.
    pub permitted_days: Option<i64>,
    /// Visa or e-visa reference.
    pub visa_ref: Option<String>,
    /// `person_id`, `document`, `identity_match` or `created`.
    pub link_method: String,
    /// SHA-256 of the content as sent.
    pub fingerprint: String,
    /// When UMIS received it (Unix µs).
    pub received_at: i64,
    /// Who sent it.
    pub received_by: String,
}

impl std::fmt::Debug for BorderEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BorderEvent")
            .field("event_id", &self.event_id)
            .field("person_id", &self.person_id)
            .field("direction", &self.direction)
            .finish_non_exhaustive()
    }
}

/// What a batch of events also changes: expulsion orders its exits fulfil and alerts its
/// entries raise.
#[derive(Debug, Clone, Default)]
pub struct BatchOutcomes {
    /// Orders fulfilled.
    pub fulfilments: Vec<crate::Fulfilment>,
    /// Alerts raised.
    pub alerts: Vec<crate::ControlAlert>,
}

/// One stay as stored (derived from the person's events; replaced whenever they change).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StayRow {
    /// Person.
    pub person_id: i64,
    /// Order within the person's stays.
    pub seq: i64,
    /// Entry date.
    pub entry_date: Option<String>,
    /// Exit date.
    pub exit_date: Option<String>,
    /// The day the stay certainly ended (exit, or a later entry); `None` while present.
    pub ends_on: Option<String>,
    /// Last day of the entry's own period.
    pub period_until: Option<String>,
    /// Last lawful day counting permits.
    pub lawful_until: Option<String>,
    /// Stay rule applied.
    pub rule_code: Option<String>,
    /// Days granted at entry.
    pub permitted_days: Option<i64>,
    /// Comma-separated flags.
    pub flags: String,
    /// Nationality on the entry.
    pub nationality: Option<String>,
    /// Document used at entry.
    pub document_number: Option<String>,
    /// Its issuing state.
    pub document_issuing_state: Option<String>,
    /// Crossing point of the entry.
    pub entry_bcp: Option<String>,
}

/// Application types whose timely filing keeps a stay lawful until the decision (R2).
pub const STAY_KEEPING: &str =
    "'stay_extension', 'temporary_residence', 'permanent_residence', 'refugee_status'";

/// A person present past the end of their stay on the report date.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OverstayRow {
    /// Person.
    pub person_id: i64,
    /// Document used at the last entry.
    pub document_number: Option<String>,
    /// Its issuing state.
    pub document_issuing_state: Option<String>,
    /// Nationality on the last entry.
    pub nationality: Option<String>,
    /// Last entry.
    pub entry_date: Option<String>,
    /// Last lawful day.
    pub lawful_until: Option<String>,
}
