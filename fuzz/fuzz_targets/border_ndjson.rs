//! The border event bodies and files on any text: an NDJSON body, a JSON array body and the
//! lines of an NDJSON file. Never panics; rows are numbered within the body; an event read is
//! made of known fields and reads back the same from its own JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use umis_domain::border::{
    BorderEventInput, EVENT_FIELDS, json_array_rows, ndjson_file_line, ndjson_rows,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = text.lines().count();
    let rows = ndjson_rows(text);
    assert!(rows.len() <= lines);
    let mut last = 0;
    for (row, event) in &rows {
        assert!(*row > last && *row <= lines, "row {row} of {lines} lines");
        last = *row;
        check_event(event);
    }
    if let Ok(rows) = json_array_rows(text) {
        for (i, (row, event)) in rows.iter().enumerate() {
            assert_eq!(*row, i + 1);
            check_event(event);
        }
    }
    for line in text.split_inclusive('\n') {
        if let Some(event) = ndjson_file_line(line) {
            assert!(!line.trim().is_empty());
            check_event(&event);
        }
    }
});

fn check_event(event: &Result<BorderEventInput, (String, String)>) {
    match event {
        Ok(event) => {
            assert!(
                event
                    .fields
                    .keys()
                    .all(|k| EVENT_FIELDS.contains(&k.as_str()))
            );
            let json: serde_json::Map<String, serde_json::Value> = event
                .fields
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                .collect();
            let again = BorderEventInput::from_json(&serde_json::Value::Object(json));
            assert_eq!(again.map(|e| e.fields).as_ref(), Ok(&event.fields));
        }
        // The field may be empty: a JSON key can be "".
        Err((_, message)) => assert!(!message.is_empty()),
    }
}
