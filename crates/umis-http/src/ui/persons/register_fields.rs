//! What the registration page asks while it renders: the text and document fields with their
//! values, the choices offered, and the error shown at each field.

use super::*;

impl NewPersonPage {
    pub(super) fn error(&self, field: &str) -> Option<&'static str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, k)| *k)
    }

    pub(super) fn sexes(&self) -> [(&'static str, &'static str); 4] {
        [
            ("", "person-sex-unknown"),
            ("M", "person-sex-m"),
            ("F", "person-sex-f"),
            ("X", "person-sex-x"),
        ]
    }

    pub(super) fn doc_types(&self) -> [&'static str; 7] {
        DOC_TYPES
    }

    pub(super) fn score(&self, h: &umis_service::SearchHit) -> String {
        format!("{:.0}%", h.score * 100.0)
    }

    /// Name, message key, value and hint key of each text field.
    pub(super) fn text_fields(&self) -> Vec<(&'static str, &'static str, String, &'static str)> {
        let f = &self.form;
        vec![
            ("surname", "person-surname", f.surname.clone(), ""),
            (
                "given_names",
                "person-given-names",
                f.given_names.clone(),
                "",
            ),
            ("patronymic", "person-patronymic", f.patronymic.clone(), ""),
            (
                "birth_date",
                "person-birth-date",
                f.birth_date.clone(),
                "person-birth-date-hint",
            ),
            (
                "place_of_birth",
                "person-place-of-birth",
                f.place_of_birth.clone(),
                "",
            ),
            (
                "nationalities",
                "person-nationalities",
                f.nationalities.clone(),
                "person-nationalities-hint",
            ),
        ]
    }

    pub(super) fn doc_fields(&self) -> Vec<(&'static str, &'static str, String, &'static str)> {
        let f = &self.form;
        vec![
            (
                "doc_issuing_state",
                "person-doc-issuing-state",
                f.doc_issuing_state.clone(),
                "",
            ),
            ("doc_number", "person-doc-number", f.doc_number.clone(), ""),
            (
                "doc_expiry_date",
                "person-doc-expiry",
                f.doc_expiry_date.clone(),
                "",
            ),
        ]
    }
}
