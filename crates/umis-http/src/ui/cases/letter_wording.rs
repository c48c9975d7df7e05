//! How legal references and permit conditions read in a letter or on the case page, in the
//! reader's language.

use super::*;

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
