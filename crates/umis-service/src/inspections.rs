//! Inspections of irregular migration: planning, the persons found (their status of stay at
//! that moment, from the stay engine), violations, decisions (warning, fine, regularisation,
//! expulsion — which issues the order and its ban) and fines.

use crate::persons::invalid;
use crate::stay::parse_day;
use crate::{Ctx, ExpulsionInput, ServiceError, Services};
use serde::Deserialize;
use umis_domain::person::PersonId;
use umis_domain::{AuditOutcome, Permission};
use umis_store::{Finding, Inspection};

/// Decisions on a person found.
pub const DECISIONS: [&str; 4] = ["warning", "fine", "regularisation", "expulsion"];

/// A planned inspection as submitted.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct InspectionInput {
    /// Place (address, site).
    pub place: String,
    /// Employer inspected.
    #[serde(default)]
    pub employer: Option<String>,
    /// Employer's tax number.
    #[serde(default)]
    pub employer_tax_id: Option<String>,
    /// Planned date, YYYY-MM-DD.
    pub planned_on: String,
    /// Inspectors' usernames, comma-separated.
    pub inspectors: String,
    /// Notes.
    #[serde(default)]
    pub notes: Option<String>,
}

/// A person found, as submitted.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FindingInput {
    /// UMIS person number.
    pub person_id: String,
    /// Article of the Code of Administrative Offences.
    #[serde(default)]
    pub violation_article: Option<String>,
    /// What was found.
    #[serde(default)]
    pub violation_text: Option<String>,
    /// `warning`, `fine`, `regularisation` or `expulsion` (none: no violation).
    #[serde(default)]
    pub decision: Option<String>,
    /// Fine in AZN (with decision `fine`).
    #[serde(default)]
    pub fine_amount: Option<i64>,
    /// Fine due date, YYYY-MM-DD (with decision `fine`).
    #[serde(default)]
    pub fine_due: Option<String>,
}

fn opt_text(
    field: &'static str,
    s: &Option<String>,
    max: usize,
) -> Result<Option<String>, ServiceError> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(v) if v.chars().count() <= max && !v.chars().any(char::is_control) => {
            Ok(Some(v.to_owned()))
        }
        Some(_) => Err(invalid(
            field,
            "invalid_text",
            format!("{field} must be at most {max} printable characters"),
        )),
    }
}

impl Services {
    /// An inspection the officer's office may see; another office's is "not found".
    async fn scoped_inspection(&self, ctx: &Ctx, id: i64) -> Result<Inspection, ServiceError> {
        let i = match self.store.get_inspection(id).await {
            Ok(i) => i,
            Err(umis_store::StoreError::NotFound) => return Err(ServiceError::NotFound),
            Err(e) => return Err(e.into()),
        };
        match self.office_scope(ctx).await? {
            Some(office) if i.office_code != office => Err(ServiceError::NotFound),
            _ => Ok(i),
        }
    }

    /// Plans an inspection for the officer's office (inspectors and decision makers).
    pub async fn plan_inspection(
        &self,
        ctx: &Ctx,
        input: &InspectionInput,
    ) -> Result<i64, ServiceError> {
        self.authorize(ctx, Permission::WriteExpulsions, "inspection.plan")
            .await?;
        let place = opt_text("place", &Some(input.place.clone()), 300)?
            .ok_or_else(|| invalid("place", "required", "place is required"))?;
        let planned = parse_day(&input.planned_on).ok_or_else(|| {
            invalid(
                "planned_on",
                "invalid_date",
                "planned_on must be a date YYYY-MM-DD",
            )
        })?;
        let inspectors: Vec<String> = input
            .inspectors
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        if inspectors.is_empty() || inspectors.len() > 20 {
            return Err(invalid("inspectors", "required", "name 1–20 inspectors"));
        }
        let mut lead_office = None;
        for name in &inspectors {
            match self.store.find_user(name).await? {
                Some(u) => {
                    lead_office.get_or_insert(u.office_code);
                }
                None => {
                    return Err(invalid(
                        "inspectors",
                        "unknown_user",
                        format!("no officer '{name}'"),
                    ));
                }
            }
        }
        // An officer plans for their own office; a partner system or the system plans for the
        // office of the first inspector named, whose officers then see the inspection.
        let office = match &ctx.actor {
            crate::Actor::User(u) => u.office_code.clone(),
            _ => lead_office.unwrap_or_else(|| "HQ".into()),
        };
        let row = Inspection {
            inspection_id: 0,
            office_code: office,
            place,
            employer: opt_text("employer", &input.employer, 200)?,
            employer_tax_id: opt_text("employer_tax_id", &input.employer_tax_id, 32)?,
            planned_on: planned.to_string(),
            carried_out_on: None,
            inspectors: inspectors.join(","),
            status: "planned".into(),
            notes: opt_text("notes", &input.notes, 2000)?,
            created_at: self.now(),
            created_by: ctx.actor_name(),
        };
        let audit = ctx.audit(self.now(), "inspection.plan", AuditOutcome::Ok);
        Ok(self.store.create_inspection(&row, audit).await?)
    }

