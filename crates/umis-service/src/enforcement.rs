//! Expulsion orders (R21) with the entry ban each carries (R19): recorded by MIA, SMS or a
//! court, fulfilled automatically by the person's next exit, overdue once the departure
//! deadline passes; and the control alerts (banned entries, overdue expulsions).

use crate::persons::invalid;
use crate::stay::{parse_day, rfc3339};
use crate::{Ctx, ServiceError, Services};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use time::Duration;
use umis_domain::person::{PersonId, fold_document_number};
use umis_domain::{AuditOutcome, Permission};
use umis_store::{
    BatchOutcomes, BorderEvent, ControlAlert, ExpulsionOrder, Fulfilment, NewWatchEntry,
};

/// Bodies that order expulsions.
pub const EXPULSION_BODIES: [&str; 3] = ["MIA", "SMS", "COURT"];
/// Hours to leave after being informed (R21).
pub const DEFAULT_DEPARTURE_HOURS: i64 = 48;
/// Years of the entry ban an expulsion carries (R19).
pub const DEFAULT_BAN_YEARS: i64 = 5;

/// An expulsion order as submitted.
#[derive(Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpulsionInput {
    /// The person to leave.
    pub person_id: String,
    /// `MIA`, `SMS` or `COURT`.
    pub issuing_body: String,
    /// Legal grounds.
    pub grounds: String,
    /// Reference of the decision.
    #[serde(default)]
    pub decision_ref: Option<String>,
    /// When the person was informed, RFC 3339 (default: now).
    #[serde(default)]
    pub informed_at: Option<String>,
    /// Hours to leave (default 48).
    #[serde(default)]
    pub departure_hours: Option<i64>,
    /// ICAO code of the destination country.
    #[serde(default)]
    pub destination: Option<String>,
    /// Years of the entry ban (default 5).
    #[serde(default)]
    pub ban_years: Option<i64>,
}

impl std::fmt::Debug for ExpulsionInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExpulsionInput")
            .field("issuing_body", &self.issuing_body)
            .finish_non_exhaustive()
    }
}

/// An order with its state.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ExpulsionOut)]
pub struct ExpulsionView {
    /// Person number.
    pub person_id: String,
    /// Number within the person's orders.
    pub order_id: i64,
    /// Ordering body.
    pub issuing_body: String,
    /// Grounds.
    pub grounds: String,
    /// Decision reference.
    pub decision_ref: Option<String>,
    /// When the person was informed.
    pub informed_at: String,
    /// Leave by.
    pub departure_deadline: String,
    /// Destination.
    pub destination: Option<String>,
    /// Years of the entry ban.
    pub ban_years: i64,
    /// The entry ban (watch-list entry id; screening sees it at once).
    pub ban_entry_id: Option<i64>,
    /// `pending`, `fulfilled` or `cancelled`.
    pub status: String,
    /// The exit event that fulfilled it.
    pub fulfilled_by_event: Option<String>,
    /// When.
    pub fulfilled_at: Option<String>,
    /// Pending past the departure deadline.
    pub overdue: bool,
}

/// A banned person's entry, raised while ingesting.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AlertView {
    /// Person number.
    pub person_id: String,
    /// `banned_entry`.
    pub kind: String,
    /// The border event.
    pub event_id: Option<String>,
    /// The ban.
    pub entry_id: Option<i64>,
    /// Date of the event.
    pub occurred_on: String,
    /// Crossing point.
    pub bcp: Option<String>,
}

/// Everything that needs an officer's attention now.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AlertsView {
    /// Expulsions still pending after their departure deadline.
    pub overdue_expulsions: Vec<ExpulsionView>,
    /// Entries of persons under an active entry ban.
    pub banned_entries: Vec<AlertView>,
}

impl Services {
    /// The office whose data `ctx` sees in office-scoped lists, or `None` for national scope
    /// (national roles, officers of a national office, agency clients and the system).
    pub async fn office_scope(&self, ctx: &Ctx) -> Result<Option<String>, ServiceError> {
        let crate::Actor::User(u) = &ctx.actor else {
            return Ok(None);
        };
        if u.role.has_national_scope() {
            return Ok(None);
        }
        let national = self
            .store
            .find_office(&u.office_code)
            .await?
            .is_some_and(|o| o.national);
        Ok((!national).then(|| u.office_code.clone()))
    }

