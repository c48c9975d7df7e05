//! What a person's page asks while it renders: the status of stay in words, the labels and
//! fields of the edit and document forms, and the history's wording.

use super::*;

impl PersonPage {
    /// Whether the officer may see applications (the links to this person's cases).
    pub(super) fn may_cases(&self) -> bool {
        self.page.nav.iter().any(|n| n.id == "cases")
    }

    /// The message shown for the registration obligation.
    pub(super) fn registration_text(&self, s: &umis_service::StayView) -> String {
        let Some(r) = &s.registration else {
            return String::new();
        };
        let get = |k: &str| {
            r.get(k)
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false)
        };
        let deadline = r
            .get("deadline")
            .and_then(|d| d.as_str())
            .unwrap_or("")
            .to_owned();
        if get("registered") {
            self.page.tr.t("stay-reg-done")
        } else if get("overdue") {
            self.page.tr.t1("stay-reg-overdue", "date", deadline)
        } else if get("required") {
            self.page.tr.t1("stay-reg-due", "date", deadline)
        } else {
            self.page.tr.t("stay-reg-not-required")
        }
    }

    /// Days used of a rolling allowance, as "used / allowed (window)".
    pub(super) fn window_text(&self, s: &umis_service::StayView) -> String {
        s.window
            .as_ref()
            .map(|w| {
                format!(
                    "{} / {} ({})",
                    w["days_used"], w["days_allowed"], w["window_days"]
                )
            })
            .unwrap_or_default()
    }
}

impl PersonPage {
    pub(super) fn doc_error(&self, field: &str) -> Option<&'static str> {
        self.doc_errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, k)| *k)
    }

    pub(super) fn doc_types(&self) -> [&'static str; 7] {
        DOC_TYPES
    }

    pub(super) fn doc_type_key(&self, t: &str) -> String {
        format!("doc-type-{}", t.replace('_', "-"))
    }

    pub(super) fn doc_fields(&self) -> Vec<(&'static str, &'static str, String)> {
        let f = &self.doc_form;
        vec![
            (
                "issuing_state",
                "person-doc-issuing-state",
                f.issuing_state.clone(),
            ),
            ("number", "person-doc-number", f.number.clone()),
            ("expiry_date", "person-doc-expiry", f.expiry_date.clone()),
        ]
    }

    pub(super) fn edit_error(&self, field: &str) -> Option<&'static str> {
        self.edit_errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, k)| *k)
    }

    pub(super) fn edit_fields(&self) -> Vec<(&'static str, &'static str, String)> {
        let e = &self.edit;
        vec![
            ("surname", "person-surname", e.surname.clone()),
            ("given_names", "person-given-names", e.given_names.clone()),
            ("patronymic", "person-patronymic", e.patronymic.clone()),
            ("birth_date", "person-birth-date", e.birth_date.clone()),
            (
                "place_of_birth",
                "person-place-of-birth",
                e.place_of_birth.clone(),
            ),
            (
                "nationalities",
                "person-nationalities",
                e.nationalities.clone(),
            ),
        ]
    }

    pub(super) fn sexes(&self) -> [(&'static str, &'static str); 4] {
        [
            ("", "person-sex-unknown"),
            ("M", "person-sex-m"),
            ("F", "person-sex-f"),
            ("X", "person-sex-x"),
        ]
    }

    /// The recorded changes of a history entry as labelled facts.
    pub(super) fn history_facts(&self, h: &umis_service::HistoryEntry) -> Vec<(String, String)> {
        super::history_text::history_facts(&self.page.tr, &h.changes)
    }

    pub(super) fn history_key(&self, h: &umis_service::HistoryEntry) -> String {
        format!("person-history-{}", h.action.replace('_', "-"))
    }

    pub(super) fn statuses(&self) -> [&'static str; 5] {
        ["valid", "lost", "stolen", "expired", "revoked"]
    }

    pub(super) fn doc_status_key(&self, s: &str) -> String {
        format!("doc-status-{s}")
    }

    pub(super) fn sex_key(&self) -> &'static str {
        match self.person.sex.as_deref() {
            Some("M") => "person-sex-m",
            Some("F") => "person-sex-f",
            Some("X") => "person-sex-x",
            _ => "person-sex-unknown",
        }
    }
}
