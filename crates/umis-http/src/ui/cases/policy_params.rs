//! A policy rule's parameters as typed fields and readable text: the rule store keeps them as
//! a JSON object; administrators see and edit each parameter by its name in their language.

use crate::i18n::Tr;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Form fields carrying one parameter each are named with this prefix.
pub(crate) const PARAM_PREFIX: &str = "param_";

/// The units of a deadline rule.
pub(crate) const UNITS: [&str; 3] = ["working_days", "calendar_days", "months"];

/// One parameter as a form field.
pub(crate) struct ParamField {
    /// The parameter's name (the form field is `param_` + name).
    pub(crate) key: String,
    /// Its label in the reader's language.
    pub(crate) label: String,
    /// The value as typed.
    pub(crate) value: String,
    /// Whether it is the unit of a deadline (a choice) rather than a whole number.
    pub(crate) is_unit: bool,
    /// Whether it is a whole number.
    pub(crate) is_number: bool,
}

/// A parameter's label: its translation, or its name as words.
fn label(tr: &Tr, key: &str) -> String {
    tr.try_t(format!("policy-param-{}", key.replace('_', "-")))
        .unwrap_or_else(|| key.replace('_', " "))
}

/// The fields of the parameters `params` (a JSON object as stored).
pub(crate) fn fields(tr: &Tr, params: &str) -> Vec<ParamField> {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(params) else {
        return Vec::new();
    };
    map.iter()
        .map(|(k, v)| ParamField {
            key: k.clone(),
            label: label(tr, k),
            value: match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            },
            is_unit: k == "unit",
            is_number: v.is_i64() || v.is_u64(),
        })
        .collect()
}

/// The parameters as a sentence: `20 working days`, or `Maximum months: 12; …`.
pub(crate) fn text(tr: &Tr, params: &str) -> String {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(params) else {
        return String::new();
    };
    if let (Some(Value::String(unit)), Some(n)) =
        (map.get("unit"), map.get("n").and_then(Value::as_i64))
    {
        return format!(
            "{} {}",
            tr.number(n),
            tr.t(format!("policy-unit-{}", unit.replace('_', "-")))
        );
    }
    map.iter()
        .map(|(k, v)| {
            let value = match v {
                Value::Number(n) => n.as_i64().map_or_else(|| n.to_string(), |i| tr.number(i)),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            format!("{}: {value}", label(tr, k))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The parameters posted as `param_*` fields, as the JSON object the rule store keeps; `None`
/// when the form had no such field. A value that should be a whole number and is not is
/// named in the error (the parameter's label).
pub(crate) fn from_form(
    tr: &Tr,
    posted: &BTreeMap<String, String>,
) -> Option<Result<String, String>> {
    let mut map = Map::new();
    for (name, value) in posted {
        let Some(key) = name.strip_prefix(PARAM_PREFIX) else {
            continue;
        };
        let value = value.trim();
        let v = if key == "unit" {
            if !UNITS.contains(&value) {
                return Some(Err(label(tr, key)));
            }
            Value::String(value.to_owned())
        } else if let Ok(n) = value.parse::<i64>() {
            if n < 0 {
                return Some(Err(label(tr, key)));
            }
            Value::from(n)
        } else {
            return Some(Err(label(tr, key)));
        };
        map.insert(key.to_owned(), v);
    }
    (!map.is_empty()).then(|| Ok(Value::Object(map).to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use umis_domain::Lang;

    #[test]
    fn parameters_read_and_edit_as_typed_fields() {
        let en = Tr::new(Lang::En, 0);
        assert_eq!(
            text(&en, r#"{"unit":"working_days","n":20}"#),
            "20 working days"
        );
        let t = text(&en, r#"{"max_months":12,"extension_max_months":24}"#);
        assert!(!t.contains('_') && !t.contains('{'), "{t}");
        let f = fields(&en, r#"{"unit":"months","n":3}"#);
        assert!(f.iter().any(|p| p.is_unit && p.value == "months"));
        assert!(f.iter().any(|p| p.is_number && p.value == "3"));
        let mut posted = BTreeMap::new();
        posted.insert("param_unit".to_owned(), "calendar_days".to_owned());
        posted.insert("param_n".to_owned(), " 15 ".to_owned());
        posted.insert("other".to_owned(), "x".to_owned());
        let json = from_form(&en, &posted).expect("fields").expect("valid");
        assert_eq!(
            serde_json::from_str::<Value>(&json).expect("json"),
            serde_json::json!({"unit": "calendar_days", "n": 15})
        );
        posted.insert("param_n".to_owned(), "fifteen".to_owned());
        assert!(from_form(&en, &posted).expect("fields").is_err());
        assert!(from_form(&en, &BTreeMap::new()).is_none());
    }
}
