//! The person registry: persons with their name variants, nationalities and identity documents,
//! and the history of every change. Writes carry their audit entry in the same transaction.

mod merge;
mod read;
mod write;

use crate::{Store, StoreError, audited, on_pool};
use umis_domain::NewAuditEntry;

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

/// An identity document to store.
#[derive(Clone)]
pub struct NewDocument {
    /// `passport`, `id_card`, …
    pub doc_type: String,
    /// ICAO code of the issuing state.
    pub issuing_state: String,
    /// The number as printed.
    pub number: String,
    /// The number folded for OCR-tolerant lookup.
    pub number_folded: String,
    /// Issue date (YYYY-MM-DD).
    pub issue_date: Option<String>,
    /// Expiry date (YYYY-MM-DD).
    pub expiry_date: Option<String>,
    /// `valid`, `lost`, `stolen`, `expired`, `revoked`.
    pub status: String,
    /// The MRZ text it was read from, if any.
    pub mrz: Option<String>,
}

impl std::fmt::Debug for NewDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewDocument")
            .field("doc_type", &self.doc_type)
            .field("issuing_state", &self.issuing_state)
            .finish_non_exhaustive()
    }
}

/// A stored identity document.
#[derive(Clone, sqlx::FromRow)]
pub struct Document {
    /// The person it belongs to.
    pub person_id: i64,
    /// Number of the document within the person's record.
    pub document_id: i64,
    /// Kind.
    pub doc_type: String,
    /// Issuing state.
    pub issuing_state: String,
    /// Number as printed.
    pub number: String,
    /// Issue date.
    pub issue_date: Option<String>,
    /// Expiry date.
    pub expiry_date: Option<String>,
    /// Status.
    pub status: String,
    /// MRZ text.
    pub mrz: Option<String>,
    /// Recorded (Unix µs).
    pub created_at: i64,
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("person_id", &self.person_id)
            .field("document_id", &self.document_id)
            .field("doc_type", &self.doc_type)
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

#[derive(sqlx::FromRow)]
struct PersonRow {
    person_id: i64,
    external_id: Option<String>,
    status: String,
    merged_into: Option<i64>,
    sex: Option<String>,
    birth_date: Option<String>,
    place_of_birth: Option<String>,
    version: i32,
    created_at: i64,
    updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct NameRow {
    person_id: i64,
    kind: String,
    surname: String,
    given_names: Option<String>,
    patronymic: Option<String>,
}

/// The rows of a page of persons: core, names, nationalities, documents.
type PersonParts = (
    Vec<PersonRow>,
    Vec<NameRow>,
    Vec<(i64, String)>,
    Vec<Document>,
);

const PERSON_COLUMNS: &str = "person_id, external_id, status, merged_into, sex, birth_date, \
    place_of_birth, version, created_at, updated_at";

const DOCUMENT_COLUMNS: &str = "person_id, document_id, doc_type, issuing_state, number, \
    issue_date, expiry_date, status, mrz, created_at";

macro_rules! insert_history {
    ($tx:expr, $person_id:expr, $at:expr, $actor:expr, $action:expr, $changes:expr) => {{
        let (seq,): (i32,) = sqlx::query_as(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM person_history WHERE person_id = $1",
        )
        .bind($person_id)
        .fetch_one(&mut *$tx)
        .await?;
        sqlx::query(
            "INSERT INTO person_history (person_id, seq, at, actor, action, changes) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind($person_id)
        .bind(seq)
        .bind($at)
        .bind($actor)
        .bind($action)
        .bind($changes)
        .execute(&mut *$tx)
        .await?;
    }};
}

use insert_history;

macro_rules! insert_document {
    ($tx:expr, $person_id:expr, $document_id:expr, $d:expr, $at:expr) => {{
        let d: &$crate::NewDocument = $d;
        sqlx::query(
            "INSERT INTO identity_documents (person_id, document_id, doc_type, issuing_state, \
             number, number_folded, issue_date, expiry_date, status, mrz, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind($person_id)
        .bind($document_id)
        .bind(&d.doc_type)
        .bind(&d.issuing_state)
        .bind(&d.number)
        .bind(&d.number_folded)
        .bind(&d.issue_date)
        .bind(&d.expiry_date)
        .bind(&d.status)
        .bind(&d.mrz)
        .bind($at)
        .execute(&mut *$tx)
        .await?;
    }};
}

use insert_document;
