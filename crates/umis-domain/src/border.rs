//! Border events as partner systems send them, before validation: the field names, one event as
//! loose text fields, and the rows of a request body (a JSON array or NDJSON) or of an NDJSON
//! file line. A row that is not an event object becomes that row's fault, never the batch's.

use std::collections::HashMap;

/// The field names of one event (also the CSV header).
pub const EVENT_FIELDS: [&str; 14] = [
    "event_id",
    "direction",
    "occurred_at",
    "bcp",
    "travel_mode",
    "person_id",
    "document_number",
    "document_issuing_state",
    "nationality",
    "surname",
    "given_names",
    "birth_date",
    "permitted_days",
    "visa_ref",
];

/// Columns a CSV file of events must have.
pub const REQUIRED_COLUMNS: [&str; 5] =
    ["event_id", "direction", "occurred_at", "bcp", "travel_mode"];

/// Why a row is not an event: the field at fault and what is wrong.
pub type RowFault = (String, String);

/// A row with its number (the position in a request from 1, or the line in a file) and what it
/// reads as.
pub type NumberedRow = (usize, Result<BorderEventInput, RowFault>);

/// One border event as sent: every field optional here, so that a missing one is reported for
/// its row instead of failing the batch.
#[derive(Clone, Default)]
pub struct BorderEventInput {
    /// Values by field name (see [`EVENT_FIELDS`]).
    pub fields: HashMap<String, String>,
}

/// Shows the event id only: the other fields are personal data.
impl std::fmt::Debug for BorderEventInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BorderEventInput")
            .field("event_id", &self.fields.get("event_id"))
            .finish_non_exhaustive()
    }
}

impl BorderEventInput {
    /// An event from a JSON object: strings and numbers are taken, an unknown field or a
    /// value of another type is reported as the row's error.
    pub fn from_json(v: &serde_json::Value) -> Result<BorderEventInput, RowFault> {
        let Some(obj) = v.as_object() else {
            return Err(("event".into(), "each event must be a JSON object".into()));
        };
        let mut fields = HashMap::new();
        for (k, v) in obj {
            if !EVENT_FIELDS.contains(&k.as_str()) {
                return Err((k.clone(), format!("unknown field '{k}'")));
            }
            let s = match v {
                serde_json::Value::Null => continue,
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                _ => return Err((k.clone(), format!("{k} must be a string or a number"))),
            };
            fields.insert(k.clone(), s);
        }
        Ok(BorderEventInput { fields })
    }

    /// An event from one CSV record under `headers`, blank cells left out; the record must have
    /// one field per header, otherwise says how many it has.
    pub fn from_csv_record<'a>(
        headers: &[String],
        fields: impl IntoIterator<Item = &'a str>,
    ) -> Result<BorderEventInput, String> {
        let fields: Vec<&str> = fields.into_iter().collect();
        if fields.len() != headers.len() {
            return Err(format!(
                "expected {} fields, found {}",
                headers.len(),
                fields.len()
            ));
        }
        let fields = headers
            .iter()
            .zip(fields)
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(h, v)| (h.clone(), v.to_owned()))
            .collect();
        Ok(BorderEventInput { fields })
    }

    /// The trimmed value of field `k`, if it has one that is not blank.
    pub fn get(&self, k: &str) -> Option<&str> {
        self.fields
            .get(k)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }
}

/// Checks the header row of a CSV file of events: only known columns, the required ones there.
pub fn check_csv_headers(headers: &[String]) -> Result<(), String> {
    if let Some(unknown) = headers.iter().find(|h| !EVENT_FIELDS.contains(&h.as_str())) {
        return Err(format!(
            "unknown column '{unknown}' in the header row; columns are: {}",
            EVENT_FIELDS.join(",")
        ));
    }
    if let Some(missing) = REQUIRED_COLUMNS
        .iter()
        .find(|r| !headers.iter().any(|h| h == *r))
    {
        return Err(format!("the header row has no '{missing}' column"));
    }
    Ok(())
}

/// Why a JSON request body has no rows at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    /// Valid JSON, but not an array.
    #[error("the body must be a JSON array of events")]
    NotAnArray,
    /// Not JSON.
    #[error("the body is not valid JSON: {0}")]
    NotJson(String),
    /// An element of the array is not an object (numbered from 1): the array's shape is
    /// broken, unlike a row whose fields are wrong.
    #[error("element {0} of the array is not a JSON object")]
    NotAnObject(usize),
}

fn event_of(value: Result<serde_json::Value, String>) -> Result<BorderEventInput, RowFault> {
    value
        .map_err(|e| ("event".to_owned(), format!("not valid JSON: {e}")))
        .and_then(|v| BorderEventInput::from_json(&v))
}

/// The rows of an `application/json` body: a JSON array of events, numbered from 1.
pub fn json_array_rows(text: &str) -> Result<Vec<NumberedRow>, BodyError> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Array(items)) => {
            if let Some(i) = items.iter().position(|v| !v.is_object()) {
                return Err(BodyError::NotAnObject(i + 1));
            }
            Ok(items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (i + 1, event_of(Ok(v))))
                .collect())
        }
        Ok(_) => Err(BodyError::NotAnArray),
        Err(e) => Err(BodyError::NotJson(e.to_string())),
    }
}

/// The rows of an `application/x-ndjson` body: one event per line, numbered by line, blank
/// lines skipped.
pub fn ndjson_rows(text: &str) -> Vec<NumberedRow> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            (
                i + 1,
                event_of(serde_json::from_str(l).map_err(|e| e.to_string())),
            )
        })
        .collect()
}

/// One line of an NDJSON file (a byte-order mark and surrounding white space ignored): `None`
/// when it is blank.
pub fn ndjson_file_line(line: &str) -> Option<Result<BorderEventInput, RowFault>> {
    let text = line.trim().trim_start_matches('\u{feff}');
    if text.is_empty() {
        return None;
    }
    Some(event_of(
        serde_json::from_str::<serde_json::Value>(text).map_err(|e| e.to_string()),
    ))
}

#[cfg(test)]
mod tests {
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
}
