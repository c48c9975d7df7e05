//! Registration at the place of stay (R4): hosts and the portal register a foreigner's arrival
//! or move; the deadline comes from the rules (15 days after arrival, 30 for Kazakhstan; 5
//! working days after a move), a late registration is recorded as late; and the list of present
//! persons whose registration is overdue.

use crate::persons::invalid;
use crate::stay::parse_day;
use crate::{Ctx, ServiceError, Services};
use serde::{Deserialize, Serialize};
use time::{Date, Duration};
use umis_domain::calendar::WorkCalendar;
use umis_domain::person::{PersonId, fold_document_number};
use umis_domain::{AuditOutcome, Permission};
use umis_store::StayRegistration;

/// Kinds of host.
pub const HOST_KINDS: [&str; 5] = ["hotel", "landlord", "employer", "portal", "other"];
/// Working days to re-register after a move (R4).
pub const MOVE_WORKING_DAYS: u32 = 5;

/// A registration as submitted.
#[derive(Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrationInput {
    /// UMIS person number (or the document below).
    #[serde(default)]
    pub person_id: Option<String>,
    /// Travel document number.
    #[serde(default)]
    pub document_number: Option<String>,
    /// Its issuing state.
    #[serde(default)]
    pub document_issuing_state: Option<String>,
    /// `arrival` (default) or `move`.
    #[serde(default)]
    pub kind: Option<String>,
    /// `hotel`, `landlord`, `employer`, `portal` or `other`.
    pub host_kind: String,
    /// Host's name.
    pub host_name: String,
    /// Host's tax number.
    #[serde(default)]
    pub host_tax_id: Option<String>,
    /// Address of the place of stay.
    pub address: String,
    /// Region or city.
    #[serde(default)]
    pub region: Option<String>,
    /// Arrival (or move) date, YYYY-MM-DD.
    pub arrival_date: String,
    /// Planned departure, YYYY-MM-DD.
    #[serde(default)]
    pub departure_date: Option<String>,
    /// The submitter's own reference (a re-sent registration is recognised by it).
    #[serde(default)]
    pub external_ref: Option<String>,
}

impl std::fmt::Debug for RegistrationInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegistrationInput")
            .field("host_kind", &self.host_kind)
            .finish_non_exhaustive()
    }
}

/// A recorded registration.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = RegistrationOut)]
pub struct RegistrationView {
    /// Person number.
    pub person_id: String,
    /// Number within the person's registrations.
    pub registration_id: i64,
    /// `arrival` or `move`.
    pub kind: String,
    /// Host kind.
    pub host_kind: String,
    /// Host's name.
    pub host_name: String,
    /// Address.
    pub address: String,
    /// Region.
    pub region: Option<String>,
    /// Arrival (or move) date.
    pub arrival_date: String,
    /// Planned departure.
    pub departure_date: Option<String>,
    /// The day it was due by: 15 days after arrival (30 for Kazakhstan), 5 working days after
    /// a move.
    pub deadline: String,
    /// Submitted after the deadline.
    pub late: bool,
    /// Your reference.
    pub external_ref: Option<String>,
    /// Date of submission.
    pub submitted_on: String,
}

impl From<StayRegistration> for RegistrationView {
    fn from(r: StayRegistration) -> Self {
        RegistrationView {
            person_id: PersonId::from_stored(r.person_id).to_string(),
            registration_id: r.registration_id,
            kind: r.kind,
            host_kind: r.host_kind,
            host_name: r.host_name,
            address: r.address,
            region: r.region,
            arrival_date: r.arrival_date,
            departure_date: r.departure_date,
            deadline: r.deadline,
            late: r.late,
            external_ref: r.external_ref,
            submitted_on: r.submitted_on,
        }
    }
}

/// A present person whose registration is overdue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = OverdueOut)]
pub struct OverdueRegistration {
    /// Person number.
    pub person_id: String,
    /// Nationality at entry.
    pub nationality: Option<String>,
    /// Document used at entry.
    pub document_number: Option<String>,
    /// Its issuing state.
    pub document_issuing_state: Option<String>,
    /// Entry date.
    pub entry_date: Option<String>,
    /// The day the registration was due by.
    pub deadline: Option<String>,
    /// Days since.
    pub days_overdue: i64,
}

fn text(field: &'static str, s: &str, max: usize) -> Result<String, ServiceError> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        return Err(invalid(field, "required", format!("{field} is required")));
    }
    if t.chars().count() > max || t.chars().any(char::is_control) {
        return Err(invalid(
            field,
            "invalid_text",
            format!("{field} must be at most {max} printable characters"),
        ));
    }
    Ok(t)
}

fn optional(
    field: &'static str,
    s: &Option<String>,
    max: usize,
) -> Result<Option<String>, ServiceError> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(v) => text(field, v, max).map(Some),
    }
}

