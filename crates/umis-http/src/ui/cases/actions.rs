//! What an officer does on a case: workflow actions, assignment, check answers.

use super::*;

/// A workflow action from the case page.
#[derive(Debug, Default, Clone)]
pub(crate) struct ActForm {
    pub(super) csrf: String,
    pub(super) action: String,
    pub(super) version: String,
    pub(super) outcome: String,
    pub(super) ground: String,
    pub(super) reasoning: String,
    pub(super) note: String,
    pub(super) agencies: Vec<String>,
}

impl<'de> Deserialize<'de> for ActForm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let pairs: Vec<(String, String)> = Vec::deserialize(d)?;
        let mut f = ActForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "csrf" => f.csrf = v,
                "action" => f.action = v,
                "version" => f.version = v,
                "outcome" => f.outcome = v,
                "ground" => f.ground = v,
                "reasoning" => f.reasoning = v,
                "note" => f.note = v,
                "agency" => f.agencies.push(v),
                _ => {}
            }
        }
        Ok(f)
    }
}

/// An assignment from the case page.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct AssignForm {
    #[serde(default)]
    pub(super) csrf: String,
    #[serde(default)]
    pub(super) version: String,
    #[serde(default)]
    pub(super) officer: String,
}

/// An officer's record of a partner body's answer.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct AnswerForm {
    #[serde(default)]
    pub(super) csrf: String,
    #[serde(default)]
    pub(super) answer: String,
    #[serde(default)]
    pub(super) answer_text: String,
}

/// Takes a workflow action.
pub(crate) async fn act(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Protected { cu, form }: Protected<ActForm>,
) -> Result<Response, UiError> {
    let id = case_id(&id)?;
    let input = ActionInput {
        action: form.action.clone(),
        version: form.version.trim().parse().unwrap_or(-1),
        outcome: some(&form.outcome),
        ground: some(&form.ground),
        reasoning: some(&form.reasoning),
        note: some(&form.note),
        agencies: form.agencies.clone(),
    };
    match state.services.act_on_application(&cu.ctx, id, &input).await {
        Ok(_) => Ok(crate::ui::redirect::see_other(&after_write(id, &form.action)).into_response()),
        Err(e) => match refusal(&cu.tr, &e) {
            Some(msg) => case_page(&state, &cu, id, Some(msg)).await,
            None => Err(e.into()),
        },
    }
}

/// Assigns the case.
pub(crate) async fn assign(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Protected { cu, form }: Protected<AssignForm>,
) -> Result<Response, UiError> {
    let id = case_id(&id)?;
    let version = form.version.trim().parse().unwrap_or(-1);
    match state
        .services
        .assign_application(&cu.ctx, id, version, &form.officer)
        .await
    {
        Ok(_) => Ok(crate::ui::redirect::see_other(&after_write(id, "assigned")).into_response()),
        Err(e) => match refusal(&cu.tr, &e) {
            Some(msg) => case_page(&state, &cu, id, Some(msg)).await,
            None => Err(e.into()),
        },
    }
}

/// Records a partner body's answer given outside the API.
pub(crate) async fn answer(
    State(state): State<AppState>,
    Path((id, check)): Path<(String, String)>,
    Protected { cu, form }: Protected<AnswerForm>,
) -> Result<Response, UiError> {
    let (id, check) = (case_id(&id)?, case_id(&check)?);
    let case = state.services.application(&cu.ctx, id).await?;
    if !case.checks.iter().any(|c| c.check_id == check) {
        return Err(UiError::NotFound);
    }
    match state
        .services
        .answer_check(
            &cu.ctx,
            check,
            &form.answer,
            some(&form.answer_text).as_deref(),
        )
        .await
    {
        Ok(_) => Ok(crate::ui::redirect::see_other(&after_write(id, "answered")).into_response()),
        Err(e) => match refusal(&cu.tr, &e) {
            Some(msg) => case_page(&state, &cu, id, Some(msg)).await,
            None => Err(e.into()),
        },
    }
}
