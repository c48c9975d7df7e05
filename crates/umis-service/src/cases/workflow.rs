//! Workflow actions on a case (through the domain engine) and the permit a decision issues.

use super::*;

impl Services {
    /// Takes a workflow action on a case. The action must be allowed in the case's state for
    /// the caller's role, its preconditions must hold, and `version` must be the case's
    /// current version: otherwise nothing changes.
    pub async fn act_on_application(
        &self,
        ctx: &Ctx,
        id: i64,
        input: &ActionInput,
    ) -> Result<CaseView, ServiceError> {
        self.authorize(ctx, Permission::WriteApplications, "application.act")
            .await?;
        let who = who_of(ctx)?;
        let kind: ActionKind =
            input
                .action
                .trim()
                .parse()
                .map_err(|e: umis_domain::UnknownValue| {
                    invalid("action", "unknown_action", e.to_string())
                })?;
        let mut row = self.scoped_case(ctx, id).await?;
        if input.version != row.version {
            return Err(StoreError::Conflict(umis_store::STALE.into()).into());
        }
        let (app_type, case) = self.domain_case(&row).await?;
        let spec = app_type.spec();
        let today = self.local_today();
        let now = self.now();
        let note = text("note", &input.note, 2000)?;
        let needs_note = matches!(
            kind,
            ActionKind::RequestInfo
                | ActionKind::Withdraw
                | ActionKind::ReturnForReview
                | ActionKind::LodgeAppeal
                | ActionKind::UpholdDecision
                | ActionKind::OverturnDecision
        );
        // Workflow first (state and role), then the payload: the clearest error wins.
        cases::check(&case, &who, kind).map_err(workflow_error)?;
        if needs_note && note.is_none() {
            return Err(invalid(
                "note",
                "required",
                format!("'{}' needs a reason in the note", kind.as_str()),
            ));
        }
        let mut change = CaseChange::default();
        let action = match kind {
            ActionKind::Propose => {
                let outcome: Outcome = input
                    .outcome
                    .as_deref()
                    .unwrap_or("")
                    .trim()
                    .parse()
                    .map_err(|e: umis_domain::UnknownValue| {
                        invalid("outcome", "unknown_outcome", e.to_string())
                    })?;
                let ground = input
                    .ground
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| {
                        invalid(
                            "ground",
                            "ground_required",
                            "a proposal names its legal ground (a refusal without a ground is \
                             impossible, R25)",
                        )
                    })?;
                let reasoning = text("reasoning", &input.reasoning, 8000)?.ok_or_else(|| {
                    invalid("reasoning", "required", "a proposal needs its reasoning")
                })?;
                row.reasoning = Some(reasoning);
                Action::Propose {
                    outcome,
                    ground: ground.to_owned(),
                }
            }
            ActionKind::RequestChecks => {
                let agencies: Vec<String> = if input.agencies.is_empty() {
                    spec.checks.iter().map(|s| (*s).to_owned()).collect()
                } else {
                    input.agencies.iter().map(|a| a.trim().to_owned()).collect()
                };
                let policies = self.case_policies().await?;
                let cal = self.holiday_calendar().await?;
                let due = policies
                    .clock("check.deadline", today)
                    .map(|r| cases::deadline(r, today, &[], &cal))
                    .unwrap_or(today);
                for a in &agencies {
                    if !cases::AGENCIES.contains(&a.as_str()) {
                        return Err(invalid(
                            "agencies",
                            "unknown_agency",
                            format!(
                                "unknown partner body '{a}' (known: {})",
                                cases::AGENCIES.join(", ")
                            ),
                        ));
                    }
                    if change.new_checks.iter().any(|c| &c.agency == a) {
                        continue;
                    }
                    change.new_checks.push(CheckRow {
                        check_id: 0,
                        application_id: id,
                        agency: a.clone(),
                        question: format!(
                            "{} {}: {}",
                            spec.code,
                            row.number,
                            note.clone()
                                .unwrap_or_else(|| "any objection or record?".into())
                        ),
                        status: "pending".into(),
                        requested_at: now,
                        requested_by: ctx.actor_name(),
                        due_on: due.to_string(),
                        answer: None,
                        answer_text: None,
                        answered_at: None,
                        answered_by: None,
                    });
                }
                Action::RequestChecks {
                    n: u32::try_from(change.new_checks.len()).unwrap_or(0),
                }
            }
            other => Action::Plain(other),
        };
        let next = cases::apply(&case, &who, &action).map_err(workflow_error)?;
        let from_state = row.state.clone();
        row.state = next.state.as_str().into();
        row.is_open = next.state.is_open();
        row.outcome = next.outcome.map(|o| o.as_str().to_owned());
        row.ground = next.ground.clone();
        row.preparers = next.preparers.join(",");
        row.proposed_by = next.proposed_by.clone();
        row.decided_by = next.decided_by.clone();
        row.appeals = i64::from(next.appeals);
        row.appealed_decider = next.appealed_decider.clone();
        row.updated_at = now;
        let mut pauses = json_pauses(&row.pauses);
        let mut clock_start = row.registered_on.as_deref().and_then(parse_day);
        match kind {
            ActionKind::Submit => row.filed_on = Some(today.to_string()),
            ActionKind::Register => {
                row.registered_on = Some(today.to_string());
                clock_start = Some(today);
            }
            ActionKind::RequestInfo => row.paused_since = Some(today.to_string()),
            ActionKind::InfoReceived => {
                if let Some(since) = row.paused_since.take().as_deref().and_then(parse_day)
                    && let Some(last) = today.checked_sub(Duration::days(1))
                    && last >= since
                {
                    pauses.push(Pause {
                        from: since,
                        to: last,
                    });
                }
                if clock_start.is_none() {
                    // Information asked for before registration: the clock starts now.
                    row.registered_on = Some(today.to_string());
                    clock_start = Some(today);
                }
            }
            ActionKind::StartReview if row.assigned_to.is_none() => {
                if let Who::Officer { name, .. } = &who {
                    row.assigned_to = Some(name.clone());
                }
            }
            ActionKind::ReturnForReview | ActionKind::OverturnDecision => {
                row.reasoning = None;
                row.decided_on = None;
                if kind == ActionKind::OverturnDecision {
                    // The new decision has its own full period from the appeal's outcome.
                    row.registered_on = Some(today.to_string());
                    clock_start = Some(today);
                    pauses.clear();
                }
            }
            ActionKind::Decide | ActionKind::UpholdDecision => {
                row.decided_on = Some(today.to_string())
            }
            ActionKind::Issue => {
                let permit = self.permit_for(&row, app_type, today, now).await?;
                row.permit_number = Some(permit.number.clone());
                change.permit = Some(permit);
            }
            _ => {}
        }
        row.pauses = pauses_json(&pauses);
        row.deadline = match (next.state.clock_runs(), clock_start) {
            (true, Some(start)) => {
                let policies = self.case_policies().await?;
                let cal = self.holiday_calendar().await?;
                let fee_tier = serde_json::from_str::<serde_json::Value>(&row.fields)
                    .ok()
                    .and_then(|f| {
                        f.get("fee_tier")
                            .and_then(|v| v.as_str())
                            .map(str::to_owned)
                    });
                let code = spec.deadline_rule_for(fee_tier.as_deref());
                let rule = policies.clock(&code, start).ok_or_else(|| {
                    ServiceError::Internal(format!("no policy rule '{code}' in force on {start}"))
                })?;
                Some(cases::deadline(rule, start, &pauses, &cal).to_string())
            }
            _ => None,
        };
        row.queue_due = row.deadline.clone().unwrap_or_else(|| FAR_FUTURE.into());
        let event = CaseEvent {
            application_id: id,
            seq: 0,
            at: now,
            actor: ctx.actor_name(),
            action: kind.as_str().into(),
            from_state: Some(from_state),
            to_state: row.state.clone(),
            note: note.clone(),
            details: serde_json::json!({
                "outcome": row.outcome.clone().filter(|_| kind == ActionKind::Propose),
                "ground": row.ground.clone().filter(|_| kind == ActionKind::Propose),
                "agencies": change.new_checks.iter().map(|c| c.agency.clone()).collect::<Vec<_>>(),
                "permit": row.permit_number.clone().filter(|_| kind == ActionKind::Issue),
                "deadline": row.deadline,
            })
            .to_string(),
        };
        let audit = ctx
            .audit(
                now,
                &format!("application.{}", kind.as_str()),
                AuditOutcome::Ok,
            )
            .object("application", id.to_string())
            .person(PersonId::from_stored(row.person_id).to_string());
        self.store
            .save_case(&row, input.version, &event, &change, audit)
            .await?;
        if change.permit.is_some() {
            self.refresh_stays(&[row.person_id]).await?;
        }
        let row = self.store.get_application(id).await?;
        self.view(ctx, &row).await
    }

    /// The permit an approval issues: its number, validity from the rules and conditions.
    pub(super) async fn permit_for(
        &self,
        row: &ApplicationRow,
        app_type: AppType,
        today: Date,
        now: i64,
    ) -> Result<PermitRecord, ServiceError> {
        let spec = app_type.spec();
        let policies = self.case_policies().await?;
        let fields: serde_json::Value = serde_json::from_str(&row.fields).unwrap_or_default();
        let int = |k: &str| fields.get(k).and_then(serde_json::Value::as_i64);
        let rule = policies.get(spec.validity_rule, today);
        let rule_int = |k: &str| rule.and_then(|r| r.int(k));
        let mut from = today;
        let to = match app_type {
            AppType::StayExtension => {
                // The extension continues the current lawful stay.
                let stay = self
                    .stay_view(
                        &Ctx::system("permit"),
                        &PersonId::from_stored(row.person_id).to_string(),
                        None,
                        false,
                    )
                    .await?;
                if let Some(until) = stay.lawful_until.as_deref().and_then(parse_day)
                    && until >= today
                {
                    from = until.checked_add(Duration::days(1)).unwrap_or(until);
                }
                let days = int("requested_days")
                    .unwrap_or(30)
                    .min(rule_int("max_days").unwrap_or(90));
                from.checked_add(Duration::days(days - 1))
            }
            AppType::TemporaryResidence | AppType::WorkPermit => {
                let months = int("requested_months")
                    .unwrap_or(12)
                    .min(rule_int("max_months").unwrap_or(12));
                let end = cases::shift_months(from, months)
                    .and_then(|d| d.checked_sub(Duration::days(1)));
                // A work permit never outlasts the employment contract.
                let contract = fields
                    .get("contract_until")
                    .and_then(|v| v.as_str())
                    .and_then(parse_day);
                match (end, contract) {
                    (Some(e), Some(c)) => Some(e.min(c)),
                    (e, _) => e,
                }
            }
            _ => match rule_int("years") {
                Some(y) => {
                    cases::shift_months(from, y * 12).and_then(|d| d.checked_sub(Duration::days(1)))
                }
                None => parse_day(FAR_FUTURE),
            },
        }
        .ok_or_else(|| ServiceError::Internal("permit validity out of range".into()))?;
        let conditions = match app_type {
            AppType::WorkPermit => Some(format!(
                "employer: {} ({}); position: {}",
                fields
                    .get("employer_name")
                    .and_then(|v| v.as_str())
                    .unwrap_or(""),
                fields
                    .get("employer_tax_id")
                    .and_then(|v| v.as_str())
                    .unwrap_or(""),
                fields
                    .get("position")
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
            )),
            AppType::TemporaryResidence => fields
                .get("ground")
                .and_then(|v| v.as_str())
                .map(|g| format!("ground: {g}")),
            _ => None,
        };
        Ok(PermitRecord {
            person_id: row.person_id,
            permit_id: 0,
            kind: spec.permit_kind.into(),
            number: format!("{}{}{:07}", spec.prefix, today.year(), row.application_id),
            valid_from: from.to_string(),
            valid_to: to.to_string(),
            status: "valid".into(),
            created_at: now,
            application_id: Some(row.application_id),
            conditions,
        })
    }
}
