//! Policy rules and the holiday calendar the legal clocks count on: the screen and its forms.

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
