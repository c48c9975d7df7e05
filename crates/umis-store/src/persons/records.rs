//! The person record types: a person with its names, one to create, a correction of its core
//! facts, and one change of its history.

use super::{Document, NewDocument};

/// One name of a person as written somewhere (original script, MRZ form, alias).
#[derive(Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PersonName {
    /// `primary`, `mrz`, `alias` or `previous`.
    pub kind: String,
    /// Surname.
    pub surname: String,
    /// Given names.
    pub given_names: Option<String>,
    /// Patronymic.
    pub patronymic: Option<String>,
}

impl std::fmt::Debug for PersonName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Names are personal data: never in logs.
        f.debug_struct("PersonName")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// A person to create.
#[derive(Clone)]
pub struct NewPersonRow {
    /// The UMIS person number.
    pub person_id: i64,
    /// The identifier in the system it was imported from.
    pub external_id: Option<String>,
    /// `M`, `F`, `X`.
    pub sex: Option<String>,
    /// Partial date of birth (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    pub birth_date: Option<String>,
    /// Year of birth, for filtering.
    pub birth_year: Option<i32>,
    /// Place of birth.
    pub place_of_birth: Option<String>,
    /// Names; the first is the primary one.
    pub names: Vec<PersonName>,
    /// ICAO nationality codes.
    pub nationalities: Vec<String>,
    /// Identity documents.
    pub documents: Vec<NewDocument>,
    /// Created (Unix µs).
    pub created_at: i64,
    /// Who created it (for the history).
    pub created_by: String,
}

impl std::fmt::Debug for NewPersonRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewPersonRow")
            .field("person_id", &self.person_id)
            .finish_non_exhaustive()
    }
}

/// A stored person with everything attached.
#[derive(Clone)]
pub struct Person {
    /// The UMIS person number.
    pub person_id: i64,
    /// External identifier.
    pub external_id: Option<String>,
    /// `active` or `merged`.
    pub status: String,
    /// The survivor, when merged.
    pub merged_into: Option<i64>,
    /// Sex.
    pub sex: Option<String>,
    /// Partial date of birth.
    pub birth_date: Option<String>,
    /// Place of birth.
    pub place_of_birth: Option<String>,
    /// Optimistic-locking version.
    pub version: i32,
    /// Created (Unix µs).
    pub created_at: i64,
    /// Last changed (Unix µs).
    pub updated_at: i64,
    /// Names, primary first.
    pub names: Vec<PersonName>,
    /// Nationalities.
    pub nationalities: Vec<String>,
    /// Documents.
    pub documents: Vec<Document>,
}

impl std::fmt::Debug for Person {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Person")
            .field("person_id", &self.person_id)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// New core facts and primary name of a person.
#[derive(Clone)]
pub struct PersonUpdate {
    /// The person.
    pub person_id: i64,
    /// Primary name.
    pub name: PersonName,
    /// Sex.
    pub sex: Option<String>,
    /// Partial date of birth.
    pub birth_date: Option<String>,
    /// Year of birth.
    pub birth_year: Option<i32>,
    /// Place of birth.
    pub place_of_birth: Option<String>,
    /// Nationalities.
    pub nationalities: Vec<String>,
    /// When (Unix µs).
    pub at: i64,
}

impl std::fmt::Debug for PersonUpdate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PersonUpdate")
            .field("person_id", &self.person_id)
            .finish_non_exhaustive()
    }
}

/// One change in a person's history.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HistoryEntry {
    /// Position in the person's history.
    pub seq: i32,
    /// When (Unix µs).
    pub at: i64,
    /// Who.
    pub actor: String,
    /// `create`, `update`, `add_document`, …
    pub action: String,
    /// What changed, as JSON (`{"field": {"before": …, "after": …}}` for updates).
    pub changes: String,
}
