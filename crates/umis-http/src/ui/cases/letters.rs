//! Decision letters: the printable page and the PDF.

use super::letter_content::letter_content;
use super::*;

/// The decision letter, in the applicant's language.
#[derive(Template)]
#[template(path = "case_letter.html")]
pub(super) struct LetterTemplate {
    pub(super) tr: Tr,
    pub(super) lines: Vec<(String, String)>,
    pub(super) title: String,
    pub(super) reasoning: String,
    pub(super) closing: String,
    pub(super) pdf_href: String,
    /// The case, for the way back (in the officer's language).
    pub(super) case_href: String,
    pub(super) back_label: String,
}

pub(super) async fn letter_data(
    state: &AppState,
    cu: &CurrentUser,
    id: &str,
) -> Result<(LetterData, Tr), UiError> {
    let id = case_id(id)?;
    let d = match state.services.decision_letter(&cu.ctx, id).await {
        Ok(d) => d,
        Err(ServiceError::NotFound) => return Err(UiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let lang = d.case.lang.parse().unwrap_or(umis_domain::Lang::Az);
    Ok((d, Tr::new(lang, cu.tr.utc_offset_minutes)))
}

/// The decision letter as a printable page.
pub(crate) async fn letter(
    State(state): State<AppState>,
    cu: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, UiError> {
    let (d, tr) = letter_data(&state, &cu, &id).await?;
    let (title, lines, reasoning, closing) = letter_content(&d, &tr);
    render(&LetterTemplate {
        tr,
        lines,
        title,
        reasoning,
        closing,
        pdf_href: format!("/cases/{}/letter.pdf", d.case.id),
        case_href: format!("/cases/{}", d.case.id),
        back_label: cu.tr.t("letter-back"),
    })
}

/// The decision letter as a PDF.
pub(crate) async fn letter_pdf(
    State(state): State<AppState>,
    cu: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, UiError> {
    let (d, tr) = letter_data(&state, &cu, &id).await?;
    let (title, lines, reasoning, closing) = letter_content(&d, &tr);
    let mut blocks = vec![
        Block::Heading(tr.t("letter-authority")),
        Block::Heading(title.clone()),
        Block::Space,
    ];
    blocks.extend(lines.into_iter().map(|(k, v)| Block::Field(k, v)));
    blocks.push(Block::Space);
    blocks.push(Block::Heading(tr.t("case-reasoning")));
    blocks.push(Block::Paragraph(reasoning));
    blocks.push(Block::Space);
    blocks.push(Block::Paragraph(closing));
    let bytes = crate::pdf::render(&Letter { title, blocks }).map_err(|e| {
        tracing::error!(error = %e, "decision letter PDF failed");
        UiError::Internal
    })?;
    let mut res = bytes.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "inline; filename=\"decision-{}.pdf\"",
        d.case.number
    )) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
