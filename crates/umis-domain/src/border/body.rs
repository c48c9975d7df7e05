//! The rows of a request body (a JSON array or NDJSON) and of an NDJSON file line, each row an
//! event or that row's fault.

use super::{BorderEventInput, NumberedRow, RowFault};

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
