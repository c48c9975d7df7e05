//! The person registry's use cases: create, view (audited as a read of personal data), list,
//! and add identity documents — with validation that names every offending field.

use crate::secret::random_bytes;
use crate::{Ctx, ServiceError, Services};
use std::fmt;
use umis_domain::person::{
    DocumentStatus, DocumentType, PartialDate, PersonId, Sex, fold_document_number,
};
use umis_domain::{AuditOutcome, Permission};
use umis_store::{NewDocument, NewPersonRow, Person, PersonName};

/// Longest accepted name part, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// The most nationalities one person record holds.
pub const MAX_NATIONALITIES: usize = 8;

/// A person as submitted by an officer, a partner or an import.
#[derive(Clone, Default, serde::Deserialize)]
pub struct NewPersonInput {
    /// Surname in the original script (required).
    pub surname: String,
    /// Given names.
    #[serde(default)]
    pub given_names: Option<String>,
    /// Patronymic.
    #[serde(default)]
    pub patronymic: Option<String>,
    /// `M`, `F` or `X`.
    #[serde(default)]
    pub sex: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub birth_date: Option<String>,
    /// Place of birth.
    #[serde(default)]
    pub place_of_birth: Option<String>,
    /// ICAO nationality codes (`XXA` for stateless).
    #[serde(default)]
    pub nationalities: Vec<String>,
    /// Identifier in the system the record comes from.
    #[serde(default)]
    pub external_id: Option<String>,
    /// Other spellings (e.g. the MRZ form, a Russian-language document).
    #[serde(default)]
    pub aliases: Vec<NameInput>,
    /// Identity documents.
    #[serde(default)]
    pub documents: Vec<DocumentInput>,
}

impl fmt::Debug for NewPersonInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPersonInput(..)")
    }
}

/// Another spelling of a person's name.
#[derive(Clone, Default, serde::Deserialize)]
pub struct NameInput {
    /// Surname.
    pub surname: String,
    /// Given names.
    #[serde(default)]
    pub given_names: Option<String>,
    /// Patronymic.
    #[serde(default)]
    pub patronymic: Option<String>,
}

/// An identity document as submitted.
#[derive(Clone, Default, serde::Deserialize)]
pub struct DocumentInput {
    /// `passport`, `id_card`, `refugee_travel_document`, `stateless_travel_document`,
    /// `residence_card`, `visa`, `other`.
    #[serde(default = "default_doc_type")]
    pub doc_type: String,
    /// ICAO code of the issuing state.
    pub issuing_state: String,
    /// Number as printed.
    pub number: String,
    /// Issue date, YYYY-MM-DD.
    #[serde(default)]
    pub issue_date: Option<String>,
    /// Expiry date, YYYY-MM-DD.
    #[serde(default)]
    pub expiry_date: Option<String>,
    /// `valid` (default), `lost`, `stolen`, `expired`, `revoked`.
    #[serde(default)]
    pub status: Option<String>,
    /// MRZ text the document was read from.
    #[serde(default)]
    pub mrz: Option<String>,
}

impl fmt::Debug for NameInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NameInput(..)")
    }
}

impl fmt::Debug for DocumentInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DocumentInput")
            .field("doc_type", &self.doc_type)
            .finish_non_exhaustive()
    }
}

fn default_doc_type() -> String {
    "passport".into()
}

fn parse_person_id(field: &'static str, s: &str) -> Result<PersonId, ServiceError> {
    s.parse().map_err(|e: umis_domain::person::PersonIdError| {
        invalid(field, "invalid_person_id", e.to_string())
    })
}

/// Reads the cursor of a list ordered by person number: the position after which the next page
/// starts, as digits (the last person number of the previous page).
pub(crate) fn person_cursor(s: &str) -> Result<i64, ServiceError> {
    let s = s.trim();
    if (1..=18).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().map_err(|_| {
            invalid(
                "cursor",
                "invalid_cursor",
                "the cursor is not one this API issued",
            )
        })
    } else {
        Err(invalid(
            "cursor",
            "invalid_cursor",
            "the cursor is not one this API issued",
        ))
    }
}

/// A validation error on `field` (shared by the service modules).
pub(crate) fn invalid(
    field: &'static str,
    code: &'static str,
    message: impl Into<String>,
) -> ServiceError {
    ServiceError::invalid(field, code, message)
}

