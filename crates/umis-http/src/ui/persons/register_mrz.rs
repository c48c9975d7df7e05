//! Reading a pasted MRZ into the registration form.

use super::*;

/// Fills the form from the pasted MRZ (title-casing the MRZ's capitals is left to the officer).
pub(crate) async fn read_mrz(
    State(state): State<AppState>,
    Protected { cu, mut form }: Protected<PersonForm>,
) -> Result<Response, UiError> {
    state
        .services
        .authorize(
            &cu.ctx,
            umis_domain::Permission::WritePersons,
            "person.create",
        )
        .await?;
    let text = form.mrz.replace("\r\n", "\n");
    let report =
        umis_domain::mrz::parse_mrz(text.trim(), crate::api::mrz::today(state.services.now()));
    let mut page_errors = Vec::new();
    for e in &report.errors {
        page_errors.push(super::mrz_text::mrz_error_text(&cu.tr, e));
    }
    if let Some(s) = &report.surname {
        form.surname = s.clone();
    }
    if let Some(g) = &report.given_names {
        form.given_names = g.clone();
    }
    if let Some(sex) = report.sex {
        form.sex = serde_json::to_value(sex)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
    }
    if let Some(d) = report.birth_date {
        form.birth_date = serde_json::to_value(d)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
    }
    if let Some(n) = &report.nationality {
        form.nationalities = n.clone();
    }
    if let Some(n) = &report.document_number {
        form.doc_number = n.clone();
    }
    if let Some(s) = &report.issuing_state {
        form.doc_issuing_state = s.clone();
    }
    if let Some(d) = report.expiry_date {
        form.doc_expiry_date = serde_json::to_value(d)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
    }
    if let Some(code) = &report.document_code {
        form.doc_type = match code.chars().next() {
            Some('I') | Some('A') | Some('C') => "id_card",
            Some('V') => "visa",
            _ => "passport",
        }
        .into();
    }
    let mut page = new_page(&cu, form);
    page.mrz_errors = page_errors;
    page.mrz_read = true;
    let mut res = render(&page)?;
    if !report.valid {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}
