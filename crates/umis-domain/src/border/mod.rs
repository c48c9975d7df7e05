//! Border events as partner systems send them, before validation: the field names, one event as
//! loose text fields, and the rows of a request body (a JSON array or NDJSON) or of an NDJSON
//! file line. A row that is not an event object becomes that row's fault, never the batch's.

mod body;
#[cfg(test)]
mod tests;

pub use body::{BodyError, json_array_rows, ndjson_file_line, ndjson_rows};

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
