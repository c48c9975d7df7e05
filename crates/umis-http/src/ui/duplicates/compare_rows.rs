//! The rows of a comparison: each fact of both records in the reader's language, and whether
//! the two differ.

use crate::i18n::Tr;
use umis_service::Person;

/// One row of the comparison: a message key, both sides' values, whether they differ.
pub(super) struct Row {
    pub(super) key: &'static str,
    pub(super) a: String,
    pub(super) b: String,
    pub(super) differs: bool,
}

fn names_of(p: &Person) -> String {
    p.names
        .iter()
        .map(|n| {
            [
                Some(n.surname.as_str()),
                n.given_names.as_deref(),
                n.patronymic.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn documents_of(tr: &Tr, p: &Person) -> String {
    p.documents
        .iter()
        .map(|d| {
            format!(
                "{}, {} {} ({})",
                tr.t(format!("doc-type-{}", d.doc_type.replace('_', "-"))),
                tr.country(&d.issuing_state),
                d.number,
                tr.t(format!("doc-status-{}", d.status))
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn rows_of(tr: &Tr, a: &Person, b: &Person) -> Vec<Row> {
    let sex = |p: &Person| {
        p.sex
            .as_deref()
            .map(|s| tr.t(format!("person-sex-{}", s.to_ascii_lowercase())))
            .unwrap_or_default()
    };
    let birth = |p: &Person| {
        p.birth_date
            .as_deref()
            .map(|d| tr.date(d))
            .unwrap_or_default()
    };
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let nationalities = |p: &Person| {
        let mut codes = p.nationalities.clone();
        codes.sort();
        codes
            .iter()
            .map(|c| tr.country(c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let pairs: Vec<(&'static str, String, String)> = vec![
        ("person-names", names_of(a), names_of(b)),
        ("person-sex", sex(a), sex(b)),
        ("person-birth-date", birth(a), birth(b)),
        (
            "person-place-of-birth",
            opt(&a.place_of_birth),
            opt(&b.place_of_birth),
        ),
        ("person-nationalities", nationalities(a), nationalities(b)),
        ("person-documents", documents_of(tr, a), documents_of(tr, b)),
        ("dup-external-id", opt(&a.external_id), opt(&b.external_id)),
    ];
    pairs
        .into_iter()
        .map(|(key, a, b)| Row {
            key,
            differs: !a.is_empty() && !b.is_empty() && a != b,
            a,
            b,
        })
        .collect()
}
