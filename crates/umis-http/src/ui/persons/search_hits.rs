//! How a search hit is shown on the person list: the person's number, the score and why the
//! candidate matched.

use super::*;

impl PersonsPage {
    pub(super) fn number(&self, p: &Person) -> String {
        PersonId::from_stored(p.person_id).to_string()
    }

    pub(super) fn score(&self, h: &umis_service::SearchHit) -> String {
        format!("{:.0}%", h.score * 100.0)
    }

    /// Message keys of a short account of why a candidate matched.
    pub(super) fn why(&self, h: &umis_service::SearchHit) -> Vec<String> {
        let e = serde_json::to_value(&h.explanation).unwrap_or_default();
        let mut out = Vec::new();
        if let Some(kind) = e.pointer("/name/kind").and_then(|k| k.as_str()) {
            // The kind is the weakest among the parts that matched: a part of the query that
            // matched nothing (another given name) makes the name a partial match.
            let missed = e
                .pointer("/name/tokens")
                .and_then(|t| t.as_array())
                .is_some_and(|tokens| {
                    tokens.iter().any(|t| {
                        t.get("matched").is_none_or(|m| m.is_null())
                            || t.get("kind").and_then(|k| k.as_str()) == Some("none")
                    })
                });
            if missed && kind != "none" {
                out.push("why-name-partial".into());
            } else {
                out.push(format!("why-name-{kind}"));
            }
            if e.pointer("/name/order_swapped").and_then(|v| v.as_bool()) == Some(true) {
                out.push("why-order-swapped".into());
            }
        }
        for (field, prefix) in [
            ("birth_date", "why-birth-"),
            ("nationality", "why-nationality-"),
            ("document", "why-document-"),
        ] {
            if let Some(v) = e.get(field).and_then(|v| v.as_str()) {
                out.push(format!("{prefix}{}", v.replace('_', "-")));
            }
        }
        out
    }
}
