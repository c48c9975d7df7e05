//! The content of a decision letter in the applicant's language: title, lines, reasoning and
//! closing paragraph.

use super::letter_wording::{conditions_text, legal_ref_text};
use super::*;

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
