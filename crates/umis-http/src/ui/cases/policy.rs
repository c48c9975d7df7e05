//! Policy rules and the holiday calendar the legal clocks count on.

use super::*;

#[derive(Template)]
#[template(path = "admin_policy.html")]
pub(super) struct PolicyTemplate {
    pub(super) page: Page,
    pub(super) rules: Vec<PolicyRuleRow>,
    pub(super) holidays: Vec<(String, String)>,
    /// Today, YYYY-MM-DD (which years are unfolded).
    pub(super) today: String,
    pub(super) form: PolicyForm,
    pub(super) error: Option<String>,
}

/// A policy rule as edited.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct PolicyForm {
    #[serde(default)]
    pub(super) csrf: String,
    #[serde(default)]
    pub(super) rule_id: String,
    #[serde(default)]
    pub(super) code: String,
    #[serde(default)]
    pub(super) params: String,
    #[serde(default)]
    pub(super) valid_from: String,
    #[serde(default)]
    pub(super) valid_to: String,
    #[serde(default)]
    pub(super) legal_ref: String,
    #[serde(default)]
    pub(super) status: String,
    /// The parameters as typed fields (`param_…`), and whatever else was posted.
    #[serde(flatten)]
    pub(super) fields: std::collections::BTreeMap<String, String>,
}

/// A holiday added or removed.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct HolidayForm {
    #[serde(default)]
    pub(super) csrf: String,
    #[serde(default)]
    pub(super) day: String,
    #[serde(default)]
    pub(super) name: String,
    #[serde(default)]
    pub(super) remove: String,
}

csrf_form!(PolicyForm, HolidayForm);

/// One year of the holiday calendar as shown.
pub(super) struct HolidayYear {
    pub(super) year: String,
    /// The current and the next year are shown unfolded.
    pub(super) open: bool,
    pub(super) days: Vec<HolidayRow>,
}

/// One holiday as shown: its day (for the form), the day in the reader's format, its name.
pub(super) struct HolidayRow {
    pub(super) day: String,
    pub(super) shown: String,
    pub(super) name: String,
}

impl PolicyTemplate {
    /// The form's parameters as typed fields.
    pub(super) fn param_fields(&self) -> Vec<super::policy_params::ParamField> {
        super::policy_params::fields(&self.page.tr, &self.form.params)
    }

    /// A rule's parameters as a sentence.
    pub(super) fn params_text(&self, params: &str) -> String {
        super::policy_params::text(&self.page.tr, params)
    }

    /// The units a deadline can be counted in.
    pub(super) fn units(&self) -> [&'static str; 3] {
        super::policy_params::UNITS
    }

    /// A rule's name in the reader's language (its code where it has none).
    pub(super) fn rule_name(&self, code: &str) -> String {
        self.page
            .tr
            .try_t(format!("policy-rule-{}", code.replace(['.', '_'], "-")))
            .unwrap_or_else(|| code.to_owned())
    }

