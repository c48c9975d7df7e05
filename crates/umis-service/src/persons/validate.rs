//! A person's facts checked before they are stored: names in any script, dates, countries, documents.

use super::*;

/// Trims a name part; refuses control characters, digits-only text and over-long input.
pub(super) fn clean_name(
    field: &'static str,
    s: &str,
    required: bool,
) -> Result<Option<String>, ServiceError> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        return if required {
            Err(invalid(field, "required", format!("{field} is required")))
        } else {
            Ok(None)
        };
    }
    if t.chars().count() > MAX_NAME_CHARS {
        return Err(invalid(
            field,
            "too_long",
            format!("{field} is longer than {MAX_NAME_CHARS} characters"),
        ));
    }
    if t.chars().any(|c| c.is_control()) || !t.chars().any(char::is_alphabetic) {
        return Err(invalid(
            field,
            "invalid_name",
            format!("{field} must contain letters and no control characters"),
        ));
    }
    Ok(Some(t))
}

pub(super) fn parse_country(field: &'static str, code: &str) -> Result<String, ServiceError> {
    let c = code.trim().to_ascii_uppercase();
    if known_country(&c) {
        Ok(c)
    } else {
        Err(invalid(
            field,
            "unknown_country",
            format!(
                "'{}' is not an ICAO country code",
                code.chars().take(8).collect::<String>()
            ),
        ))
    }
}

pub(super) fn full_date(
    field: &'static str,
    s: &Option<String>,
) -> Result<Option<String>, ServiceError> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(d) => match d.parse::<PartialDate>() {
            Ok(p) if p.day.is_some() => Ok(Some(p.to_string())),
            _ => Err(invalid(
                field,
                "invalid_date",
                format!("{field} must be a date YYYY-MM-DD"),
            )),
        },
    }
}

/// Validates a document input.
pub fn validate_document(d: &DocumentInput) -> Result<NewDocument, ServiceError> {
    let doc_type: DocumentType =
        serde_json::from_value(serde_json::Value::String(d.doc_type.clone())).map_err(|_| {
            invalid(
                "doc_type",
                "unknown_doc_type",
                format!(
                    "unknown document type '{}'",
                    d.doc_type.chars().take(32).collect::<String>()
                ),
            )
        })?;
    let status: DocumentStatus = serde_json::from_value(serde_json::Value::String(
        d.status.clone().unwrap_or_else(|| "valid".into()),
    ))
    .map_err(|_| {
        invalid(
            "status",
            "unknown_status",
            "status must be valid, lost, stolen, expired or revoked",
        )
    })?;
    let number: String = d
        .number
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("")
        .to_ascii_uppercase();
    if number.is_empty()
        || number.len() > 30
        || !number
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'/')
    {
        return Err(invalid(
            "document_number",
            "invalid_document_number",
            "the number must be 1–30 letters or digits",
        ));
    }
    let mrz = d
        .mrz
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_owned);
    if mrz.as_ref().is_some_and(|m| m.len() > 200) {
        return Err(invalid("mrz", "too_long", "the MRZ text is too long"));
    }
    Ok(NewDocument {
        doc_type: serde_json::to_value(doc_type)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        issuing_state: parse_country("document_issuing_state", &d.issuing_state)?,
        number_folded: fold_document_number(&number),
        number,
        issue_date: full_date("issue_date", &d.issue_date)?,
        expiry_date: full_date("expiry_date", &d.expiry_date)?,
        status: serde_json::to_value(status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        mrz,
    })
}

impl Services {
    /// Validates a new person into a storable row (without storing it).
    pub fn validate_person(
        &self,
        input: &NewPersonInput,
        created_by: &str,
    ) -> Result<NewPersonRow, ServiceError> {
        let surname = clean_name("surname", &input.surname, true)?.unwrap_or_default();
        let given_names = clean_name(
            "given_names",
            input.given_names.as_deref().unwrap_or(""),
            false,
        )?;
        let patronymic = clean_name(
            "patronymic",
            input.patronymic.as_deref().unwrap_or(""),
            false,
        )?;
        let sex = match input
            .sex
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => Some(
                s.parse::<Sex>()
                    .map_err(|e| invalid("sex", "unknown_sex", e.to_string()))?
                    .as_str()
                    .to_owned(),
            ),
        };
        let birth = match input
            .birth_date
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => {
                let d: PartialDate = s.parse().map_err(|e: umis_domain::person::DateError| {
                    invalid("birth_date", "invalid_date", e.to_string())
                })?;
                if d.is_after(today(self.now())) {
                    return Err(invalid(
                        "birth_date",
                        "future_date",
                        "the date of birth is in the future",
                    ));
                }
                if d.year < 1880 {
                    return Err(invalid(
                        "birth_date",
                        "invalid_date",
                        "the date of birth is implausibly early",
                    ));
                }
                Some(d)
            }
        };
        if input.nationalities.len() > MAX_NATIONALITIES {
            return Err(invalid(
                "nationality",
                "too_many",
                "at most 8 nationalities",
            ));
        }
        let mut nationalities = Vec::new();
        for c in &input.nationalities {
            let c = parse_country("nationality", c)?;
            if !nationalities.contains(&c) {
                nationalities.push(c);
            }
        }
        let place_of_birth = clean_name(
            "place_of_birth",
            input.place_of_birth.as_deref().unwrap_or(""),
            false,
        )?;
        let external_id = match input
            .external_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(e) if e.len() <= 64 && !e.chars().any(char::is_control) => Some(e.to_owned()),
            Some(_) => {
                return Err(invalid(
                    "external_id",
                    "invalid_external_id",
                    "external_id must be 1–64 characters",
                ));
            }
        };
        let mut names = vec![PersonName {
            kind: "primary".into(),
            surname,
            given_names,
            patronymic,
        }];
        if input.aliases.len() > 20 {
            return Err(invalid("aliases", "too_many", "at most 20 name variants"));
        }
        for a in &input.aliases {
            names.push(PersonName {
                kind: "alias".into(),
                surname: clean_name("surname", &a.surname, true)?.unwrap_or_default(),
                given_names: clean_name(
                    "given_names",
                    a.given_names.as_deref().unwrap_or(""),
                    false,
                )?,
                patronymic: clean_name("patronymic", a.patronymic.as_deref().unwrap_or(""), false)?,
            });
        }
        if input.documents.len() > 20 {
            return Err(invalid("documents", "too_many", "at most 20 documents"));
        }
        let documents = input
            .documents
            .iter()
            .map(validate_document)
            .collect::<Result<Vec<_>, _>>()?;
        let mut rnd = [0u8; 8];
        rnd.copy_from_slice(&random_bytes(8)?);
        Ok(NewPersonRow {
            person_id: PersonId::from_random(u64::from_le_bytes(rnd)).as_i64(),
            external_id,
            sex,
            birth_year: birth.map(|b| b.year),
            birth_date: birth.map(|b| b.to_string()),
            place_of_birth,
            names,
            nationalities,
            documents,
            created_at: self.now(),
            created_by: created_by.to_owned(),
        })
    }
}
