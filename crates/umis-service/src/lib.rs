//! UMIS use cases: authentication of officers and agency clients, authorisation, account and
//! token administration, and the audit trail. The HTTP API, the web UI and the CLI all go
//! through [`Services`], so they cannot disagree about who may do what.

mod accounts;
mod actor;
mod audit;
mod auth;
mod border;
mod border_merge;
mod cases;
mod checkpoints;
mod clock;
mod duplicates;
mod enforcement;
mod error;
mod guessed_names;
mod home;
mod inspections;
mod keys;
mod persons;
mod registrations;
mod screening;
mod search;
mod secret;
mod stats;
mod stay;
mod system_alerts;
mod tokens;

pub use accounts::{MAX_OFFICE_CROSSING_POINTS, NewUserInput, TotpEnrolment};
pub use actor::{Actor, ClientActor, Ctx, UserActor};
pub use audit::VerifyOutcome;
pub use auth::{LoginOk, LoginRequest, SecurityConfig};
pub use border::{
    BatchTurn, IDENTITY_MATCH_MIN, IngestReport, MAX_BATCH_EVENTS, RowError, TRAVEL_MODES,
};
pub use cases::{
    ActionInput, ApplicationInput, AttachmentView, CaseView, CatalogueView, CheckView, EventLine,
    FieldConstraints, FieldView, LetterData, MAX_ATTACHMENT_BYTES, OTHER_DOCUMENT, PermitEventView,
    PermitView, PolicyRuleInput, QueueLine, QueuePage, QueueQuery, RefusalGroundView, TypeView,
    sniff_content_type,
};
pub use checkpoints::{AUDIT_KEY_PURPOSE, CheckpointBreak, checkpoint_message};
pub use clock::{Clock, ManualClock, SystemClock};
pub use duplicates::{DuplicatePair, MAX_REASON_CHARS, MergeEntry};
pub use enforcement::{
    AlertView, AlertsView, DEFAULT_BAN_YEARS, DEFAULT_DEPARTURE_HOURS, EXPULSION_BODIES,
    ExpulsionInput, ExpulsionView,
};
pub use error::{ServiceError, reason};
pub use home::HomeItem;
pub use inspections::{DECISIONS, FindingInput, InspectionInput};
pub use persons::{
    DisplayName, DocumentInput, MAX_NAME_CHARS, MAX_NATIONALITIES, NameInput, NewPersonInput,
    known_country, validate_document,
};
pub use registrations::{
    HOST_KINDS, MOVE_WORKING_DAYS, OverdueRegistration, RegistrationInput, RegistrationView,
};
pub use screening::{
    BAN_GROUNDS, REFER_THRESHOLD, ScreeningHit, ScreeningQuery, ScreeningResult, WatchInput,
    name_key,
};
pub use search::{SearchHit, SearchInput};
pub use stats::{
    ANOMALY_RECENT_DAYS, ANOMALY_THRESHOLD, AnomalyAlert, DATASETS, SYSTEM_SERIES, StatRow,
    StatTable, StatsQuery, SystemSeriesQuery,
};
pub use stay::{
    EventView, MAX_REPORT_PAGE, OverstayFilter, OverstayLine, StayLine, StayView, parse_day,
};
pub use system_alerts::{ALERT_AUDIT_CHECKPOINT_FAILED, ALERT_AUDIT_VERIFICATION_FAILED, AuditRun};
pub use tokens::IssuedToken;
/// Border events as sent, before validation (defined with the domain so that parsers of
/// bodies and files need no service).
pub use umis_domain::border::{BorderEventInput, EVENT_FIELDS};
pub use umis_forecast;
pub use umis_keys::{KeyInfo, KeyStore};
/// Records the service hands out as the store keeps them (persons, users, offices, tokens,
/// inspections, audit filters, system alerts): the screens and the API render them as read,
/// and reach them only through the service.
pub use umis_store::{
    ApiToken, AuditFilter, Finding, HistoryEntry, Inspection, Office, Person, PolicyRuleRow,
    SystemAlert, User,
};

use std::sync::Arc;

/// The country's time zone, in which border events get their calendar date.
pub const DEFAULT_TIME_ZONE: &str = "Asia/Baku";
use umis_store::Store;

/// The application's use cases over one store.
#[derive(Clone)]
pub struct Services {
    store: Store,
    clock: Arc<dyn Clock>,
    security: SecurityConfig,
    index: search::SharedIndex,
    tz: jiff::tz::TimeZone,
    policies: Arc<umis_domain::stay::StayPolicies>,
    /// Ingestion's locks, counters and merge queue.
    ingestion: border::IngestState,
    case_rules: cases::RulesCache,
    stats_threshold: i64,
    /// Forecasts running per client.
    forecasts: stats::InFlight,
    /// Failed logins under names no account has.
    guessed_names: guessed_names::GuessedNames,
    /// When this process last recorded each token's use.
    token_touches: tokens::TokenTouches,
    /// Signing keys (audit checkpoints); none in tests that do not sign.
    keys: Option<umis_keys::KeyStore>,
}

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Services")
            .field("backend", &self.store.db().backend())
            .finish_non_exhaustive()
    }
}

impl Services {
    /// Builds the services over `store`, reading time from `clock`.
    pub fn new(store: Store, clock: Arc<dyn Clock>, security: SecurityConfig) -> Self {
        Self {
            store,
            clock,
            security,
            index: Default::default(),
            tz: jiff::tz::TimeZone::get(DEFAULT_TIME_ZONE).unwrap_or(jiff::tz::TimeZone::UTC),
            policies: Arc::new(umis_domain::stay::StayPolicies::defaults()),
            ingestion: Default::default(),
            case_rules: Default::default(),
            stats_threshold: 5,
            forecasts: Default::default(),
            guessed_names: Default::default(),
            token_touches: Default::default(),
            keys: None,
        }
    }

    /// The same services judging calendar dates in the time zone `name` (IANA, e.g.
    /// `Asia/Baku`).
    pub fn with_time_zone(mut self, name: &str) -> Result<Self, ServiceError> {
        self.tz = jiff::tz::TimeZone::get(name).map_err(|_| {
            ServiceError::invalid(
                "time_zone",
                "unknown_time_zone",
                format!("unknown time zone '{name}'"),
            )
        })?;
        Ok(self)
    }

    /// Whether the database answers (the readiness probe).
    pub async fn ping(&self) -> Result<(), ServiceError> {
        Ok(self.store.ping().await?)
    }

    /// Brings the database's planner statistics up to date; operator commands call it at the
    /// end of a bulk load (an import), so the first queries after it use the indexes.
    pub async fn after_bulk_load(&self) -> Result<(), ServiceError> {
        Ok(self.store.refresh_statistics().await?)
    }

    /// The store (for operator commands, benchmarks and tests).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Now, in Unix microseconds.
    pub fn now(&self) -> i64 {
        self.clock.now_micros()
    }

    /// The security settings in force.
    pub fn security(&self) -> &SecurityConfig {
        &self.security
    }
}
