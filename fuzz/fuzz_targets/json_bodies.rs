//! JSON request bodies on any text, through the domain rules the API applies after
//! deserialising them: application form fields (`POST /applications`, per type), a border
//! event object, the MRZ text of `POST /mrz/parse`, and the person fields parsed by the domain
//! (person number, partial date, sex). Never panics; what validates is already normal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use umis_domain::border::BorderEventInput;
use umis_domain::cases::TYPES;
use umis_domain::mrz::{Date, parse_mrz};
use umis_domain::person::{PartialDate, PersonId, Sex};

fuzz_target!(|data: &[u8]| {
    let Ok(body) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let objects: Vec<&Value> = match &body {
        Value::Array(items) => items.iter().collect(),
        one => vec![one],
    };
    for value in objects {
        check_body(value);
    }
});

fn check_body(value: &Value) {
    let _ = BorderEventInput::from_json(value);
    let Some(obj) = value.as_object() else {
        return;
    };
    let fields = match obj.get("fields") {
        Some(Value::Object(fields)) => fields,
        _ => obj,
    };
    for spec in TYPES {
        match spec.validate_fields(fields) {
            Ok(clean) => {
                assert!(
                    clean
                        .keys()
                        .all(|k| spec.fields.iter().any(|f| f.name == k))
                );
                assert!(
                    spec.fields
                        .iter()
                        .all(|f| !f.required || clean.contains_key(f.name))
                );
                assert_eq!(
                    spec.validate_fields(&clean).as_ref(),
                    Ok(&clean),
                    "{}",
                    spec.code
                );
            }
            // The field may be empty: a JSON key can be "".
            Err(e) => assert!(!e.message.is_empty()),
        }
    }
    if let Some(Value::String(mrz)) = obj.get("mrz") {
        let today = Date {
            year: 2026,
            month: 11,
            day: 22,
        };
        let report = parse_mrz(mrz, today);
        assert_eq!(report.valid, report.errors.is_empty());
    }
    for v in obj.values() {
        if let Value::String(s) = v {
            check_text_field(s);
        }
    }
}

/// The domain parsers a person body's text fields go through: what parses, prints back to
/// itself.
fn check_text_field(s: &str) {
    if let Ok(id) = s.parse::<PersonId>() {
        assert_eq!(id.to_string().parse::<PersonId>().ok(), Some(id));
    }
    if let Ok(date) = s.trim().parse::<PartialDate>() {
        assert_eq!(date.to_string().parse::<PartialDate>().ok(), Some(date));
    }
    if let Ok(sex) = s.trim().parse::<Sex>() {
        assert_eq!(sex.as_str().parse::<Sex>().ok(), Some(sex));
    }
}