    /// The codes of the rules kept, each once.
    pub(super) fn codes(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self.rules.iter().map(|r| r.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    /// The holidays by year; a fixed-date holiday seeded by UMIS is named in the reader's
    /// language, one an administrator added keeps the name they gave it.
    pub(super) fn holiday_years(&self) -> Vec<HolidayYear> {
        let tr = &self.page.tr;
        let this_year = self.today.get(..4).unwrap_or_default().to_owned();
        let next_year = this_year
            .parse::<i32>()
            .map(|y| (y + 1).to_string())
            .unwrap_or_default();
        let mut years: Vec<HolidayYear> = Vec::new();
        for (day, name) in &self.holidays {
            let year = day.get(..4).unwrap_or_default().to_owned();
            let fixed = crate::i18n::parse_day(day)
                .and_then(|d| umis_domain::calendar::fixed_holiday(d.month(), d.day()));
            let name = match fixed {
                Some((key, english)) if name == english || name == "public holiday" => {
                    tr.t(format!("holiday-{key}"))
                }
                _ => name.clone(),
            };
            let row = HolidayRow {
                day: day.clone(),
                shown: tr.date(day),
                name,
            };
            match years.last_mut() {
                Some(y) if y.year == year => y.days.push(row),
                _ => years.push(HolidayYear {
                    open: year == this_year || year == next_year,
                    year,
                    days: vec![row],
                }),
            }
        }
        years
    }
}

/// `?edit=` of the policy screen.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PolicyQuery {
    #[serde(default)]
    pub(super) edit: Option<i64>,
    /// A new version of the rule with this code, starting from the latest one's values.
    #[serde(default)]
    pub(super) new: Option<String>,
}

pub(super) async fn policy_page(
    state: &AppState,
    cu: &CurrentUser,
    form: PolicyForm,
    error: Option<String>,
) -> Result<Response, UiError> {
    let rules = state.services.list_policy_rules(&cu.ctx).await?;
    let holidays = state.services.list_holidays(&cu.ctx).await?;
    let failed = error.is_some();
    let mut res = render(&PolicyTemplate {
        page: Page::for_user(cu, "policy", "nav-policy", "/admin/policy"),
        rules,
        holidays,
        today: state.services.local_today().to_string(),
        form,
        error,
    })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// The policy rules and holiday calendar.
pub(crate) async fn policy(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<PolicyQuery>,
) -> Result<Response, UiError> {
    let mut form = PolicyForm {
        status: "uncertain".into(),
        ..Default::default()
    };
    if let Some(code) = q.new.as_deref() {
        let rules = state.services.list_policy_rules(&cu.ctx).await?;
        let latest = rules
            .into_iter()
            .filter(|r| r.code == code)
            .max_by(|a, b| a.valid_from.cmp(&b.valid_from))
            .ok_or(UiError::NotFound)?;
        form = PolicyForm {
            code: latest.code,
            params: latest.params,
            legal_ref: latest.legal_ref,
            status: "uncertain".into(),
            ..Default::default()
        };
    }
    if let Some(id) = q.edit {
        let rules = state.services.list_policy_rules(&cu.ctx).await?;
        let r = rules
            .into_iter()
            .find(|r| r.rule_id == id)
            .ok_or(UiError::NotFound)?;
        form = PolicyForm {
            csrf: String::new(),
            rule_id: r.rule_id.to_string(),
            code: r.code,
            params: r.params,
            valid_from: r.valid_from,
            valid_to: r.valid_to.unwrap_or_default(),
            legal_ref: r.legal_ref,
            status: r.status,
            fields: Default::default(),
        };
    }
    policy_page(&state, &cu, form, None).await
}

/// Saves a policy rule.
pub(crate) async fn save_policy(
    State(state): State<AppState>,
    Protected { cu, form }: Protected<PolicyForm>,
) -> Result<Response, UiError> {
    let params = match super::policy_params::from_form(&cu.tr, &form.fields) {
        Some(Ok(p)) => p,
        Some(Err(label)) => {
            let msg = cu.tr.t1("policy-error-param", "param", label);
            return policy_page(&state, &cu, form, Some(msg)).await;
        }
        None => form.params.clone(),
    };
    let mut form = form;
    form.params.clone_from(&params);
    let input = PolicyRuleInput {
        rule_id: form.rule_id.trim().parse().ok(),
        code: form.code.clone(),
        params,
        valid_from: form.valid_from.clone(),
        valid_to: some(&form.valid_to),
        legal_ref: form.legal_ref.clone(),
        status: form.status.clone(),
    };
    match state.services.save_policy_rule(&cu.ctx, &input).await {
        Ok(_) => Ok(crate::ui::redirect::see_other("/admin/policy").into_response()),
        Err(ServiceError::Validation { field, .. }) => {
            // Told in the reader's language, by the field at fault.
            let msg = cu
                .tr
                .try_t(format!("policy-error-{}", field.replace('_', "-")))
                .unwrap_or_else(|| cu.tr.t("policy-error-invalid"));
            policy_page(&state, &cu, form, Some(msg)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Adds or removes a holiday.
pub(crate) async fn save_holiday(
    State(state): State<AppState>,
    Protected { cu, form }: Protected<HolidayForm>,
) -> Result<Response, UiError> {
    let name = if form.remove.is_empty() {
        Some(form.name.trim().to_owned()).filter(|s| !s.is_empty())
    } else {
        None
    };
    if form.remove.is_empty() && name.is_none() {
        let msg = cu.tr.t("policy-error-holiday");
        return policy_page(&state, &cu, PolicyForm::default(), Some(msg)).await;
    }
    match state
        .services
        .set_holiday(&cu.ctx, &form.day, name.as_deref())
        .await
    {
        Ok(()) => Ok(crate::ui::redirect::see_other("/admin/policy#holidays").into_response()),
        Err(ServiceError::Validation { message, .. }) => {
            policy_page(&state, &cu, PolicyForm::default(), Some(message)).await
        }
        Err(e) => Err(e.into()),
    }
}
