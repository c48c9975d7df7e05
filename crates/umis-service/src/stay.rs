//! Stay rights of a person on a date, the stays stored for the overstay report, the overstay
//! report itself, and recording a permit (which changes the holder's stays).

use crate::{Ctx, ServiceError, Services};
use serde::Serialize;
use time::{Date, Month};
use umis_domain::person::PersonId;
use umis_domain::stay::{
    Direction, Movement, PermitSpan, StayAssessment, StayBasis, StayFlag, StayInput, StayPolicies,
    assess, build_stays,
};
use umis_domain::{AuditOutcome, Permission};
use umis_store::{BorderEvent, PermitRow, StayRow};

/// Most rows of the overstay report per page.
pub const MAX_REPORT_PAGE: i64 = 10_000;

/// An instant (Unix µs) as RFC 3339 in UTC.
pub(crate) fn rfc3339(micros: i64) -> String {
    jiff::Timestamp::from_microsecond(micros)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// Parses `YYYY-MM-DD`.
pub fn parse_day(s: &str) -> Option<Date> {
    let mut parts = s.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

fn day(field: &'static str, s: &str) -> Result<Date, ServiceError> {
    parse_day(s).ok_or_else(|| {
        ServiceError::invalid(
            field,
            "invalid_date",
            format!("{field} must be a date YYYY-MM-DD"),
        )
    })
}

fn movements(events: &[&BorderEvent]) -> Vec<Movement> {
    events
        .iter()
        .filter_map(|e| {
            Some(Movement {
                date: parse_day(&e.local_date)?,
                direction: e.direction.parse().ok()?,
                permitted_days: e.permitted_days.and_then(|d| u32::try_from(d).ok()),
            })
        })
        .collect()
}

fn spans(permits: &[&PermitRow]) -> Vec<PermitSpan> {
    permits
        .iter()
        .filter_map(|p| {
            Some(PermitSpan {
                kind: p.kind.clone(),
                number: p.number.clone(),
                valid_from: parse_day(&p.valid_from)?,
                valid_to: parse_day(&p.valid_to)?,
            })
        })
        .collect()
}

fn flags_text(flags: &[StayFlag]) -> String {
    flags
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// The stays of one person as stored: `events` in the order they happened.
pub(crate) fn stay_rows(
    person_id: i64,
    events: &[&BorderEvent],
    nationalities: &[String],
    permits: &[&PermitRow],
    policies: &StayPolicies,
) -> Vec<StayRow> {
    // Events whose date cannot be read are skipped (they were validated on the way in).
    let usable: Vec<&BorderEvent> = events
        .iter()
        .copied()
        .filter(|e| parse_day(&e.local_date).is_some() && e.direction.parse::<Direction>().is_ok())
        .collect();
    let moves = movements(&usable);
    let stays = build_stays(nationalities, &moves, &spans(permits), policies);
    let mut out = Vec::with_capacity(stays.len());
    for (i, s) in stays.iter().enumerate() {
        let source = usable.get(s.opened_by);
        let ends_on = s.exit.or_else(|| {
            if s.flags.contains(&StayFlag::MissingExit) {
                stays.get(i + 1).and_then(|n| n.entry)
            } else {
                None
            }
        });
        out.push(StayRow {
            person_id,
            seq: i64::try_from(i).unwrap_or(0) + 1,
            entry_date: s.entry.map(|d| d.to_string()),
            exit_date: s.exit.map(|d| d.to_string()),
            ends_on: ends_on.map(|d| d.to_string()),
            period_until: s.period_until.map(|d| d.to_string()),
            lawful_until: s.lawful_until.map(|d| d.to_string()),
            rule_code: s.rule_code.clone(),
            permitted_days: s.permitted_days.map(i64::from),
            flags: flags_text(&s.flags),
            nationality: source.and_then(|e| e.nationality.clone()),
            document_number: source.and_then(|e| e.document_number.clone()),
            document_issuing_state: source.and_then(|e| e.document_issuing_state.clone()),
            entry_bcp: source
                .filter(|e| e.direction == "entry" && !e.bcp.is_empty())
                .map(|e| e.bcp.clone()),
        });
    }
    out
}

/// A border event as shown with a person's stay.
#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
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

/// One line of the overstay report.
#[derive(Debug, Clone, Serialize)]
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
    /// Days present past it on the report date.
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

fn view_of(
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

impl Services {
    /// Today's date in the country's time zone.
    pub fn local_today(&self) -> Date {
        let ts =
            jiff::Timestamp::from_microsecond(self.now()).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let d = ts.to_zoned(self.tz.clone()).date();
        Month::try_from(u8::try_from(d.month()).unwrap_or(1))
            .ok()
            .and_then(|m| {
                Date::from_calendar_date(i32::from(d.year()), m, u8::try_from(d.day()).unwrap_or(1))
                    .ok()
            })
            .unwrap_or(Date::MIN)
    }

    /// The stay policies in force.
    pub fn stay_policies(&self) -> &StayPolicies {
        &self.policies
    }

    pub(crate) async fn resolve_person(&self, person_id: &str) -> Result<i64, ServiceError> {
        let id = person_id
            .trim()
            .parse::<PersonId>()
            .map_err(|e| ServiceError::invalid("person_id", "invalid_person_id", e.to_string()))?
            .as_i64();
        let p = self
            .store
            .find_person(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok(p.merged_into.unwrap_or(p.person_id))
    }

    /// The stay rights of a person on `as_of` (today when absent); audited as a read.
    pub async fn person_stay(
        &self,
        ctx: &Ctx,
        person_id: &str,
        as_of: Option<&str>,
    ) -> Result<StayView, ServiceError> {
        self.stay_view(ctx, person_id, as_of, true).await
    }

    /// The stay panel of a person page whose view was just audited (`person.view`): the same
    /// answer as [`Services::person_stay`], without a second audit entry for the same page.
    pub async fn person_stay_on_page(
        &self,
        ctx: &Ctx,
        person_id: &str,
    ) -> Result<StayView, ServiceError> {
        self.stay_view(ctx, person_id, None, false).await
    }

    pub(crate) async fn stay_view(
        &self,
        ctx: &Ctx,
        person_id: &str,
        as_of: Option<&str>,
        audit: bool,
    ) -> Result<StayView, ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "person.stay")
            .await?;
        let as_of = match as_of.map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => day("as_of", s)?,
            None => self.local_today(),
        };
        let id = self.resolve_person(person_id).await?;
        let events = self.store.events_of(&[id]).await?;
        let permits = self.store.permits_of(&[id]).await?;
        let person = self.store.load_persons(&[id]).await?;
        let mut nats: Vec<String> = person
            .first()
            .map(|p| p.nationalities.clone())
            .unwrap_or_default();
        for e in &events {
            if let Some(n) = &e.nationality
                && !nats.contains(n)
            {
                nats.push(n.clone());
            }
        }
        let refs: Vec<&BorderEvent> = events.iter().collect();
        let moves = movements(&refs);
        let permit_refs: Vec<&PermitRow> = permits.iter().collect();
        let spans = spans(&permit_refs);
        let registered = self.store.registrations_of(id).await?;
        let registrations: Vec<Date> = registered
            .iter()
            .filter_map(|r| parse_day(&r.arrival_date))
            .collect();
        let pending: Vec<umis_domain::stay::PendingApplication> = self
            .store
            .pending_stay_applications(id, &as_of.to_string())
            .await?
            .into_iter()
            .filter_map(|(kind, filed)| {
                Some(umis_domain::stay::PendingApplication {
                    kind,
                    filed_on: parse_day(&filed)?,
                })
            })
            .collect();
        let input = StayInput {
            nationalities: &nats,
            movements: &moves,
            permits: &spans,
            registrations: &registrations,
            pending: &pending,
        };
        let assessment = assess(&input, as_of, &self.policies);
        self.settle_stays_of(&[id]).await?;
        let stays = self.store.stays_of(id).await?;
        let recent = self.store.recent_events(id, 20).await?;
        let pid = PersonId::from_stored(id).to_string();
        if audit {
            self.audit_read(
                ctx,
                "person.stay",
                Some(&pid),
                None,
                serde_json::json!({"as_of": as_of.to_string()}),
            )
            .await?;
        }
        Ok(view_of(&pid, &assessment, &stays, &recent, registered))
    }

    /// One page of the overstay report on `as_of`, ordered by person; `after` is the last
    /// person number of the previous page. Audited as a read of personal data.
    pub async fn overstays(
        &self,
        ctx: &Ctx,
        as_of: &str,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<OverstayLine>, ServiceError> {
        self.overstays_filtered(ctx, as_of, &OverstayFilter::default(), after, limit)
            .await
    }

    /// As [`Services::overstays`], keeping only rows that pass `filter`.
    pub async fn overstays_filtered(
        &self,
        ctx: &Ctx,
        as_of: &str,
        filter: &OverstayFilter,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<OverstayLine>, ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "report.overstays")
            .await?;
        let date = day("as_of", as_of)?;
        let after = match after.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(a) => Some(crate::persons::person_cursor(a)?),
        };
        let nationality = match filter
            .nationality
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(n) => {
                let n = n.to_ascii_uppercase();
                if !crate::known_country(&n) {
                    return Err(ServiceError::invalid(
                        "nationality",
                        "unknown_country",
                        "not an ICAO country code",
                    ));
                }
                Some(n)
            }
        };
        let until_max = match filter.min_days {
            None | Some(0) => None,
            Some(d) if (1..=36_500).contains(&d) => {
                Some((date - time::Duration::days(d)).to_string())
            }
            Some(_) => {
                return Err(ServiceError::invalid(
                    "min_days",
                    "out_of_range",
                    "min_days must be between 0 and 36500",
                ));
            }
        };
        // An officer of a regional or border office sees the persons their office answers for.
        let office = self.office_scope(ctx).await?;
        self.settle_stays().await?;
        let rows = self
            .store
            .list_overstays(
                &date.to_string(),
                nationality.as_deref(),
                until_max.as_deref(),
                office.as_deref(),
                after,
                limit.clamp(1, MAX_REPORT_PAGE),
            )
            .await?;
        let lines: Vec<OverstayLine> = rows
            .into_iter()
            .map(|r| {
                let until = r.lawful_until.as_deref().and_then(parse_day);
                OverstayLine {
                    person_id: PersonId::from_stored(r.person_id).to_string(),
                    document_number: r.document_number,
                    document_issuing_state: r.document_issuing_state,
                    nationality: r.nationality,
                    last_entry_date: r.entry_date,
                    lawful_until: r.lawful_until,
                    overstay_days: until.map(|u| (date - u).whole_days()).unwrap_or(0),
                }
            })
            .collect();
        self.audit_read(
            ctx,
            "report.overstays",
            None,
            None,
            serde_json::json!({"as_of": date.to_string(), "rows": lines.len()}),
        )
        .await?;
        Ok(lines)
    }

    /// Records a permit or status for a person and recomputes their stays (the applications
    /// capability issues permits through this).
    pub async fn record_permit(
        &self,
        ctx: &Ctx,
        person_id: &str,
        kind: &str,
        number: &str,
        valid_from: &str,
        valid_to: &str,
    ) -> Result<i64, ServiceError> {
        self.authorize(ctx, Permission::WriteApplications, "permit.record")
            .await?;
        let id = self.resolve_person(person_id).await?;
        let from = day("valid_from", valid_from)?;
        let to = day("valid_to", valid_to)?;
        if to < from {
            return Err(ServiceError::invalid(
                "valid_to",
                "before_start",
                "valid_to is before valid_from",
            ));
        }
        if kind.trim().is_empty() || number.trim().is_empty() || number.len() > 64 {
            return Err(ServiceError::invalid(
                "number",
                "required",
                "kind and number are required",
            ));
        }
        let pid = PersonId::from_stored(id).to_string();
        let row = PermitRow {
            person_id: id,
            permit_id: 0,
            kind: kind.trim().into(),
            number: number.trim().into(),
            valid_from: from.to_string(),
            valid_to: to.to_string(),
            status: "valid".into(),
            created_at: self.now(),
        };
        let audit = ctx
            .audit(self.now(), "permit.record", AuditOutcome::Ok)
            .object("permit", row.number.clone())
            .person(pid);
        let n = self.store.add_permit(&row, audit).await?;
        self.refresh_stays(&[id]).await?;
        Ok(n)
    }
}
