//! The person registry: persons with their name variants, nationalities and identity documents,
//! and the history of every change. Writes carry their audit entry in the same transaction.

mod documents;
mod load;
mod merge;
mod read;
mod records;
mod update;
mod write;

use crate::{Store, StoreError, audited, on_pool};
use umis_domain::NewAuditEntry;

use documents::{DOCUMENT_COLUMNS, insert_document};
pub use documents::{Document, NewDocument};
pub use records::{HistoryEntry, NewPersonRow, Person, PersonName, PersonUpdate};

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
