//! Scanned documents attached to a case: the upload from the case page and the download.

use super::*;

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
