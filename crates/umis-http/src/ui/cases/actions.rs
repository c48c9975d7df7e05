//! What an officer does on a case: workflow actions, assignment, check answers, attachments.

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

/// Uploads a scanned document (multipart: `csrf`, `doc_kind`, `file`).
pub(crate) async fn upload(
    State(state): State<AppState>,
    Path(id): Path<String>,
    cu: CurrentUser,
    headers: axum::http::HeaderMap,
    mut multipart: Multipart,
) -> Result<Response, UiError> {
    let id = case_id(&id)?;
    let (mut csrf, mut kind, mut name, mut bytes) =
        (String::new(), String::new(), String::new(), None);
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(UiError::TooLarge),
            Err(_) => return Err(UiError::BadRequest("error-bad-request")),
        };
        match field.name().unwrap_or_default() {
            "csrf" => csrf = field.text().await.unwrap_or_default(),
            "doc_kind" => kind = field.text().await.unwrap_or_default(),
            "file" => {
                name = field.file_name().unwrap_or("document").to_owned();
                match field.bytes().await {
                    Ok(b) => bytes = Some(b.to_vec()),
                    Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                        return Err(UiError::TooLarge);
                    }
                    Err(_) => return Err(UiError::BadRequest("error-bad-request")),
                }
            }
            _ => {}
        }
    }
    check_csrf(&state.services, &cu.ctx, &cu.csrf, &csrf, &headers).await?;
    let Some(bytes) = bytes else {
        return case_page(&state, &cu, id, Some(cu.tr.t("case-error-empty-file"))).await;
    };
    match state
        .services
        .add_attachment(&cu.ctx, id, &kind, &name, bytes)
        .await
    {
        Ok(_) => Ok(crate::ui::redirect::see_other(&format!("/cases/{id}")).into_response()),
        Err(e) => match refusal(&cu.tr, &e) {
            Some(msg) => case_page(&state, &cu, id, Some(msg)).await,
            None => Err(e.into()),
        },
    }
}

/// Downloads an attachment.
pub(crate) async fn download(
    State(state): State<AppState>,
    cu: CurrentUser,
    Path((id, att)): Path<(String, String)>,
) -> Result<Response, UiError> {
    let (id, att) = (case_id(&id)?, case_id(&att)?);
    let (meta, content) = match state.services.attachment(&cu.ctx, id, att).await {
        Ok(x) => x,
        Err(ServiceError::NotFound) => return Err(UiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    Ok(crate::api::file_response(&meta, content))
}
