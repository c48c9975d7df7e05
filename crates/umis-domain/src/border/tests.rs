//! Border event rows from each body kind, CSV headers and records, NDJSON file lines.

use super::*;

#[test]
fn rows_of_each_body_kind() {
    let ndjson = "{\"event_id\":\"a\",\"permitted_days\":30}\n\n{\"x\":1}\r\nnot json\n";
    let rows = ndjson_rows(ndjson);
    let numbers: Vec<usize> = rows.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, [1, 3, 4]);
    let first = rows[0].1.as_ref().map(|e| e.get("permitted_days"));
    assert_eq!(first, Ok(Some("30")));
    assert_eq!(
        rows[1].1.as_ref().map_err(|f| f.0.as_str()).err(),
        Some("x")
    );
    assert_eq!(
        rows[2].1.as_ref().map_err(|f| f.0.as_str()).err(),
        Some("event")
    );

    let array = json_array_rows("[{\"event_id\":\" b \"}, {\"bcp\": true}]");
    let Ok(array) = array else {
        panic!("an array");
    };
    assert_eq!(array.len(), 2);
    assert_eq!(
        array[0].1.as_ref().map(|e| e.get("event_id")),
        Ok(Some("b"))
    );
    assert!(array[1].1.is_err(), "a wrong field is that row's error");
    assert_eq!(
        json_array_rows("[{}, 3]").err(),
        Some(BodyError::NotAnObject(2)),
        "an element that is not an object breaks the body"
    );
    assert_eq!(json_array_rows("{}").err(), Some(BodyError::NotAnArray));
    assert!(matches!(
        json_array_rows("[").err(),
        Some(BodyError::NotJson(_))
    ));
}

#[test]
fn csv_headers_and_records() {
    let headers: Vec<String> = ["event_id", "direction", "occurred_at", "bcp", "travel_mode"]
        .map(str::to_owned)
        .to_vec();
    assert_eq!(check_csv_headers(&headers), Ok(()));
    let mut more = headers.clone();
    more.push("colour".into());
    assert!(check_csv_headers(&more).is_err_and(|m| m.contains("'colour'")));
    assert!(check_csv_headers(&headers[1..]).is_err_and(|m| m.contains("'event_id'")));
    let event = BorderEventInput::from_csv_record(&headers, ["e1", " ", "t", "B", "air"]);
    assert_eq!(event.map(|e| e.fields.len()), Ok(4));
    assert_eq!(
        BorderEventInput::from_csv_record(&headers, ["e1"])
            .err()
            .as_deref(),
        Some("expected 5 fields, found 1")
    );
}

#[test]
fn file_lines_skip_blanks_and_a_byte_order_mark() {
    assert!(ndjson_file_line(" \r\n").is_none());
    let line = ndjson_file_line("\u{feff}{\"event_id\":\"e1\"}\r\n");
    assert_eq!(
        line.and_then(Result::ok)
            .and_then(|e| e.get("event_id").map(str::to_owned)),
        Some("e1".to_owned())
    );
    let bad = ndjson_file_line("{\"event_id\":[1]}");
    assert_eq!(
        bad.and_then(Result::err).map(|f| f.0),
        Some("event_id".to_owned())
    );
}
