//! Decision letters: the printable page and the PDF.

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

/// The letter's content in the applicant's language: title, (label, value) lines, reasoning,
/// closing paragraph.
pub(super) fn letter_content(
    d: &LetterData,
    tr: &Tr,
) -> (String, Vec<(String, String)>, String, String) {
    let c = &d.case;
    let title = format!("{} № {}", tr.t("letter-title"), c.number);
    let outcome = match c.outcome.as_deref() {
        Some("approve") => tr.t("letter-approved"),
        _ => tr.t("letter-refused"),
    };
    let mut lines = vec![
        (tr.t("letter-applicant"), c.applicant.clone()),
        (tr.t("person-number"), c.person_id.clone()),
    ];
    if let Some(b) = &d.birth_date {
        lines.push((tr.t("letter-birth-date"), tr.date(b)));
    }
    lines.push((tr.t("case-type"), tr.t(key("apptype", &c.app_type))));
    lines.push((
        tr.t("case-filed-on"),
        c.filed_on
            .as_deref()
            .map(|d| tr.date(d))
            .unwrap_or_default(),
    ));
    lines.push((tr.t("letter-decision"), outcome));
    if let Some(g) = &c.ground {
        let mut ground = tr.t(key("case-ground", g));
        if let Some(r) = &c.ground_ref {
            ground = format!("{ground} ({})", legal_ref_text(tr, r));
        }
        lines.push((tr.t("case-ground"), ground));
    }
    if let Some(p) = &d.permit {
        lines.push((tr.t("case-permit"), p.number.clone()));
        lines.push((
            tr.t("letter-validity"),
            if p.valid_to.starts_with("9999") {
                format!("{} —", tr.date(&p.valid_from))
            } else {
                format!("{} — {}", tr.date(&p.valid_from), tr.date(&p.valid_to))
            },
        ));
        if let Some(cond) = &p.conditions {
            lines.push((tr.t("letter-conditions"), conditions_text(tr, cond)));
        }
    }
    lines.push((
        tr.t("case-decided-on"),
        c.decided_on
            .as_deref()
            .map(|d| tr.date(d))
            .unwrap_or_default(),
    ));
    // The decider by full name and position (their role), never by login.
    if let Some(role) = &d.decider_role {
        let position = tr.t(format!("role-{}", role.replace('_', "-")));
        let signed = match &d.decider_name {
            Some(name) => format!("{name}, {}", position.to_lowercase()),
            None => position,
        };
        lines.push((tr.t("case-decided-by"), signed));
    }
    lines.push((tr.t("letter-office"), d.office_name.clone()));
    let mut closing = if c.outcome.as_deref() == Some("refuse") {
        tr.t("letter-appeal-rights")
    } else {
        tr.t("letter-approved-note")
    };
    if let Some(until) = &d.appeal_until {
        closing.push(' ');
        closing.push_str(&tr.t1("letter-appeal-until", "date", tr.date(until)));
    }
    (
        title,
        lines,
        c.reasoning.clone().unwrap_or_default(),
        closing,
    )
}

/// A legal reference in the reader's language, without the rule codes kept for officers
/// (`Migration Code, art. 47.3 (R10)` → `Miqrasiya Məcəlləsi, maddə 47.3`).
pub(crate) fn legal_ref_text(tr: &Tr, reference: &str) -> String {
    let bare = match reference.find(" (R") {
        Some(i) => &reference[..i],
        None => reference,
    };
    match bare.strip_prefix("Migration Code, art. ") {
        Some(article) => tr.t1("legal-migration-code-art", "art", article),
        None => bare.to_owned(),
    }
}

/// A permit's conditions (`employer: … (…); position: …`, `ground: highly_qualified`) with
/// each condition named and each ground worded in the reader's language.
pub(crate) fn conditions_text(tr: &Tr, conditions: &str) -> String {
    conditions
        .split("; ")
        .map(|part| match part.split_once(": ") {
            Some(("ground", g)) => format!(
                "{}: {}",
                tr.t("case-field-ground"),
                tr.t(key("case-ground", g))
            ),
            Some(("employer", v)) => format!("{}: {v}", tr.t("case-field-employer-name")),
            Some(("position", v)) => format!("{}: {v}", tr.t("case-field-position")),
            _ => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("; ")
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

#[cfg(test)]
mod tests {
    use super::*;
    use umis_domain::Lang;

    #[test]
    fn legal_references_read_in_the_applicants_language() {
        let az = Tr::new(Lang::Az, 240);
        let ru = Tr::new(Lang::Ru, 240);
        assert_eq!(
            legal_ref_text(&az, "Migration Code, art. 47.3 (R10)"),
            "Miqrasiya Məcəlləsi, maddə 47.3"
        );
        assert_eq!(
            legal_ref_text(&ru, "Migration Code, art. 48 (R12, R13)"),
            "Миграционный кодекс, статья 48"
        );
        assert_eq!(legal_ref_text(&ru, "Law on Refugees"), "Law on Refugees");
        let az_ground = conditions_text(&az, "ground: highly_qualified");
        assert!(
            !az_ground.contains("highly_qualified") && !az_ground.contains("ground"),
            "{az_ground}"
        );
        let ru_work = conditions_text(&ru, "employer: Demo LLC (1700000001); position: welder");
        assert!(
            ru_work.contains("Demo LLC") && !ru_work.contains("employer:"),
            "{ru_work}"
        );
    }
}
