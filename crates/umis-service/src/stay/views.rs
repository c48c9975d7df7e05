//! What a reader sees of a stay: events, stay lines, the stay on a day, overstay lines.

use super::*;

/// A border event as shown with a person's stay.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EventView {
    /// The source's id.
    pub event_id: String,
    /// `entry` or `exit`.
    pub direction: String,
    /// RFC 3339, UTC.
    pub occurred_at: String,
    /// Date in the country's time zone.
    pub local_date: String,
    /// Border crossing point.
    pub bcp: String,
    /// Travel mode.
    pub travel_mode: String,
    /// Document used.
    pub document_number: Option<String>,
    /// Days granted at entry.
    pub permitted_days: Option<i64>,
    /// How the event was linked to the person.
    pub link_method: String,
}

/// One stay as shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StayLine {
    /// Entry date.
    pub entry_date: Option<String>,
    /// Exit date.
    pub exit_date: Option<String>,
    /// Last lawful day.
    pub lawful_until: Option<String>,
    /// Rule applied.
    pub rule_code: Option<String>,
    /// Days granted at entry.
    pub permitted_days: Option<i64>,
    /// Flags for review.
    pub flags: Vec<String>,
}

/// The stay rights of a person on a date.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StayView {
    /// Person number.
    pub person_id: String,
    /// The date judged.
    pub as_of: String,
    /// Whether the person is in the country on that date.
    pub present: bool,
    /// `not_present`, `visa_free`, `visa`, `permit`, `pending_application` or `none`.
    pub basis: String,
    /// The permit or application behind the basis.
    pub basis_detail: Option<serde_json::Value>,
    /// The stay rule applied.
    pub rule_code: Option<String>,
    /// Last lawful day.
    pub lawful_until: Option<String>,
    /// Days past it.
    pub overstay_days: u32,
    /// Last entry.
    pub last_entry: Option<String>,
    /// Last exit.
    pub last_exit: Option<String>,
    /// Rolling allowance: days used, allowed and the window length.
    pub window: Option<serde_json::Value>,
    /// Registration at the place of stay.
    pub registration: Option<serde_json::Value>,
    /// Flags for review.
    pub flags: Vec<String>,
    /// Every stay on record, oldest first.
    pub stays: Vec<StayLine>,
    /// The latest border events, newest first.
    pub events: Vec<EventView>,
    /// Registrations at the place of stay, oldest first.
    pub registrations: Vec<crate::RegistrationView>,
}

/// Optional narrowing of the overstay report.
#[derive(Debug, Clone, Default)]
pub struct OverstayFilter {
    /// Only this nationality (ICAO code).
    pub nationality: Option<String>,
    /// Only persons at least this many days past their lawful stay.
    pub min_days: Option<i64>,
}

/// One overstayer.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = OverstayOut)]
pub struct OverstayLine {
    /// Person number.
    pub person_id: String,
    /// Document used at the last entry.
    pub document_number: Option<String>,
    /// Its issuing state.
    pub document_issuing_state: Option<String>,
    /// Nationality at the last entry.
    pub nationality: Option<String>,
    /// Last entry.
    pub last_entry_date: Option<String>,
    /// Last lawful day.
    pub lawful_until: Option<String>,
    /// Days present past it.
    pub overstay_days: i64,
}

impl OverstayLine {
    /// The report's CSV header.
    pub const CSV_HEADER: &str = "person_id,document_number,document_issuing_state,nationality,last_entry_date,lawful_until,overstay_days";

    /// This line as CSV (fields quoted where needed).
    pub fn csv_line(&self) -> String {
        let q = |s: &Option<String>| {
            let s = s.as_deref().unwrap_or("");
            if s.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_owned()
            }
        };
        format!(
            "{},{},{},{},{},{},{}",
            self.person_id,
            q(&self.document_number),
            q(&self.document_issuing_state),
            q(&self.nationality),
            q(&self.last_entry_date),
            q(&self.lawful_until),
            self.overstay_days
        )
    }
}

pub(super) fn view_of(
    person_id: &str,
    a: &StayAssessment,
    stays: &[StayRow],
    events: &[BorderEvent],
    registrations: Vec<umis_store::StayRegistration>,
) -> StayView {
    let basis_detail = match &a.basis {
        StayBasis::Permit { kind, number } => {
            Some(serde_json::json!({"kind": kind, "number": number}))
        }
        StayBasis::PendingApplication { kind, filed_on } => {
            Some(serde_json::json!({"kind": kind, "filed_on": filed_on.to_string()}))
        }
        _ => None,
    };
    StayView {
        person_id: person_id.to_owned(),
        as_of: a.as_of.to_string(),
        present: a.present,
        basis: a.basis.as_str().into(),
        basis_detail,
        rule_code: a.rule_code.clone(),
        lawful_until: a.lawful_until.map(|d| d.to_string()),
        overstay_days: a.overstay_days,
        last_entry: a.last_entry.map(|d| d.to_string()),
        last_exit: a.last_exit.map(|d| d.to_string()),
        window: a.window.map(|w| {
            serde_json::json!({"days_used": w.days_used, "days_allowed": w.days_allowed,
                "window_days": w.window_days})
        }),
        registration: a.registration.as_ref().map(|r| {
            serde_json::json!({"rule_code": r.rule_code, "required": r.required,
                "deadline": r.deadline.to_string(), "registered": r.registered,
                "overdue": r.overdue})
        }),
        flags: a.flags.iter().map(|f| f.as_str().to_owned()).collect(),
        stays: stays
            .iter()
            .map(|s| StayLine {
                entry_date: s.entry_date.clone(),
                exit_date: s.exit_date.clone(),
                lawful_until: s.lawful_until.clone(),
                rule_code: s.rule_code.clone(),
                permitted_days: s.permitted_days,
                flags: s
                    .flags
                    .split(',')
                    .filter(|f| !f.is_empty())
                    .map(str::to_owned)
                    .collect(),
            })
            .collect(),
        events: events
            .iter()
            .map(|e| EventView {
                event_id: e.event_id.clone(),
                direction: e.direction.clone(),
                occurred_at: rfc3339(e.occurred_at),
                local_date: e.local_date.clone(),
                bcp: e.bcp.clone(),
                travel_mode: e.travel_mode.clone(),
                document_number: e.document_number.clone(),
                permitted_days: e.permitted_days,
                link_method: e.link_method.clone(),
            })
            .collect(),
        registrations: registrations.into_iter().map(Into::into).collect(),
    }
}