    fn view_order(&self, o: ExpulsionOrder) -> ExpulsionView {
        ExpulsionView {
            person_id: PersonId::from_stored(o.person_id).to_string(),
            order_id: o.order_id,
            overdue: o.status == "pending" && o.departure_deadline < self.now(),
            issuing_body: o.issuing_body,
            grounds: o.grounds,
            decision_ref: o.decision_ref,
            informed_at: rfc3339(o.informed_at),
            departure_deadline: rfc3339(o.departure_deadline),
            destination: o.destination,
            ban_years: o.ban_years,
            ban_entry_id: o.ban_entry_id,
            status: o.status,
            fulfilled_by_event: o.fulfilled_by_event,
            fulfilled_at: o.fulfilled_at.map(rfc3339),
        }
    }

    /// Records an expulsion order and its entry ban (in force from today, seen by screening at
    /// once); an exit already recorded after the person was informed fulfils it at once.
    pub async fn order_expulsion(
        &self,
        ctx: &Ctx,
        input: &ExpulsionInput,
    ) -> Result<ExpulsionView, ServiceError> {
        self.authorize(ctx, Permission::WriteExpulsions, "expulsion.order")
            .await?;
        let body = input.issuing_body.trim().to_ascii_uppercase();
        if !EXPULSION_BODIES.contains(&body.as_str()) {
            return Err(invalid(
                "issuing_body",
                "unknown_issuing_body",
                "issuing_body must be MIA, SMS or COURT",
            ));
        }
        let grounds = input
            .grounds
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if grounds.is_empty() || grounds.chars().count() > 1000 {
            return Err(invalid(
                "grounds",
                "required",
                "grounds are required (at most 1000 characters)",
            ));
        }
        let decision_ref = input
            .decision_ref
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        if decision_ref
            .as_ref()
            .is_some_and(|r| r.chars().count() > 64)
        {
            return Err(invalid(
                "decision_ref",
                "too_long",
                "decision_ref is at most 64 characters",
            ));
        }
        let informed_at = match input
            .informed_at
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => self.now(),
            Some(s) => {
                let t: jiff::Timestamp = s.parse().map_err(|_| {
                    invalid(
                        "informed_at",
                        "invalid_time",
                        "informed_at must be an RFC 3339 time with an offset",
                    )
                })?;
                if t.as_microsecond() > self.now() + 300_000_000 {
                    return Err(invalid(
                        "informed_at",
                        "future_time",
                        "informed_at is in the future",
                    ));
                }
                t.as_microsecond()
            }
        };
        let hours = input.departure_hours.unwrap_or(DEFAULT_DEPARTURE_HOURS);
        if !(1..=24 * 90).contains(&hours) {
            return Err(invalid(
                "departure_hours",
                "out_of_range",
                "departure_hours must be 1–2160",
            ));
        }
        let ban_years = input.ban_years.unwrap_or(DEFAULT_BAN_YEARS);
        if !(1..=10).contains(&ban_years) {
            return Err(invalid(
                "ban_years",
                "out_of_range",
                "ban_years must be 1–10",
            ));
        }
        let destination = match input
            .destination
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(d) => {
                let d = d.to_ascii_uppercase();
                if !crate::known_country(&d) {
                    return Err(invalid(
                        "destination",
                        "unknown_country",
                        "destination must be an ICAO country code",
                    ));
                }
                Some(d)
            }
        };
        let id = input
            .person_id
            .trim()
            .parse::<PersonId>()
            .map_err(|e| invalid("person_id", "invalid_person_id", e.to_string()))?
            .as_i64();
        let person = self
            .store
            .find_person(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let id = person.merged_into.unwrap_or(person.person_id);
        let person = if id == person.person_id {
            person
        } else {
            self.store
                .find_person(id)
                .await?
                .ok_or(ServiceError::NotFound)?
        };
        let today = self.local_today();
        let until = today
            .replace_year(today.year() + i32::try_from(ban_years).unwrap_or(5))
            .unwrap_or_else(|_| today + Duration::days(365 * ban_years));
        let name = person.names.first();
        let doc = person.documents.iter().find(|d| d.status == "valid");
        let ban = NewWatchEntry {
            list: "entry_ban".into(),
            person_id: Some(id),
            surname: name.map(|n| n.surname.clone()),
            given_names: name.and_then(|n| n.given_names.clone()),
            name_key: name.and_then(|n| crate::name_key(&n.surname, n.given_names.as_deref())),
            birth_date: person.birth_date.clone(),
            nationality: person.nationalities.first().cloned(),
            document_number: doc.map(|d| d.number.clone()),
            document_folded: doc.map(|d| fold_document_number(&d.number)),
            ground: Some("prior_expulsion".into()),
            issuing_body: Some(body.clone()),
            valid_from: Some(today.to_string()),
            valid_to: Some(until.to_string()),
            note: decision_ref.clone().map(|r| format!("expulsion order {r}")),
            created_by: ctx.actor_name(),
            created_at: self.now(),
        };
        let order = ExpulsionOrder {
            person_id: id,
            order_id: 0,
            issuing_body: body,
            grounds,
            decision_ref,
            informed_at,
            departure_deadline: informed_at + hours * 3_600_000_000,
            destination,
            ban_years,
            ban_entry_id: None,
            status: "pending".into(),
            fulfilled_by_event: None,
            fulfilled_at: None,
            created_at: self.now(),
            created_by: ctx.actor_name(),
            office_code: match &ctx.actor {
                crate::Actor::User(u) => Some(u.office_code.clone()),
                _ => None,
            },
        };
        let pid = PersonId::from_stored(id).to_string();
        let audit = ctx
            .audit(self.now(), "expulsion.order", AuditOutcome::Ok)
            .object("expulsion_order", pid.clone())
            .person(pid);
        let (order_id, entry_id) = self
            .store
            .create_expulsion_order(&order, &ban, audit)
            .await?;
        // An exit already on record after the person was informed fulfils the order now.
        let exit = self
            .store
            .events_of(&[id])
            .await?
            .into_iter()
            .filter(|e| e.direction == "exit" && e.occurred_at >= informed_at)
            .min_by_key(|e| e.occurred_at);
        let mut stored = ExpulsionOrder {
            order_id,
            ban_entry_id: Some(entry_id),
            ..order
        };
        if let Some(e) = exit {
            let f = Fulfilment {
                person_id: id,
                order_id,
                event_id: e.event_id.clone(),
                at: e.occurred_at,
            };
            self.store
                .record_outcomes(&BatchOutcomes {
                    fulfilments: vec![f],
                    alerts: Vec::new(),
                })
                .await?;
            stored.status = "fulfilled".into();
            stored.fulfilled_by_event = Some(e.event_id);
            stored.fulfilled_at = Some(e.occurred_at);
        }
        Ok(self.view_order(stored))
    }

    /// Orders, newest first (`status` filter; `overdue_only` keeps pending orders past their
    /// deadline). Audited as a read.
    pub async fn expulsion_orders(
        &self,
        ctx: &Ctx,
        status: Option<&str>,
        overdue_only: bool,
        limit: i64,
    ) -> Result<Vec<ExpulsionView>, ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "expulsion.list")
            .await?;
        if let Some(s) = status
            && !["pending", "fulfilled", "cancelled"].contains(&s)
        {
            return Err(invalid(
                "status",
                "unknown_status",
                "status must be pending, fulfilled or cancelled",
            ));
        }
        let rows = self
            .store
            .list_expulsion_orders(
                status,
                overdue_only.then(|| self.now()),
                None,
                &self.local_today().to_string(),
                limit.clamp(1, 1000),
            )
            .await?;
        self.audit_read(
            ctx,
            "expulsion.list",
            None,
            None,
            serde_json::json!({"rows": rows.len()}),
        )
        .await?;
        Ok(rows.into_iter().map(|o| self.view_order(o)).collect())
    }

    /// Overdue expulsions and banned entries, for the alert list. Audited as a read.
    pub async fn control_alerts(&self, ctx: &Ctx) -> Result<AlertsView, ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "alerts.list")
            .await?;
        let (overdue, alerts) = self.office_alerts(ctx).await?;
        self.audit_read(
            ctx,
            "alerts.list",
            None,
            None,
            serde_json::json!({"expulsions": overdue.len(), "alerts": alerts.len()}),
        )
        .await?;
        Ok(AlertsView {
            overdue_expulsions: overdue.into_iter().map(|o| self.view_order(o)).collect(),
            banned_entries: alerts
                .into_iter()
                .map(|a| AlertView {
                    person_id: PersonId::from_stored(a.person_id).to_string(),
                    kind: a.kind,
                    event_id: a.event_id,
                    entry_id: a.entry_id,
                    occurred_on: a.occurred_on,
                    bcp: a.bcp,
                })
                .collect(),
        })
    }

    /// How many overdue expulsions and banned entries the caller's office has: numbers only
    /// (the home page), so not audited as a read.
    pub async fn alert_counts(&self, ctx: &Ctx) -> Result<(usize, usize), ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "alerts.list")
            .await?;
        let (overdue, alerts) = self.office_alerts(ctx).await?;
        Ok((overdue.len(), alerts.len()))
    }

    /// The overdue expulsion orders and open banned-entry alerts of the caller's office.
    async fn office_alerts(
        &self,
        ctx: &Ctx,
    ) -> Result<
        (
            Vec<umis_store::ExpulsionOrder>,
            Vec<umis_store::ControlAlert>,
        ),
        ServiceError,
    > {
        let scope = self.office_scope(ctx).await?;
        if scope.is_some() {
            // Which office answers for a person is read from their stays.
            self.settle_stays().await?;
        }
        // An officer of a regional or border office sees the orders of that office and the
        // entries at the crossing points it answers for (the one with its own code when it
        // lists none); national offices and roles see everything. The queries select them, so
        // the list's limit never hides an office's own alerts behind others.
        let bcps = match &scope {
            None => None,
            Some(office) => {
                let mut bcps = self.store.crossing_points_of(office).await?;
                if bcps.is_empty() {
                    bcps.push(office.clone());
                }
                Some(bcps)
            }
        };
        let overdue = self
            .store
            .list_expulsion_orders(
                Some("pending"),
                Some(self.now()),
                scope.as_deref(),
                &self.local_today().to_string(),
                500,
            )
            .await?;
        let alerts = self.store.open_alerts(bcps.as_deref(), 500).await?;
        Ok((overdue, alerts))
    }

    /// What a batch of new events changes besides stays: exits fulfil pending expulsion
    /// orders; entries of banned persons (by person or document) raise alerts.
    pub(crate) async fn batch_outcomes(
        &self,
        events: &[BorderEvent],
    ) -> Result<BatchOutcomes, ServiceError> {
        let mut out = BatchOutcomes::default();
        let exiting: Vec<i64> = events
            .iter()
            .filter(|e| e.direction == "exit")
            .map(|e| e.person_id)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        for order in self.store.pending_orders_of(&exiting).await? {
            if let Some(e) = events
                .iter()
                .filter(|e| {
                    e.person_id == order.person_id
                        && e.direction == "exit"
                        && e.occurred_at >= order.informed_at
                })
                .min_by_key(|e| e.occurred_at)
            {
                out.fulfilments.push(Fulfilment {
                    person_id: order.person_id,
                    order_id: order.order_id,
                    event_id: e.event_id.clone(),
                    at: e.occurred_at,
                });
            }
        }
        let entries: Vec<&BorderEvent> = events.iter().filter(|e| e.direction == "entry").collect();
        if entries.is_empty() {
            return Ok(out);
        }
        let persons: Vec<i64> = entries
            .iter()
            .map(|e| e.person_id)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let docs: Vec<String> = entries
            .iter()
            .filter_map(|e| e.document_number.as_deref().map(fold_document_number))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let bans = self.store.bans_for(&persons, &docs).await?;
        if bans.is_empty() {
            return Ok(out);
        }
        let mut seen: HashMap<&str, ()> = HashMap::new();
        for e in entries {
            let folded = e.document_number.as_deref().map(fold_document_number);
            let on = parse_day(&e.local_date);
            let hit = bans.iter().find(|(_, person, doc, from, to)| {
                let same = *person == Some(e.person_id) || (doc.is_some() && *doc == folded);
                let after_start = from
                    .as_deref()
                    .and_then(parse_day)
                    .is_none_or(|f| on.is_some_and(|d| d >= f));
                let before_end = to
                    .as_deref()
                    .and_then(parse_day)
                    .is_none_or(|t| on.is_some_and(|d| d <= t));
                same && after_start && before_end
            });
            if let Some((entry_id, ..)) = hit
                && seen.insert(e.event_id.as_str(), ()).is_none()
            {
                out.alerts.push(ControlAlert {
                    person_id: e.person_id,
                    alert_id: 0,
                    kind: "banned_entry".into(),
                    event_id: Some(e.event_id.clone()),
                    entry_id: Some(*entry_id),
                    occurred_on: e.local_date.clone(),
                    bcp: Some(e.bcp.clone()),
                    created_at: self.now(),
                    closed_at: None,
                    closed_by: None,
                });
            }
        }
        Ok(out)
    }
}
