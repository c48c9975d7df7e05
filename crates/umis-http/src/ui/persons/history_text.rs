//! A history entry's recorded changes as labelled facts in the officer's language (the store
//! keeps them as JSON; no field name or JSON reaches the screen).

use crate::i18n::Tr;
use serde_json::Value;

/// The message key labelling a recorded field, if it is shown at all.
fn label_key(field: &str) -> Option<&'static str> {
    Some(match field {
        "surname" => "person-surname",
        "given_names" => "person-given-names",
        "patronymic" => "person-patronymic",
        "birth_date" => "person-birth-date",
        "place_of_birth" => "person-place-of-birth",
        "nationalities" => "person-nationalities",
        "sex" => "person-sex",
        "names" => "person-history-names",
        "documents" => "person-history-documents",
        "document_added" => "person-history-document-no",
        "doc_type" => "person-doc-type",
        "issuing_state" => "person-doc-issuing-state",
        "person" => "person-history-other-record",
        // Marks of the action itself, which its title already says.
        "created" | "bulk" => return None,
        _ => "person-history-detail",
    })
}

/// A recorded value as text: `—` for none, lists joined, a document type by its name.
fn value_text(tr: &Tr, field: &str, v: &Value) -> String {
    match v {
        Value::Null => "—".to_owned(),
        Value::String(s) if field == "doc_type" => tr
            .try_t(format!("doc-type-{}", s.replace('_', "-")))
            .unwrap_or_else(|| s.clone()),
        Value::String(s) if field == "birth_date" => tr.date(s),
        Value::String(s) if s.is_empty() => "—".to_owned(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_i64().map_or_else(|| n.to_string(), |i| tr.number(i)),
        Value::Bool(b) => tr.t(if *b { "yes" } else { "no" }),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|i| value_text(tr, field, i)).collect();
            if parts.is_empty() {
                "—".to_owned()
            } else {
                parts.join(", ")
            }
        }
        Value::Object(o) => match (o.get("before"), o.get("after")) {
            (Some(before), Some(after)) => format!(
                "{} → {}",
                value_text(tr, field, before),
                value_text(tr, field, after)
            ),
            _ => o
                .values()
                .map(|v| value_text(tr, field, v))
                .collect::<Vec<_>>()
                .join(", "),
        },
    }
}

/// The facts of one history entry's `changes`, as (label, value) pairs.
pub(crate) fn history_facts(tr: &Tr, changes: &str) -> Vec<(String, String)> {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(changes) else {
        return Vec::new();
    };
    map.iter()
        .filter_map(|(field, v)| label_key(field).map(|key| (tr.t(key), value_text(tr, field, v))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use umis_domain::Lang;

    #[test]
    fn changes_read_as_labelled_facts() {
        let en = Tr::new(Lang::En, 240);
        let update = r#"{"surname":{"before":"Mamedov","after":"Məmmədov"},
            "nationalities":{"before":["RUS"],"after":["AZE","RUS"]},
            "birth_date":{"before":null,"after":"1985-03-17"}}"#;
        let facts = history_facts(&en, update);
        assert!(facts.contains(&("Surname".into(), "Mamedov → Məmmədov".into())));
        assert!(facts.contains(&("Nationalities".into(), "RUS → AZE, RUS".into())));
        assert!(facts.contains(&("Date of birth".into(), "— → 17 Mar 1985".into())));
        let added = history_facts(
            &en,
            r#"{"document_added":2,"doc_type":"passport","issuing_state":"AZE"}"#,
        );
        assert!(added.contains(&("Document type".into(), "Passport".into())));
        assert!(history_facts(&en, r#"{"created":true,"bulk":true}"#).is_empty());
        let az = Tr::new(Lang::Az, 240);
        for (label, value) in history_facts(&az, update) {
            assert!(
                !label.contains('_') && !value.contains('{'),
                "{label}: {value}"
            );
        }
    }
}
