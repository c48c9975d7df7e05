//! The work queue and the assignment of cases to officers.

use super::*;

impl Services {
    /// A work queue: the caller's office's cases (every office for national roles and
    /// clients), soonest deadline first.
    pub async fn application_queue(
        &self,
        ctx: &Ctx,
        q: &QueueQuery,
    ) -> Result<QueuePage, ServiceError> {
        self.authorize(ctx, Permission::ReadApplications, "application.list")
            .await?;
        let today = self.local_today();
        let cal = self.holiday_calendar().await?;
        let filter = self.queue_filter(ctx, q, today, &cal).await?;
        let limit = q.limit.unwrap_or(50).clamp(1, 200);
        let offset = q.offset.unwrap_or(0).clamp(0, 1_000_000);
        let rows = self.store.list_applications(&filter, limit, offset).await?;
        let total = self
            .store
            .count_applications_upto(&filter, Some(QUEUE_COUNT_CAP + 1))
            .await?;
        self.audit_read(
            ctx,
            "application.list",
            None,
            None,
            serde_json::json!({"rows": rows.len(), "offset": offset}),
        )
        .await?;
        Ok(QueuePage {
            total: total.min(QUEUE_COUNT_CAP),
            total_is_capped: total > QUEUE_COUNT_CAP,
            items: rows
                .into_iter()
                .map(|r| {
                    let state: State = r.state.parse().unwrap_or(State::Closed);
                    QueueLine {
                        clock: clock_of(state, r.deadline.as_deref(), today, &cal),
                        id: r.application_id,
                        number: r.number,
                        app_type: r.app_type,
                        person_id: PersonId::from_stored(r.person_id).to_string(),
                        office_code: r.office_code,
                        state: r.state,
                        deadline: r.deadline,
                        assigned_to: r.assigned_to,
                        filed_on: r.filed_on,
                        version: r.version,
                    }
                })
                .collect(),
        })
    }

    /// How many cases a work queue view holds (counted up to 10,000), for the home page: a
    /// number, no personal data, so not audited as a read.
    pub async fn application_count(&self, ctx: &Ctx, q: &QueueQuery) -> Result<i64, ServiceError> {
        self.authorize(ctx, Permission::ReadApplications, "application.list")
            .await?;
        let today = self.local_today();
        let cal = self.holiday_calendar().await?;
        let filter = self.queue_filter(ctx, q, today, &cal).await?;
        let total = self
            .store
            .count_applications_upto(&filter, Some(QUEUE_COUNT_CAP))
            .await?;
        Ok(total.min(QUEUE_COUNT_CAP))
    }

    /// The store's filter for a queue view of the caller's office.
    async fn queue_filter(
        &self,
        ctx: &Ctx,
        q: &QueueQuery,
        today: Date,
        cal: &WorkCalendar,
    ) -> Result<CaseFilter, ServiceError> {
        let opt = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let app_type = match opt(&q.app_type) {
            None => None,
            Some(t) => Some(
                t.parse::<AppType>()
                    .map_err(|e| invalid("app_type", "unknown_type", e.to_string()))?
                    .as_str()
                    .to_owned(),
            ),
        };
        let state = match opt(&q.state) {
            None => None,
            Some(s) => Some(
                s.parse::<State>()
                    .map_err(|e| invalid("state", "unknown_state", e.to_string()))?
                    .as_str()
                    .to_owned(),
            ),
        };
        let open = match opt(&q.status).as_deref() {
            None | Some("open") => Some(true),
            Some("closed") => Some(false),
            Some("all") => None,
            Some(other) => {
                return Err(invalid(
                    "status",
                    "unknown_status",
                    format!("status must be open, closed or all (got '{other}')"),
                ));
            }
        };
        let due_by = match opt(&q.due).as_deref() {
            None => None,
            Some("overdue") => today.checked_sub(Duration::days(1)).map(|d| d.to_string()),
            Some("at_risk") => {
                let mut d = today;
                let mut left = cases::AT_RISK_WORKING_DAYS;
                while left > 0 {
                    d = d.checked_add(Duration::days(1)).unwrap_or(d);
                    if cal.is_working_day(d) {
                        left -= 1;
                    }
                }
                Some(d.to_string())
            }
            Some(other) => {
                return Err(invalid(
                    "due",
                    "unknown_due",
                    format!("due must be overdue or at_risk (got '{other}')"),
                ));
            }
        };
        let assigned_to = match opt(&q.assigned).as_deref() {
            Some("me") => Some(ctx.actor_name()),
            other => other.map(str::to_owned),
        };
        let person_id = match opt(&q.person_id) {
            None => None,
            Some(p) => Some(
                p.parse::<PersonId>()
                    .map_err(|e| invalid("person_id", "invalid_person_id", e.to_string()))?
                    .as_i64(),
            ),
        };
        Ok(CaseFilter {
            office: self.office_scope(ctx).await?,
            open,
            app_type,
            state,
            due_by,
            assigned_to,
            person_id,
        })
    }

    /// Assigns a case to `officer` (an active account of the case's office or a national
    /// one); `version` guards against a stale screen.
    pub async fn assign_application(
        &self,
        ctx: &Ctx,
        id: i64,
        version: i64,
        officer: &str,
    ) -> Result<CaseView, ServiceError> {
        self.authorize(ctx, Permission::WriteApplications, "application.assign")
            .await?;
        if !matches!(&ctx.actor, Actor::User(u) if matches!(u.role, umis_domain::Role::CaseOfficer | umis_domain::Role::DecisionMaker))
            && !matches!(&ctx.actor, Actor::System(_))
        {
            return Err(ServiceError::Forbidden(
                "cases are assigned by case officers and decision makers".into(),
            ));
        }
        let mut row = self.scoped_case(ctx, id).await?;
        let officer = officer.trim();
        let user = self
            .store
            .find_user(officer)
            .await?
            .filter(|u| !u.disabled)
            .ok_or_else(|| {
                invalid(
                    "assigned_to",
                    "unknown_user",
                    format!("no active officer '{officer}'"),
                )
            })?;
        if !matches!(
            user.role,
            umis_domain::Role::CaseOfficer | umis_domain::Role::DecisionMaker
        ) {
            return Err(invalid(
                "assigned_to",
                "not_a_case_officer",
                format!("'{officer}' is not a case officer or decision maker"),
            ));
        }
        let state: State = row.state.parse().unwrap_or(State::Closed);
        if !state.is_open() {
            return Err(ServiceError::Conflict("the case is finished".into()));
        }
        let before = row.assigned_to.clone();
        row.assigned_to = Some(user.username.clone());
        row.updated_at = self.now();
        let event = CaseEvent {
            application_id: id,
            seq: 0,
            at: self.now(),
            actor: ctx.actor_name(),
            action: "assign".into(),
            from_state: Some(row.state.clone()),
            to_state: row.state.clone(),
            note: None,
            details: serde_json::json!({"from": before, "to": user.username}).to_string(),
        };
        let audit = ctx
            .audit(self.now(), "application.assign", AuditOutcome::Ok)
            .object("application", id.to_string())
            .person(PersonId::from_stored(row.person_id).to_string());
        self.store
            .save_case(&row, version, &event, &CaseChange::default(), audit)
            .await?;
        let row = self.store.get_application(id).await?;
        self.view(ctx, &row).await
    }
}
