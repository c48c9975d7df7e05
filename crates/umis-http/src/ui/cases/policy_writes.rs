//! Saving a policy rule and adding or removing a holiday.

use super::*;

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