    /// Inspections, latest planned first.
    pub async fn inspections(
        &self,
        ctx: &Ctx,
        limit: i64,
    ) -> Result<Vec<Inspection>, ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "inspection.list")
            .await?;
        let scope = self.office_scope(ctx).await?;
        Ok(self
            .store
            .list_inspections(scope.as_deref(), limit.clamp(1, 500))
            .await?)
    }

    /// One inspection with the persons found (audited as a read of personal data).
    pub async fn inspection(
        &self,
        ctx: &Ctx,
        id: i64,
    ) -> Result<(Inspection, Vec<Finding>), ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "inspection.view")
            .await?;
        let i = self.scoped_inspection(ctx, id).await?;
        let f = self.store.findings_of(id).await?;
        self.audit_read(
            ctx,
            "inspection.view",
            None,
            None,
            serde_json::json!({"inspection": id, "persons": f.len()}),
        )
        .await?;
        Ok((i, f))
    }

    /// Records that an inspection was carried out on `on` (default today).
    pub async fn complete_inspection(
        &self,
        ctx: &Ctx,
        id: i64,
        on: Option<&str>,
    ) -> Result<(), ServiceError> {
        self.authorize(ctx, Permission::WriteExpulsions, "inspection.complete")
            .await?;
        self.scoped_inspection(ctx, id).await?;
        let day = match on.map(str::trim).filter(|s| !s.is_empty()) {
            None => self.local_today(),
            Some(s) => parse_day(s)
                .ok_or_else(|| invalid("carried_out_on", "invalid_date", "a date YYYY-MM-DD"))?,
        };
        let audit = ctx
            .audit(self.now(), "inspection.complete", AuditOutcome::Ok)
            .object("inspection", id.to_string());
        self.store
            .complete_inspection(id, &day.to_string(), audit)
            .await
            .map_err(|e| match e {
                umis_store::StoreError::Conflict(m) => ServiceError::Conflict(m),
                other => other.into(),
            })
    }

    /// Records a person found at an inspection, with their status of stay on the inspection
    /// day, the violation and the decision. An `expulsion` decision issues the order (SMS) and
    /// its entry ban.
    pub async fn record_finding(
        &self,
        ctx: &Ctx,
        inspection_id: i64,
        input: &FindingInput,
    ) -> Result<i64, ServiceError> {
        self.authorize(ctx, Permission::WriteExpulsions, "inspection.finding")
            .await?;
        let inspection = self.scoped_inspection(ctx, inspection_id).await?;
        if inspection.status == "cancelled" {
            return Err(ServiceError::Conflict(
                "the inspection was cancelled".into(),
            ));
        }
        let day = inspection
            .carried_out_on
            .clone()
            .unwrap_or_else(|| self.local_today().to_string());
        let decision = match input
            .decision
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(d) if DECISIONS.contains(&d) => Some(d.to_owned()),
            Some(_) => {
                return Err(invalid(
                    "decision",
                    "unknown_decision",
                    "decision must be warning, fine, regularisation or expulsion",
                ));
            }
        };
        let article = opt_text("violation_article", &input.violation_article, 32)?;
        if decision.is_some() && article.is_none() {
            return Err(invalid(
                "violation_article",
                "required",
                "a decision needs the article of the violation",
            ));
        }
        let (fine_amount, fine_due) = if decision.as_deref() == Some("fine") {
            let amount = input
                .fine_amount
                .filter(|a| (1..=1_000_000).contains(a))
                .ok_or_else(|| {
                    invalid(
                        "fine_amount",
                        "required",
                        "a fine needs an amount in AZN (1–1,000,000)",
                    )
                })?;
            let due = input
                .fine_due
                .as_deref()
                .and_then(parse_day)
                .ok_or_else(|| {
                    invalid("fine_due", "required", "a fine needs a due date YYYY-MM-DD")
                })?;
            (Some(amount), Some(due.to_string()))
        } else {
            if input.fine_amount.is_some() {
                return Err(invalid(
                    "fine_amount",
                    "not_a_fine",
                    "only a fine decision carries an amount",
                ));
            }
            (None, None)
        };
        // Everything is checked before anything is written: an expulsion decision issues an
        // order, which must not happen for a finding that is then refused.
        let violation_text = opt_text("violation_text", &input.violation_text, 2000)?;
        let stay = self.person_stay(ctx, &input.person_id, Some(&day)).await?;
        let person_id = stay
            .person_id
            .parse::<PersonId>()
            .map_err(|e| invalid("person_id", "invalid_person_id", e.to_string()))?
            .as_i64();
        let expulsion_order = if decision.as_deref() == Some("expulsion") {
            let order = self
                .order_expulsion(
                    ctx,
                    &ExpulsionInput {
                        person_id: stay.person_id.clone(),
                        issuing_body: "SMS".into(),
                        grounds: format!(
                            "inspection {inspection_id}: {}",
                            article.clone().unwrap_or_default()
                        ),
                        ..Default::default()
                    },
                )
                .await?;
            Some(order.order_id)
        } else {
            None
        };
        let row = Finding {
            person_id,
            finding_id: 0,
            inspection_id,
            found_on: day,
            basis: stay.basis.clone(),
            lawful_until: stay.lawful_until.clone(),
            overstay_days: i64::from(stay.overstay_days),
            violation_article: article,
            violation_text,
            decision,
            fine_amount,
            fine_due,
            fine_paid_on: None,
            expulsion_order,
            created_at: self.now(),
            created_by: ctx.actor_name(),
        };
        let pid = stay.person_id.clone();
        let audit = ctx
            .audit(self.now(), "inspection.finding", AuditOutcome::Ok)
            .object("inspection", inspection_id.to_string())
            .person(pid);
        Ok(self.store.add_finding(&row, audit).await?)
    }

    /// Records that a fine was paid.
    pub async fn fine_paid(
        &self,
        ctx: &Ctx,
        person_id: &str,
        finding_id: i64,
        on: Option<&str>,
    ) -> Result<(), ServiceError> {
        self.authorize(ctx, Permission::WriteExpulsions, "inspection.fine_paid")
            .await?;
        let id = person_id
            .trim()
            .parse::<PersonId>()
            .map_err(|e| invalid("person_id", "invalid_person_id", e.to_string()))?
            .as_i64();
        let day = match on.map(str::trim).filter(|s| !s.is_empty()) {
            None => self.local_today(),
            Some(s) => parse_day(s)
                .ok_or_else(|| invalid("paid_on", "invalid_date", "a date YYYY-MM-DD"))?,
        };
        let audit = ctx
            .audit(self.now(), "inspection.fine_paid", AuditOutcome::Ok)
            .person(PersonId::from_stored(id).to_string());
        self.store
            .mark_fine_paid(id, finding_id, &day.to_string(), audit)
            .await
            .map_err(|e| match e {
                umis_store::StoreError::Conflict(m) => ServiceError::Conflict(m),
                other => other.into(),
            })
    }
}
