//! The policy rules and holiday calendar the legal clocks are counted on: read, cached and changed.

use super::*;

/// How long policy rules and the holiday calendar are kept in memory before they are read
/// again (a change made through this process takes effect at once).
pub(super) const RULES_TTL: std::time::Duration = std::time::Duration::from_secs(30);

/// The policy rules and calendar last read, with when they were read.
#[derive(Default, Clone)]
pub(crate) struct RulesCache {
    loaded: Arc<std::sync::Mutex<Option<(std::time::Instant, CasePolicies, WorkCalendar)>>>,
    /// Held while the rules are read (and seeded on first use), so concurrent first requests
    /// seed once.
    loading: Arc<tokio::sync::Mutex<()>>,
}

impl Services {
    /// The case policy rules in force (seeded with the defaults on first use).
    pub async fn case_policies(&self) -> Result<CasePolicies, ServiceError> {
        Ok(self.case_rules().await?.0)
    }

    /// The working-day calendar (seeded with Azerbaijan's fixed holidays on first use).
    pub async fn holiday_calendar(&self) -> Result<WorkCalendar, ServiceError> {
        Ok(self.case_rules().await?.1)
    }

    pub(super) fn forget_case_rules(&self) {
        if let Ok(mut c) = self.case_rules.loaded.lock() {
            *c = None;
        }
    }

    pub(super) fn cached_case_rules(&self) -> Option<(CasePolicies, WorkCalendar)> {
        let c = self.case_rules.loaded.lock().ok()?;
        let (at, p, cal) = c.as_ref()?;
        (at.elapsed() < RULES_TTL).then(|| (p.clone(), cal.clone()))
    }

    pub(super) async fn case_rules(&self) -> Result<(CasePolicies, WorkCalendar), ServiceError> {
        if let Some(hit) = self.cached_case_rules() {
            return Ok(hit);
        }
        let _loading = self.case_rules.loading.lock().await;
        if let Some(hit) = self.cached_case_rules() {
            return Ok(hit);
        }
        let p = self.load_case_policies().await?;
        let cal = self.load_holiday_calendar().await?;
        if let Ok(mut c) = self.case_rules.loaded.lock() {
            *c = Some((std::time::Instant::now(), p.clone(), cal.clone()));
        }
        Ok((p, cal))
    }

    pub(super) async fn load_case_policies(&self) -> Result<CasePolicies, ServiceError> {
        let mut rows = self.store.policy_rules().await?;
        let defaults = cases::default_rules();
        if defaults
            .iter()
            .any(|d| !rows.iter().any(|r| r.code == d.code))
        {
            let seed: Vec<PolicyRuleRow> = defaults
                .into_iter()
                .map(|r| PolicyRuleRow {
                    rule_id: 0,
                    code: r.code,
                    params: r.params.to_string(),
                    valid_from: r.valid_from.to_string(),
                    valid_to: r.valid_to.map(|d| d.to_string()),
                    legal_ref: r.legal_ref,
                    status: r.status.as_str().into(),
                    updated_at: self.now(),
                    updated_by: "system".into(),
                })
                .collect();
            self.store.seed_policy_rules(&seed).await?;
            rows = self.store.policy_rules().await?;
        }
        Ok(CasePolicies {
            rules: rows
                .iter()
                .filter_map(|r| {
                    Some(PolicyRule {
                        code: r.code.clone(),
                        params: serde_json::from_str(&r.params).ok()?,
                        valid_from: parse_day(&r.valid_from)?,
                        valid_to: r.valid_to.as_deref().and_then(parse_day),
                        legal_ref: r.legal_ref.clone(),
                        status: if r.status == "sourced" {
                            PolicyStatus::Sourced
                        } else {
                            PolicyStatus::Uncertain
                        },
                    })
                })
                .collect(),
        })
    }

    pub(super) async fn load_holiday_calendar(&self) -> Result<WorkCalendar, ServiceError> {
        let mut days = self.store.holidays().await?;
        if days.is_empty() {
            let seed: Vec<(String, String)> = WorkCalendar::azerbaijan(2020, 2035)
                .holidays
                .iter()
                .map(|d| {
                    let name = umis_domain::calendar::fixed_holiday(d.month(), d.day())
                        .map_or("public holiday", |(_, name)| name);
                    (d.to_string(), name.to_owned())
                })
                .collect();
            self.store.seed_holidays(&seed).await?;
            days = self.store.holidays().await?;
        }
        Ok(WorkCalendar {
            holidays: days.iter().filter_map(|(d, _)| parse_day(d)).collect(),
        })
    }

    /// The policy rules, for the admin screen.
    pub async fn list_policy_rules(&self, ctx: &Ctx) -> Result<Vec<PolicyRuleRow>, ServiceError> {
        self.authorize(ctx, Permission::ManagePolicy, "policy.list")
            .await?;
        self.case_policies().await?;
        Ok(self.store.policy_rules().await?)
    }

