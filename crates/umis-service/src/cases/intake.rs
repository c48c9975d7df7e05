//! Filing an application: the type's form fields, eligibility checks and filing-window warnings.

use super::*;

impl Services {
    /// Files (or drafts) an application: the type's fields, eligibility (residence on record,
    /// passport validity, work-permit quota) and documents are checked; a late filing is
    /// accepted with a warning.
    pub async fn submit_application(
        &self,
        ctx: &Ctx,
        input: &ApplicationInput,
    ) -> Result<CaseView, ServiceError> {
        self.authorize(ctx, Permission::WriteApplications, "application.submit")
            .await?;
        let who = who_of(ctx)?;
        let app_type: AppType =
            input
                .app_type
                .trim()
                .parse()
                .map_err(|e: umis_domain::UnknownValue| {
                    invalid("app_type", "unknown_type", e.to_string())
                })?;
        let spec = app_type.spec();
        let person_id = self.resolve_person(&input.person_id).await?;
        let fields = spec
            .validate_fields(&input.fields)
            .map_err(|e| ServiceError::Validation {
                field: "fields",
                message: e.to_string(),
                code: e.code,
            })?;
        let mut documents = Vec::new();
        for d in &input.documents {
            let d = d.trim();
            if !spec.documents.contains(&d) {
                return Err(invalid(
                    "documents",
                    "unknown_document",
                    format!(
                        "'{d}' is not on the {} checklist ({})",
                        spec.code,
                        spec.documents.join(", ")
                    ),
                ));
            }
            if !documents.iter().any(|x| x == d) {
                documents.push(d.to_owned());
            }
        }
        let lang = match input
            .lang
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => "az".to_owned(),
            Some(l @ ("az" | "ru" | "en")) => l.to_owned(),
            Some(other) => {
                return Err(invalid(
                    "lang",
                    "unknown_lang",
                    format!("lang must be az, ru or en (got '{other}')"),
                ));
            }
        };
        let today = self.local_today();
        let policies = self.case_policies().await?;
        let warnings = self
            .eligibility(app_type, person_id, &fields, today, &policies)
            .await?;
        let office = match &ctx.actor {
            Actor::User(u) => u.office_code.clone(),
            _ => "HQ".into(),
        };
        let mut case = Case::new(app_type);
        let mut state = State::Draft;
        if !input.draft {
            case = cases::apply(&case, &who, &Action::Plain(ActionKind::Submit))
                .map_err(workflow_error)?;
            state = case.state;
        }
        let now = self.now();
        let row = ApplicationRow {
            application_id: 0,
            number: String::new(),
            app_type: spec.code.into(),
            person_id,
            office_code: office,
            state: state.as_str().into(),
            is_open: state.is_open(),
            outcome: None,
            ground: None,
            reasoning: None,
            fields: serde_json::Value::Object(fields).to_string(),
            documents: serde_json::to_string(&documents).unwrap_or_else(|_| "[]".into()),
            warnings: serde_json::to_string(&warnings).unwrap_or_else(|_| "[]".into()),
            lang,
            filed_on: (state == State::Submitted).then(|| today.to_string()),
            registered_on: None,
            deadline: None,
            queue_due: FAR_FUTURE.into(),
            pauses: "[]".into(),
            paused_since: None,
            assigned_to: None,
            preparers: String::new(),
            proposed_by: None,
            decided_by: None,
            decided_on: None,
            appeals: 0,
            appealed_decider: None,
            permit_number: None,
            version: 1,
            created_at: now,
            created_by: ctx.actor_name(),
            updated_at: now,
        };
        let event = CaseEvent {
            application_id: 0,
            seq: 0,
            at: now,
            actor: ctx.actor_name(),
            action: if input.draft { "create" } else { "submit" }.into(),
            from_state: None,
            to_state: state.as_str().into(),
            note: None,
            details: serde_json::json!({"warnings": warnings}).to_string(),
        };
        let pid = PersonId::from_stored(person_id).to_string();
        let prefix = format!("{}-{}", spec.prefix, today.year());
        let (id, _) = self
            .store
            .create_application(&row, &prefix, &event, |id, number| {
                ctx.audit(now, "application.submit", AuditOutcome::Ok)
                    .object("application", id.to_string())
                    .person(pid.clone())
                    .detail("number", number.to_owned())
            })
            .await?;
        let row = self.store.get_application(id).await?;
        self.view(ctx, &row).await
    }

    /// The intake checks of an application: hard eligibility errors, and the warnings of a
    /// late filing.
    pub(super) async fn eligibility(
        &self,
        app_type: AppType,
        person_id: i64,
        fields: &serde_json::Map<String, serde_json::Value>,
        today: Date,
        policies: &CasePolicies,
    ) -> Result<Vec<String>, ServiceError> {
        let mut warnings = Vec::new();
        let permits = self.store.permit_records(person_id).await?;
        let live = |kind: &'static str| -> Vec<(Date, Date)> {
            permits
                .iter()
                .filter(|p| p.kind == kind && p.status != "revoked")
                .filter_map(|p| Some((parse_day(&p.valid_from)?, parse_day(&p.valid_to)?)))
                .collect()
        };
        let int = |k: &str| fields.get(k).and_then(serde_json::Value::as_i64);
        let rule_int = |code: &str, key: &str| policies.get(code, today).and_then(|r| r.int(key));
        // The end of what is applied for, for the passport-validity rule (R10).
        let requested_end = match app_type {
            AppType::TemporaryResidence | AppType::WorkPermit => {
                int("requested_months").and_then(|m| cases::shift_months(today, m))
            }
            AppType::PermanentResidence => rule_int("validity.permanent_residence", "years")
                .and_then(|y| cases::shift_months(today, y * 12)),
            _ => None,
        };
        if let Some(end) = requested_end {
            let months = rule_int("eligibility.passport_months_beyond", "months").unwrap_or(3);
            let needed = cases::shift_months(end, months).unwrap_or(end);
            let person = self
                .store
                .find_person(person_id)
                .await?
                .ok_or(ServiceError::NotFound)?;
            let best = person
                .documents
                .iter()
                .filter(|d| d.status == "valid")
                .filter_map(|d| d.expiry_date.as_deref().and_then(parse_day))
                .max();
            match best {
                Some(exp) if exp > needed => {}
                Some(exp) => {
                    return Err(invalid(
                        "person_id",
                        "passport_validity",
                        format!(
                            "the passport expires on {exp}: it must be valid beyond {needed} \
                             ({months} months after the requested permit ends, R10)"
                        ),
                    ));
                }
                None => {
                    return Err(invalid(
                        "person_id",
                        "no_valid_passport",
                        "no valid identity document with an expiry date is on record",
                    ));
                }
            }
        }
        match app_type {
            AppType::PermanentResidence => {
                let years = rule_int("eligibility.prp_trp_years", "years").unwrap_or(2);
                let days: i64 = live("trp")
                    .into_iter()
                    .map(|(a, b)| (b.min(today) - a).whole_days() + 1)
                    .filter(|d| *d > 0)
                    .sum();
                if days < years * 365 {
                    return Err(invalid(
                        "person_id",
                        "insufficient_residence",
                        format!(
                            "{days} days of lawful temporary residence are on record; a permanent \
                             residence permit needs {years} years (R12)"
                        ),
                    ));
                }
            }
            AppType::Citizenship
                if fields.get("kind").and_then(|v| v.as_str()) == Some("naturalisation") =>
            {
                let years = rule_int("eligibility.citizenship_prp_years", "years").unwrap_or(5);
                let since = live("prp").into_iter().map(|(a, _)| a).min();
                let needed = cases::shift_months(today, -years * 12).unwrap_or(today);
                if since.is_none_or(|s| s > needed) {
                    return Err(invalid(
                        "person_id",
                        "insufficient_residence",
                        format!(
                            "naturalisation needs {years} years of permanent residence counted \
                             from the permit's date (R13)"
                        ),
                    ));
                }
            }
            AppType::WorkPermit => {
                let quota = rule_int("quota.work_permit", "per_year").unwrap_or(i64::MAX);
                let used = self
                    .store
                    .count_permits_in_year("work_permit", today.year())
                    .await?;
                if used >= quota {
                    return Err(invalid(
                        "app_type",
                        "quota_exhausted",
                        format!(
                            "the annual work-permit quota of {quota} for {} is used up (R17)",
                            today.year()
                        ),
                    ));
                }
                if let Some(until) = fields
                    .get("contract_until")
                    .and_then(|v| v.as_str())
                    .and_then(parse_day)
                    && until <= today
                {
                    return Err(invalid(
                        "fields",
                        "contract_ended",
                        "the employment contract has already ended",
                    ));
                }
            }
            _ => {}
        }
        // The applicant-side window (R3, R7, R12): a warning, not a refusal.
        if let Some(window) = app_type
            .spec()
            .window_rule
            .and_then(|code| policies.get(code, today))
        {
            let ends = match app_type {
                AppType::PermanentResidence => live("trp").into_iter().map(|(_, b)| b).max(),
                _ => {
                    // An internal computation for the intake check, not a disclosure.
                    let stay = self
                        .stay_view(
                            &Ctx::system("intake"),
                            &PersonId::from_stored(person_id).to_string(),
                            None,
                            false,
                        )
                        .await?;
                    let lawful = stay.lawful_until.as_deref().and_then(parse_day);
                    lawful.max(live("trp").into_iter().map(|(_, b)| b).max())
                }
            };
            if let Some(ends) = ends
                && let Some(last) = cases::late_filing(window, today, ends)
            {
                warnings.push(format!(
                    "late_filing: the stay or permit ends on {ends}; the last timely filing day \
                     was {last} ({})",
                    window.legal_ref
                ));
            }
        }
        Ok(warnings)
    }
}
