//! A border event checked before anything is stored: fields, codes, times, the traveller's identity.

use super::*;

/// A row that passed validation.
pub(super) struct Valid {
    pub(super) row: usize,
    pub(super) event_id: String,
    pub(super) direction: Direction,
    pub(super) occurred_at: i64,
    pub(super) local_date: String,
    pub(super) bcp: String,
    pub(super) travel_mode: String,
    pub(super) person_id: Option<i64>,
    pub(super) document: Option<(String, String)>,
    pub(super) nationality: Option<String>,
    pub(super) surname: Option<String>,
    pub(super) given_names: Option<String>,
    pub(super) birth_date: Option<String>,
    pub(super) permitted_days: Option<i64>,
    pub(super) visa_ref: Option<String>,
    pub(super) fingerprint: String,
}

pub(super) fn row_error(
    row: usize,
    event_id: Option<&str>,
    field: &str,
    code: &str,
    message: &str,
) -> RowError {
    RowError {
        row,
        event_id: event_id.map(str::to_owned),
        field: field.into(),
        code: code.into(),
        message: message.into(),
    }
}

pub(super) fn plain(s: &str, max: usize) -> bool {
    !s.is_empty() && s.chars().count() <= max && !s.chars().any(char::is_control)
}

impl Services {
    pub(super) fn validate_event(
        &self,
        row: usize,
        input: &BorderEventInput,
    ) -> Result<Valid, RowError> {
        let id = input.get("event_id");
        let err = |field: &str, code: &str, msg: &str| row_error(row, id, field, code, msg);
        let event_id = id.ok_or_else(|| err("event_id", "required", "event_id is required"))?;
        if !plain(event_id, 128) {
            return Err(err(
                "event_id",
                "invalid_event_id",
                "event_id must be 1–128 printable characters",
            ));
        }
        let direction: Direction = input
            .get("direction")
            .ok_or_else(|| err("direction", "required", "direction is required"))?
            .parse()
            .map_err(|_| {
                err(
                    "direction",
                    "unknown_direction",
                    "direction must be entry or exit",
                )
            })?;
        let at = input
            .get("occurred_at")
            .ok_or_else(|| err("occurred_at", "required", "occurred_at is required"))?;
        let ts: jiff::Timestamp = at.parse().map_err(|_| {
            err("occurred_at", "invalid_time", "occurred_at must be an RFC 3339 time with an offset, e.g. 2026-05-01T08:30:00+04:00")
        })?;
        let occurred_at = ts.as_microsecond();
        if occurred_at > self.now() + 300_000_000 {
            return Err(err(
                "occurred_at",
                "future_event",
                "occurred_at is in the future",
            ));
        }
        if ts.as_second() < 631_152_000 {
            return Err(err("occurred_at", "too_old", "occurred_at is before 1990"));
        }
        let local = ts.to_zoned(self.tz.clone()).date();
        let local_date = format!(
            "{:04}-{:02}-{:02}",
            local.year(),
            local.month(),
            local.day()
        );
        let bcp = input
            .get("bcp")
            .ok_or_else(|| {
                err(
                    "bcp",
                    "required",
                    "bcp (the border crossing point code) is required",
                )
            })?
            .to_ascii_uppercase();
        if !umis_domain::validate::is_bcp_code(&bcp) {
            return Err(err(
                "bcp",
                "invalid_bcp",
                "bcp must be 1–16 letters, digits, '-' or '_'",
            ));
        }
        let travel_mode = input
            .get("travel_mode")
            .ok_or_else(|| err("travel_mode", "required", "travel_mode is required"))?
            .to_ascii_lowercase();
        if !TRAVEL_MODES.contains(&travel_mode.as_str()) {
            return Err(err(
                "travel_mode",
                "unknown_travel_mode",
                "travel_mode must be air, land, sea or rail",
            ));
        }
        let person_id = match input.get("person_id") {
            None => None,
            Some(p) => Some(
                p.parse::<PersonId>()
                    .map_err(|e| err("person_id", "invalid_person_id", &e.to_string()))?
                    .as_i64(),
            ),
        };
        let country = |field: &str| -> Result<Option<String>, RowError> {
            match input.get(field) {
                None => Ok(None),
                Some(c) => {
                    let c = c.to_ascii_uppercase();
                    if crate::known_country(&c) {
                        Ok(Some(c))
                    } else {
                        Err(err(field, "unknown_country", "not an ICAO country code"))
                    }
                }
            }
        };
        let state = country("document_issuing_state")?;
        let nationality = country("nationality")?;
        let document = match (input.get("document_number"), state) {
            (Some(n), Some(s)) => {
                if !plain(n, 32) {
                    return Err(err(
                        "document_number",
                        "invalid_document_number",
                        "document_number must be 1–32 printable characters",
                    ));
                }
                let folded = fold_document_number(n);
                if folded.is_empty() {
                    return Err(err(
                        "document_number",
                        "invalid_document_number",
                        "document_number has no letters or digits",
                    ));
                }
                Some((s, n.to_owned()))
            }
            (Some(_), None) => {
                return Err(err(
                    "document_issuing_state",
                    "required",
                    "document_issuing_state is required with document_number",
                ));
            }
            (None, _) if person_id.is_none() => {
                return Err(err(
                    "document_number",
                    "missing_document",
                    "a person_id or a document_number with its issuing state is required",
                ));
            }
            (None, _) => None,
        };
        let name = |field: &str| -> Result<Option<String>, RowError> {
            match input.get(field) {
                None => Ok(None),
                Some(s) if plain(s, crate::MAX_NAME_CHARS) => Ok(Some(s.to_owned())),
                Some(_) => Err(err(
                    field,
                    "invalid_name",
                    "too long or contains control characters",
                )),
            }
        };
        let surname = name("surname")?;
        let given_names = name("given_names")?;
        let birth_date = match input.get("birth_date") {
            None => None,
            Some(b) => {
                let d = crate::persons::parse_partial_date(b).ok_or_else(|| {
                    err(
                        "birth_date",
                        "invalid_date",
                        "birth_date must be YYYY, YYYY-MM or YYYY-MM-DD",
                    )
                })?;
                if d.is_after(today(self.now())) {
                    return Err(err(
                        "birth_date",
                        "future_date",
                        "birth_date is in the future",
                    ));
                }
                Some(d.to_string())
            }
        };
        let permitted_days = match input.get("permitted_days") {
            None => None,
            Some(p) => match p.parse::<i64>() {
                Ok(n) if (1..=3650).contains(&n) => Some(n),
                _ => {
                    return Err(err(
                        "permitted_days",
                        "invalid_permitted_days",
                        "permitted_days must be a whole number from 1 to 3650",
                    ));
                }
            },
        };
        let visa_ref = match input.get("visa_ref") {
            None => None,
            Some(v) if plain(v, 64) => Some(v.to_owned()),
            Some(_) => {
                return Err(err(
                    "visa_ref",
                    "invalid_visa_ref",
                    "visa_ref must be 1–64 printable characters",
                ));
            }
        };
        let mut h = Sha256::new();
        for k in EVENT_FIELDS {
            h.update(k.as_bytes());
            h.update([0]);
            h.update(input.get(k).unwrap_or("").as_bytes());
            h.update([0]);
        }
        // The instant, not its spelling: the same moment with another offset is the same event.
        h.update(occurred_at.to_le_bytes());
        Ok(Valid {
            row,
            event_id: event_id.to_owned(),
            direction,
            occurred_at,
            local_date,
            bcp,
            travel_mode,
            person_id,
            document,
            nationality,
            surname,
            given_names,
            birth_date,
            permitted_days,
            visa_ref,
            fingerprint: hex::encode(h.finalize()),
        })
    }
}