impl Services {
    /// The working-day calendar in force.
    pub fn work_calendar(&self) -> WorkCalendar {
        let y = self.local_today().year();
        WorkCalendar::azerbaijan(y - 5, y + 2)
    }

    /// Records a registration at the place of stay (hosts, the portal and officers with the
    /// right scope or role). Audited as a write of personal data.
    pub async fn register_stay(
        &self,
        ctx: &Ctx,
        input: &RegistrationInput,
    ) -> Result<RegistrationView, ServiceError> {
        self.authorize(
            ctx,
            Permission::WriteStayRegistrations,
            "stay_registration.create",
        )
        .await?;
        let kind = match input.kind.as_deref().map(str::trim).unwrap_or("arrival") {
            "" | "arrival" => "arrival",
            "move" => "move",
            _ => {
                return Err(invalid(
                    "kind",
                    "unknown_kind",
                    "kind must be arrival or move",
                ));
            }
        };
        let host_kind = input.host_kind.trim().to_ascii_lowercase();
        if !HOST_KINDS.contains(&host_kind.as_str()) {
            return Err(invalid(
                "host_kind",
                "unknown_host_kind",
                "host_kind must be hotel, landlord, employer, portal or other",
            ));
        }
        let host_name = text("host_name", &input.host_name, 200)?;
        let address = text("address", &input.address, 500)?;
        let host_tax_id = optional("host_tax_id", &input.host_tax_id, 32)?;
        let region = optional("region", &input.region, 100)?;
        let external_ref = optional("external_ref", &input.external_ref, 64)?;
        let today = self.local_today();
        let arrival = parse_day(&input.arrival_date).ok_or_else(|| {
            invalid(
                "arrival_date",
                "invalid_date",
                "arrival_date must be a date YYYY-MM-DD",
            )
        })?;
        if arrival > today {
            return Err(invalid(
                "arrival_date",
                "future_date",
                "arrival_date is in the future",
            ));
        }
        let departure = match input
            .departure_date
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => {
                let d = parse_day(s).ok_or_else(|| {
                    invalid(
                        "departure_date",
                        "invalid_date",
                        "departure_date must be a date YYYY-MM-DD",
                    )
                })?;
                if d < arrival {
                    return Err(invalid(
                        "departure_date",
                        "before_arrival",
                        "departure_date is before arrival_date",
                    ));
                }
                Some(d)
            }
        };
        let person_id = match (
            input
                .person_id
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty()),
            input
                .document_number
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty()),
        ) {
            (Some(p), _) => {
                if let Some(s) = input
                    .document_issuing_state
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    && !crate::known_country(&s.to_ascii_uppercase())
                {
                    return Err(invalid(
                        "document_issuing_state",
                        "unknown_country",
                        "document_issuing_state must be an ICAO country code",
                    ));
                }
                let id = p
                    .parse::<PersonId>()
                    .map_err(|e| invalid("person_id", "invalid_person_id", e.to_string()))?
                    .as_i64();
                let found = self
                    .store
                    .find_person(id)
                    .await?
                    .ok_or(ServiceError::NotFound)?;
                found.merged_into.unwrap_or(found.person_id)
            }
            (None, Some(number)) => {
                let state = input
                    .document_issuing_state
                    .as_deref()
                    .map(|s| s.trim().to_ascii_uppercase())
                    .unwrap_or_default();
                if !crate::known_country(&state) {
                    return Err(invalid(
                        "document_issuing_state",
                        "unknown_country",
                        "document_issuing_state must be an ICAO country code",
                    ));
                }
                *self
                    .store
                    .document_holders(&state, &fold_document_number(number))
                    .await?
                    .first()
                    .ok_or_else(|| {
                        invalid(
                            "document_number",
                            "unknown_document",
                            "no registered person holds this document",
                        )
                    })?
            }
            (None, None) => {
                return Err(invalid(
                    "person_id",
                    "required",
                    "person_id or document_number with document_issuing_state is required",
                ));
            }
        };
        let deadline = if kind == "move" {
            self.work_calendar()
                .add_working_days(arrival, MOVE_WORKING_DAYS)
        } else {
            let nats = self.store.nationalities_of(&[person_id]).await?;
            let within = nats
                .iter()
                .map(|(_, n)| n.as_str())
                .chain(std::iter::once(""))
                .filter_map(|n| self.policies.registration_rule(n, arrival))
                .map(|r| r.register_within_days)
                .max()
                .unwrap_or(15);
            arrival + Duration::days(i64::from(within))
        };
        let pid = PersonId::from_stored(person_id).to_string();
        let row = StayRegistration {
            person_id,
            registration_id: 0,
            kind: kind.into(),
            host_kind,
            host_name,
            host_tax_id,
            address,
            region,
            arrival_date: arrival.to_string(),
            departure_date: departure.map(|d| d.to_string()),
            deadline: deadline.to_string(),
            late: today > deadline,
            external_ref,
            submitted_on: today.to_string(),
            submitted_at: self.now(),
            submitted_by: ctx.actor_name(),
        };
        let audit = ctx
            .audit(self.now(), "stay_registration.create", AuditOutcome::Ok)
            .object("stay_registration", pid.clone())
            .person(pid);
        let n = match self.store.add_stay_registration(&row, audit).await {
            Ok(n) => n,
            Err(umis_store::StoreError::Conflict(_)) => {
                return Err(ServiceError::Conflict(
                    "a registration with this external_ref was already submitted for this person"
                        .into(),
                ));
            }
            Err(e) => return Err(e.into()),
        };
        Ok(RegistrationView::from(StayRegistration {
            registration_id: n,
            ..row
        }))
    }

    /// One page of present persons whose registration is overdue on `as_of`. Audited.
    pub async fn overdue_registrations(
        &self,
        ctx: &Ctx,
        as_of: &str,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<OverdueRegistration>, ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "report.overdue_registrations")
            .await?;
        let date = parse_day(as_of)
            .ok_or_else(|| invalid("as_of", "invalid_date", "as_of must be a date YYYY-MM-DD"))?;
        let after = match after.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(a) => Some(crate::persons::person_cursor(a)?),
        };
        // An officer of a regional or border office sees the persons their office answers for.
        let office = self.office_scope(ctx).await?;
        let rows = self
            .overdue_rows(
                date,
                office.as_deref(),
                after,
                limit.clamp(1, crate::MAX_REPORT_PAGE),
            )
            .await?;
        let live = self.live_registration_rules(date);
        let other = live
            .iter()
            .find(|r| r.nationalities.is_empty())
            .map_or(15, |r| r.register_within_days);
        let within_for = |nat: &Option<String>| {
            live.iter()
                .find(|r| nat.as_ref().is_some_and(|n| r.nationalities.contains(n)))
                .map_or(other, |r| r.register_within_days)
        };
        let out: Vec<OverdueRegistration> = rows
            .into_iter()
            .map(|r| {
                let deadline = r
                    .entry_date
                    .as_deref()
                    .and_then(parse_day)
                    .map(|e| e + Duration::days(i64::from(within_for(&r.nationality))));
                OverdueRegistration {
                    person_id: PersonId::from_stored(r.person_id).to_string(),
                    days_overdue: deadline.map_or(0, |d| (date - d).whole_days()),
                    deadline: deadline.map(|d| d.to_string()),
                    nationality: r.nationality,
                    document_number: r.document_number,
                    document_issuing_state: r.document_issuing_state,
                    entry_date: r.entry_date,
                }
            })
            .collect();
        self.audit_read(
            ctx,
            "report.overdue_registrations",
            None,
            None,
            serde_json::json!({"as_of": date.to_string(), "rows": out.len()}),
        )
        .await?;
        Ok(out)
    }

    fn live_registration_rules(&self, date: Date) -> Vec<&umis_domain::stay::RegistrationRule> {
        self.policies
            .registration_rules
            .iter()
            .filter(|r| r.valid_from <= date && r.valid_to.is_none_or(|t| date <= t))
            .collect()
    }

    /// The entry-day cutoffs of the registration rules live on `date`: per nationality group,
    /// and for everyone else. An entry before `date` − within days is past its deadline.
    fn overdue_cutoffs(&self, date: Date) -> (Vec<(Vec<String>, String)>, String) {
        let live = self.live_registration_rules(date);
        let cutoff = |within: u32| (date - Duration::days(i64::from(within))).to_string();
        let groups: Vec<(Vec<String>, String)> = live
            .iter()
            .filter(|r| !r.nationalities.is_empty())
            .map(|r| (r.nationalities.clone(), cutoff(r.register_within_days)))
            .collect();
        let other = live
            .iter()
            .find(|r| r.nationalities.is_empty())
            .map_or(15, |r| r.register_within_days);
        (groups, cutoff(other))
    }

    /// A page of persons whose registration deadline passed before `date` with no registration.
    async fn overdue_rows(
        &self,
        date: Date,
        office: Option<&str>,
        after: Option<i64>,
        limit: i64,
    ) -> Result<Vec<umis_store::OverdueRegistrationRow>, ServiceError> {
        self.settle_stays().await?;
        let (groups, other) = self.overdue_cutoffs(date);
        Ok(self
            .store
            .list_overdue_registrations(&date.to_string(), &groups, &other, office, after, limit)
            .await?)
    }

    /// How many persons are past their registration deadline on `date` (for statistics),
    /// counted by the database with the conditions of the overdue list.
    pub(crate) async fn count_overdue_registrations(
        &self,
        date: Date,
    ) -> Result<i64, ServiceError> {
        self.settle_stays().await?;
        let (groups, other) = self.overdue_cutoffs(date);
        Ok(self
            .store
            .count_overdue_registrations(
                &date.to_string(),
                &groups,
                &other,
                date >= self.local_today(),
            )
            .await?)
    }
}