    /// Adds or changes a policy rule (audited with the old and new values).
    pub async fn save_policy_rule(
        &self,
        ctx: &Ctx,
        input: &PolicyRuleInput,
    ) -> Result<i64, ServiceError> {
        self.authorize(ctx, Permission::ManagePolicy, "policy.save")
            .await?;
        let code = input.code.trim();
        if code.is_empty()
            || code.len() > 80
            || !code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_'))
        {
            return Err(invalid(
                "code",
                "invalid_code",
                "code is lower-case letters, digits, '.' and '_'",
            ));
        }
        let params: serde_json::Value = serde_json::from_str(input.params.trim())
            .map_err(|e| invalid("params", "invalid_json", format!("params: {e}")))?;
        if !params.is_object() {
            return Err(invalid(
                "params",
                "invalid_json",
                "params must be a JSON object",
            ));
        }
        let from = parse_day(&input.valid_from)
            .ok_or_else(|| invalid("valid_from", "invalid_date", "valid_from: YYYY-MM-DD"))?;
        let to = match input
            .valid_to
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => Some(parse_day(s).filter(|d| *d >= from).ok_or_else(|| {
                invalid(
                    "valid_to",
                    "invalid_date",
                    "valid_to: YYYY-MM-DD, not before valid_from",
                )
            })?),
        };
        if code.starts_with("deadline.") || code == "check.deadline" {
            let probe = PolicyRule {
                code: code.into(),
                params: params.clone(),
                valid_from: from,
                valid_to: to,
                legal_ref: String::new(),
                status: PolicyStatus::Uncertain,
            };
            if cases::ClockRule::from_rule(&probe).is_none() {
                return Err(invalid(
                    "params",
                    "invalid_clock",
                    "a deadline rule is {\"unit\": \"working_days\"|\"calendar_days\"|\"months\", \"n\": N}",
                ));
            }
        }
        let status = input.status.trim();
        if !matches!(status, "sourced" | "uncertain") {
            return Err(invalid(
                "status",
                "unknown_status",
                "status is sourced or uncertain",
            ));
        }
        let legal_ref = text("legal_ref", &Some(input.legal_ref.clone()), 300)?
            .ok_or_else(|| invalid("legal_ref", "required", "a legal reference is required"))?;
        let old = match input.rule_id {
            Some(id) => Some(
                self.store
                    .policy_rules()
                    .await?
                    .into_iter()
                    .find(|r| r.rule_id == id)
                    .ok_or(ServiceError::NotFound)?,
            ),
            None => None,
        };
        if let Some(o) = &old
            && o.code != code
        {
            return Err(invalid(
                "code",
                "immutable",
                "a rule's code cannot change; add a new rule",
            ));
        }
        let row = PolicyRuleRow {
            rule_id: input.rule_id.unwrap_or(0),
            code: code.into(),
            params: params.to_string(),
            valid_from: from.to_string(),
            valid_to: to.map(|d| d.to_string()),
            legal_ref,
            status: status.into(),
            updated_at: self.now(),
            updated_by: ctx.actor_name(),
        };
        let audit = ctx
            .audit(self.now(), "policy.save", AuditOutcome::Ok)
            .object("policy_rule", code.to_owned())
            .detail(
                "old",
                old.map(|o| serde_json::json!({"params": o.params, "valid_from": o.valid_from, "valid_to": o.valid_to, "status": o.status}))
                    .unwrap_or(serde_json::Value::Null),
            )
            .detail("new", serde_json::json!({"params": row.params, "valid_from": row.valid_from, "valid_to": row.valid_to, "status": row.status}));
        let id = self.store.save_policy_rule(&row, audit).await?;
        self.forget_case_rules();
        Ok(id)
    }

    /// The holiday calendar.
    pub async fn list_holidays(&self, ctx: &Ctx) -> Result<Vec<(String, String)>, ServiceError> {
        self.authorize(ctx, Permission::ManagePolicy, "holiday.list")
            .await?;
        self.holiday_calendar().await?;
        Ok(self.store.holidays().await?)
    }

    /// Adds a holiday (with a name) or removes one (no name).
    pub async fn set_holiday(
        &self,
        ctx: &Ctx,
        day: &str,
        name: Option<&str>,
    ) -> Result<(), ServiceError> {
        self.authorize(ctx, Permission::ManagePolicy, "holiday.set")
            .await?;
        let d = parse_day(day)
            .ok_or_else(|| invalid("day", "invalid_date", "day must be a date YYYY-MM-DD"))?;
        let name = text("name", &name.map(str::to_owned), 120)?;
        self.holiday_calendar().await?;
        let audit = ctx
            .audit(self.now(), "holiday.set", AuditOutcome::Ok)
            .object("holiday", d.to_string())
            .detail(
                "name",
                name.clone()
                    .map(serde_json::Value::from)
                    .unwrap_or_default(),
            );
        self.store
            .set_holiday(&d.to_string(), name.as_deref(), audit)
            .await?;
        self.forget_case_rules();
        Ok(())
    }
}