/// Trims a name part; refuses control characters, digits-only text and over-long input.
fn clean_name(
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

/// Whether `code` is a known ICAO country or special code.
pub fn known_country(code: &str) -> bool {
    umis_domain::mrz::is_known_country(code)
}

fn parse_country(field: &'static str, code: &str) -> Result<String, ServiceError> {
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

fn full_date(field: &'static str, s: &Option<String>) -> Result<Option<String>, ServiceError> {
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

pub(crate) fn today(now_micros: i64) -> PartialDate {
    let days = now_micros.div_euclid(86_400_000_000);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    PartialDate {
        year: i32::try_from(y).unwrap_or(1970),
        month: u8::try_from(m).ok(),
        day: u8::try_from(d).ok(),
    }
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub(crate) fn parse_partial_date(s: &str) -> Option<PartialDate> {
    s.trim().parse().ok()
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

    /// Creates a person (officers with the right role, clients with `persons:write`).
    pub async fn create_person(
        &self,
        ctx: &Ctx,
        input: &NewPersonInput,
    ) -> Result<Person, ServiceError> {
        self.authorize(ctx, Permission::WritePersons, "person.create")
            .await?;
        let row = self.validate_person(input, &ctx.actor_name())?;
        if let Some(ext) = &row.external_id
            && self.store.find_person_by_external_id(ext).await?.is_some()
        {
            return Err(ServiceError::Conflict(
                "a person with this external_id exists".into(),
            ));
        }
        let id = PersonId::from_stored(row.person_id).to_string();
        let audit = ctx
            .audit(row.created_at, "person.create", AuditOutcome::Ok)
            .object("person", id.clone())
            .person(id);
        self.store.create_person(&row, audit).await?;
        let person = self
            .store
            .find_person(row.person_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.index_person(&person);
        self.queue_likely_duplicates(&person).await;
        Ok(person)
    }

    /// Imports one person: an `external_id` seen before leaves the registry unchanged, so the
    /// same file can be imported twice. Returns the person number and whether it was created.
    pub async fn import_person(
        &self,
        ctx: &Ctx,
        input: &NewPersonInput,
    ) -> Result<(String, bool), ServiceError> {
        if let Some(ext) = input
            .external_id
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
            && let Some(id) = self.store.find_person_by_external_id(ext).await?
        {
            return Ok((PersonId::from_stored(id).to_string(), false));
        }
        let person = self.create_person(ctx, input).await?;
        Ok((PersonId::from_stored(person.person_id).to_string(), true))
    }

    /// Merges the duplicate `merged_id` into `survivor_id` (officers who may write persons): the
    /// survivor keeps every name variant, document and nationality, and the merged number
    /// resolves to the survivor from then on.
    pub async fn merge_persons(
        &self,
        ctx: &Ctx,
        survivor_id: &str,
        merged_id: &str,
    ) -> Result<Person, ServiceError> {
        self.authorize(ctx, Permission::WritePersons, "person.merge")
            .await?;
        let (survivor, merged) = (
            parse_person_id("survivor", survivor_id)?,
            parse_person_id("merged", merged_id)?,
        );
        if survivor == merged {
            return Err(invalid(
                "merged",
                "same_person",
                "a person cannot be merged into itself",
            ));
        }
        for id in [survivor, merged] {
            if self.store.find_person(id.as_i64()).await?.is_none() {
                return Err(ServiceError::NotFound);
            }
        }
        let now = self.now();
        let audit = ctx
            .audit(now, "person.merge", AuditOutcome::Ok)
            .object("person", survivor.to_string())
            .person(survivor.to_string())
            .detail("merged", merged.to_string());
        self.store
            .merge_persons(
                survivor.as_i64(),
                merged.as_i64(),
                now,
                &ctx.actor_name(),
                audit,
            )
            .await?;
        let person = self
            .store
            .find_person(survivor.as_i64())
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.unindex_person(merged.as_i64());
        self.index_person(&person);
        self.queue_likely_duplicates(&person).await;
        // The merged record's border events count as the survivor's from now on.
        self.refresh_stays(&[survivor.as_i64(), merged.as_i64()])
            .await?;
        Ok(person)
    }

    /// Undoes a merge (administrators only).
    pub async fn unmerge_persons(
        &self,
        ctx: &Ctx,
        survivor_id: &str,
        merged_id: &str,
    ) -> Result<(), ServiceError> {
        self.authorize(ctx, Permission::UndoMerge, "person.unmerge")
            .await?;
        let (survivor, merged) = (
            parse_person_id("survivor", survivor_id)?,
            parse_person_id("merged", merged_id)?,
        );
        let now = self.now();
        let audit = ctx
            .audit(now, "person.unmerge", AuditOutcome::Ok)
            .object("person", survivor.to_string())
            .person(survivor.to_string())
            .detail("merged", merged.to_string());
        self.store
            .unmerge_persons(
                survivor.as_i64(),
                merged.as_i64(),
                now,
                &ctx.actor_name(),
                audit,
            )
            .await?;
        for id in [survivor, merged] {
            if let Some(p) = self.store.find_person(id.as_i64()).await? {
                self.index_person(&p);
            }
        }
        self.refresh_stays(&[survivor.as_i64(), merged.as_i64()])
            .await?;
        Ok(())
    }

    /// A person by number; the view is audited as a read of personal data, with its purpose.
    pub async fn get_person(
        &self,
        ctx: &Ctx,
        person_id: &str,
        purpose: Option<String>,
    ) -> Result<Person, ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "person.view")
            .await?;
        let id = parse_person_id("person_id", person_id)?;
        let mut person = self
            .store
            .find_person(id.as_i64())
            .await?
            .ok_or(ServiceError::NotFound)?;
        // A merged number resolves to the surviving record (following chains of merges).
        let mut hops = 0;
        while let (Some(next), true) = (person.merged_into, hops < 8) {
            person = self
                .store
                .find_person(next)
                .await?
                .ok_or(ServiceError::NotFound)?;
            hops += 1;
        }
        let details = if hops > 0 {
            serde_json::json!({ "resolved_from": id.to_string() })
        } else {
            serde_json::json!({})
        };
        let shown = PersonId::from_stored(person.person_id).to_string();
        self.audit_read(ctx, "person.view", Some(&shown), purpose, details)
            .await?;
        Ok(person)
    }

    /// A page of persons after `cursor` (a person number), and the cursor of the next page.
    pub async fn list_persons(
        &self,
        ctx: &Ctx,
        cursor: Option<&str>,
        limit: i64,
        status: Option<&str>,
    ) -> Result<(Vec<Person>, Option<String>), ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "person.list")
            .await?;
        let after = match cursor {
            None => None,
            Some(c) => Some(person_cursor(c)?),
        };
        let limit = limit.clamp(1, 500);
        let persons = self.store.list_persons(after, limit, status).await?;
        let next = (persons.len() as i64 == limit)
            .then(|| {
                persons
                    .last()
                    .map(|p| PersonId::from_stored(p.person_id).to_string())
            })
            .flatten();
        self.audit_read(
            ctx,
            "person.list",
            None,
            None,
            serde_json::json!({ "limit": limit, "results": persons.len() }),
        )
        .await?;
        Ok((persons, next))
    }

    /// The records of persons a screen shows beside another result (search hits, duplicate
    /// pairs): permission-checked and audited as a listing that names every person shown.
    pub async fn persons_shown(&self, ctx: &Ctx, ids: &[i64]) -> Result<Vec<Person>, ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "person.list")
            .await?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let persons = self.store.load_persons(ids).await?;
        let shown: Vec<String> = persons
            .iter()
            .map(|p| PersonId::from_stored(p.person_id).to_string())
            .collect();
        self.audit_read(
            ctx,
            "person.list",
            None,
            None,
            serde_json::json!({ "results": persons.len(), "persons": shown }),
        )
        .await?;
        Ok(persons)
    }

    /// Changes a person's core facts and primary name. `version` must be the version the editor
    /// saw, so two officers cannot overwrite each other unknowingly; the history records every
    /// changed field's value before and after.
    pub async fn update_person(
        &self,
        ctx: &Ctx,
        person_id: &str,
        edit: &NewPersonInput,
        version: i32,
    ) -> Result<Person, ServiceError> {
        self.authorize(ctx, Permission::WritePersons, "person.update")
            .await?;
        let id = parse_person_id("person_id", person_id)?;
        let before = self
            .store
            .find_person(id.as_i64())
            .await?
            .ok_or(ServiceError::NotFound)?;
        let row = self.validate_person(edit, &ctx.actor_name())?;
        let Some(name) = row.names.into_iter().next() else {
            return Err(invalid("surname", "required", "surname is required"));
        };
        let old_name = before.names.first();
        let mut changes = serde_json::Map::new();
        let mut note = |field: &str, old: serde_json::Value, new: serde_json::Value| {
            if old != new {
                changes.insert(
                    field.to_owned(),
                    serde_json::json!({ "before": old, "after": new }),
                );
            }
        };
        note(
            "surname",
            old_name.map(|n| n.surname.clone()).into(),
            name.surname.clone().into(),
        );
        note(
            "given_names",
            old_name.and_then(|n| n.given_names.clone()).into(),
            name.given_names.clone().into(),
        );
        note(
            "patronymic",
            old_name.and_then(|n| n.patronymic.clone()).into(),
            name.patronymic.clone().into(),
        );
        note("sex", before.sex.clone().into(), row.sex.clone().into());
        note(
            "birth_date",
            before.birth_date.clone().into(),
            row.birth_date.clone().into(),
        );
        note(
            "place_of_birth",
            before.place_of_birth.clone().into(),
            row.place_of_birth.clone().into(),
        );
        note(
            "nationalities",
            before.nationalities.clone().into(),
            row.nationalities.clone().into(),
        );
        if changes.is_empty() {
            return Ok(before);
        }
        let now = self.now();
        let update = umis_store::PersonUpdate {
            person_id: id.as_i64(),
            name,
            sex: row.sex,
            birth_date: row.birth_date,
            birth_year: row.birth_year,
            place_of_birth: row.place_of_birth,
            nationalities: row.nationalities,
            at: now,
        };
        let fields: Vec<String> = changes.keys().cloned().collect();
        let audit = ctx
            .audit(now, "person.update", AuditOutcome::Ok)
            .object("person", id.to_string())
            .person(id.to_string())
            .detail("fields", fields);
        self.store
            .update_person(
                &update,
                version,
                &serde_json::Value::Object(changes),
                &ctx.actor_name(),
                audit,
            )
            .await?;
        let person = self
            .store
            .find_person(id.as_i64())
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.index_person(&person);
        self.queue_likely_duplicates(&person).await;
        Ok(person)
    }

    /// A person's history of changes (part of viewing the person: callers audit the view).
    pub async fn person_history(
        &self,
        ctx: &Ctx,
        person_id: &str,
    ) -> Result<Vec<umis_store::HistoryEntry>, ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "person.view")
            .await?;
        let id = parse_person_id("person_id", person_id)?;
        Ok(self.store.person_history(id.as_i64()).await?)
    }

    /// Attaches an identity document to a person.
    pub async fn add_document(
        &self,
        ctx: &Ctx,
        person_id: &str,
        input: &DocumentInput,
    ) -> Result<Person, ServiceError> {
        self.authorize(ctx, Permission::WritePersons, "person.add_document")
            .await?;
        let id = parse_person_id("person_id", person_id)?;
        let doc = validate_document(input)?;
        if self.store.find_person(id.as_i64()).await?.is_none() {
            return Err(ServiceError::NotFound);
        }
        let now = self.now();
        let audit = ctx
            .audit(now, "person.add_document", AuditOutcome::Ok)
            .object("person", id.to_string())
            .person(id.to_string());
        self.store
            .add_document(id.as_i64(), &doc, now, &ctx.actor_name(), audit)
            .await?;
        let person = self
            .store
            .find_person(id.as_i64())
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.index_person(&person);
        self.queue_likely_duplicates(&person).await;
        Ok(person)
    }
}

#[cfg(test)]
mod tests {
    use super::today;

    #[test]
    fn civil_date_of_an_instant() {
        let d = today(1_795_379_400_000_000); // 2026-11-22T20:30Z
        assert_eq!((d.year, d.month, d.day), (2026, Some(11), Some(22)));
        let d = today(0);
        assert_eq!((d.year, d.month, d.day), (1970, Some(1), Some(1)));
        let d = today(951_782_400_000_000); // 2000-02-29
        assert_eq!((d.year, d.month, d.day), (2000, Some(2), Some(29)));
    }
}
