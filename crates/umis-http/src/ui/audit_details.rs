//! An audit entry's details as labelled facts in the auditor's language: the log keeps them as
//! JSON; the screen shows a label per detail (translated where the detail is a known one) and
//! its value as text.

use crate::i18n::Tr;
use serde_json::Value;

/// A detail's label in the reader's language; a detail without a translation is labelled as
/// an "other detail" rather than by its internal name.
fn label(tr: &Tr, key: &str) -> String {
    tr.try_t(format!("audit-detail-{}", key.replace(['_', '.'], "-")))
        .unwrap_or_else(|| tr.t("audit-detail-other-detail"))
}

fn value_text(tr: &Tr, v: &Value) -> String {
    match v {
        Value::Null => "—".to_owned(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_i64().map_or_else(|| n.to_string(), |i| tr.number(i)),
        Value::Bool(b) => tr.t(if *b { "yes" } else { "no" }),
        Value::Array(items) => items
            .iter()
            .map(|i| value_text(tr, i))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(o) => o
            .iter()
            .map(|(k, v)| format!("{}: {}", label(tr, k), value_text(tr, v)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// The details of an entry as (label, value) pairs; a detail that is not an object is one
/// unlabelled value.
pub(crate) fn audit_facts(tr: &Tr, details: &Value) -> Vec<(String, String)> {
    match details {
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| (label(tr, k), value_text(tr, v)))
            .collect(),
        Value::Null => Vec::new(),
        other => vec![(label(tr, "detail"), value_text(tr, other))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use umis_domain::Lang;

    #[test]
    fn details_read_as_labelled_facts() {
        let en = Tr::new(Lang::En, 0);
        let d = serde_json::json!({"results": 1200, "last_event": "E-9", "scopes": ["a", "b"],
            "filters": {"as_of": "2026-12-07"}, "zzz_internal": 1});
        let facts = audit_facts(&en, &d);
        assert!(
            facts.contains(&("Results".into(), "1,200".into())),
            "{facts:?}"
        );
        assert!(
            facts.contains(&("Last event".into(), "E-9".into())),
            "{facts:?}"
        );
        assert!(
            facts.contains(&("Scopes".into(), "a, b".into())),
            "{facts:?}"
        );
        for (l, v) in &facts {
            assert!(
                !l.contains('_') && !v.contains('{') && !v.contains('"'),
                "{l}: {v}"
            );
        }
        let az = audit_facts(&Tr::new(Lang::Az, 0), &d);
        assert!(az.iter().any(|(l, _)| l == "Nəticələr"), "{az:?}");
    }
}
