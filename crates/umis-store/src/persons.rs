//! The person registry: persons with their name variants, nationalities and identity documents,
//! and the history of every change. Writes carry their audit entry in the same transaction.

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

impl Store {
    /// Stores a new person with names, nationalities, documents and a first history entry.
    pub async fn create_person(
        &self,
        p: &NewPersonRow,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        let changes = serde_json::json!({ "created": true, "names": p.names.len(),
            "documents": p.documents.len() })
        .to_string();
        audited!(&self.db, tx => {
            sqlx::query(
                "INSERT INTO persons (person_id, external_id, sex, birth_date, birth_year, \
                 place_of_birth, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
            )
            .bind(p.person_id)
            .bind(&p.external_id)
            .bind(&p.sex)
            .bind(&p.birth_date)
            .bind(p.birth_year)
            .bind(&p.place_of_birth)
            .bind(p.created_at)
            .execute(&mut *tx)
            .await?;
            for (i, n) in p.names.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO person_names (person_id, seq, kind, surname, given_names, \
                     patronymic) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(p.person_id)
                .bind(i32::try_from(i).unwrap_or(i32::MAX))
                .bind(&n.kind)
                .bind(&n.surname)
                .bind(&n.given_names)
                .bind(&n.patronymic)
                .execute(&mut *tx)
                .await?;
            }
            for c in &p.nationalities {
                sqlx::query("INSERT INTO person_nationalities (person_id, country) VALUES ($1, $2)")
                    .bind(p.person_id)
                    .bind(c)
                    .execute(&mut *tx)
                    .await?;
            }
            for (i, d) in p.documents.iter().enumerate() {
                insert_document!(tx, p.person_id, i64::try_from(i).unwrap_or(0) + 1, d, p.created_at);
            }
            sqlx::query(
                "INSERT INTO person_history (person_id, seq, at, actor, action, changes) \
                 VALUES ($1, 1, $2, $3, 'create', $4)",
            )
            .bind(p.person_id)
            .bind(p.created_at)
            .bind(&p.created_by)
            .bind(&changes)
            .execute(&mut *tx)
            .await?;
        }, audit);
        Ok(())
    }

    /// Adds a document to a person; returns its number within the record.
    pub async fn add_document(
        &self,
        person_id: i64,
        doc: &NewDocument,
        at: i64,
        actor: &str,
        audit: NewAuditEntry,
    ) -> Result<i64, StoreError> {
        Ok(audited!(&self.db, tx => {
            let (next,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(document_id), 0) + 1 FROM identity_documents WHERE person_id = $1",
            )
            .bind(person_id)
            .fetch_one(&mut *tx)
            .await?;
            insert_document!(tx, person_id, next, doc, at);
            let (seq,): (i32,) = sqlx::query_as(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM person_history WHERE person_id = $1",
            )
            .bind(person_id)
            .fetch_one(&mut *tx)
            .await?;
            let changes = serde_json::json!({ "document_added": next, "doc_type": doc.doc_type,
                "issuing_state": doc.issuing_state }).to_string();
            sqlx::query(
                "INSERT INTO person_history (person_id, seq, at, actor, action, changes) \
                 VALUES ($1, $2, $3, $4, 'add_document', $5)",
            )
            .bind(person_id)
            .bind(seq)
            .bind(at)
            .bind(actor)
            .bind(&changes)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE persons SET version = version + 1, updated_at = $1 WHERE person_id = $2")
                .bind(at)
                .bind(person_id)
                .execute(&mut *tx)
                .await?;
            next
        }, |n| audit.detail("document_id", n)))
    }

    /// The person with `person_id`, with names, nationalities and documents.
    pub async fn find_person(&self, person_id: i64) -> Result<Option<Person>, StoreError> {
        Ok(self.load_persons(&[person_id]).await?.pop())
    }

    /// The person imported with `external_id`, if any.
    pub async fn find_person_by_external_id(
        &self,
        external_id: &str,
    ) -> Result<Option<i64>, StoreError> {
        let row: Option<(i64,)> = on_pool!(&self.db, pool =>
            sqlx::query_as("SELECT person_id FROM persons WHERE external_id = $1")
                .bind(external_id).fetch_optional(pool).await?);
        Ok(row.map(|(id,)| id))
    }

    /// Up to `limit` persons with `person_id > after`, in person-number order, optionally only
    /// those with `status`.
    pub async fn list_persons(
        &self,
        after: Option<i64>,
        limit: i64,
        status: Option<&str>,
    ) -> Result<Vec<Person>, StoreError> {
        let ids: Vec<(i64,)> = on_pool!(&self.db, pool => {
            sqlx::query_as(
                "SELECT person_id FROM persons WHERE person_id > $1 \
                 AND ($2 IS NULL OR status = $2) ORDER BY person_id LIMIT $3",
            )
            .bind(after.unwrap_or(0))
            .bind(status)
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        let ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();
        self.load_persons(&ids).await
    }

    /// Loads persons with everything attached, in the order of `ids` (missing ones skipped).
    pub async fn load_persons(&self, ids: &[i64]) -> Result<Vec<Person>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = crate::placeholders(self.is_sqlite(), 1, ids.len());
        let q_persons = format!("SELECT {PERSON_COLUMNS} FROM persons WHERE person_id IN ({list})");
        let q_names = format!(
            "SELECT person_id, kind, surname, given_names, patronymic FROM person_names \
             WHERE person_id IN ({list}) ORDER BY person_id, seq"
        );
        let q_nat = format!(
            "SELECT person_id, country FROM person_nationalities WHERE person_id IN ({list}) \
             ORDER BY person_id, country"
        );
        let q_docs = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM identity_documents WHERE person_id IN ({list}) \
             ORDER BY person_id, document_id"
        );
        let (persons, names, nats, docs): PersonParts = on_pool!(&self.db, pool => {
            let mut a = sqlx::query_as(sqlx::AssertSqlSafe(q_persons));
            let mut b = sqlx::query_as(sqlx::AssertSqlSafe(q_names));
            let mut c = sqlx::query_as(sqlx::AssertSqlSafe(q_nat));
            let mut d = sqlx::query_as(sqlx::AssertSqlSafe(q_docs));
            for id in ids {
                a = a.bind(*id);
                b = b.bind(*id);
                c = c.bind(*id);
                d = d.bind(*id);
            }
            (
                a.fetch_all(pool).await?,
                b.fetch_all(pool).await?,
                c.fetch_all(pool).await?,
                d.fetch_all(pool).await?,
            )
        });
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(p) = persons.iter().find(|p| p.person_id == *id) else {
                continue;
            };
            out.push(Person {
                person_id: p.person_id,
                external_id: p.external_id.clone(),
                status: p.status.clone(),
                merged_into: p.merged_into,
                sex: p.sex.clone(),
                birth_date: p.birth_date.clone(),
                place_of_birth: p.place_of_birth.clone(),
                version: p.version,
                created_at: p.created_at,
                updated_at: p.updated_at,
                names: names
                    .iter()
                    .filter(|n| n.person_id == *id)
                    .map(|n| PersonName {
                        kind: n.kind.clone(),
                        surname: n.surname.clone(),
                        given_names: n.given_names.clone(),
                        patronymic: n.patronymic.clone(),
                    })
                    .collect(),
                nationalities: nats
                    .iter()
                    .filter(|(pid, _)| pid == id)
                    .map(|(_, c)| c.clone())
                    .collect(),
                documents: docs
                    .iter()
                    .filter(|d| d.person_id == *id)
                    .cloned()
                    .collect(),
            });
        }
        Ok(out)
    }

    /// Changes a person's core facts and primary name if the stored version is `expected_version`
    /// (otherwise [`StoreError::Conflict`]), recording `changes` (before/after) in the history.
    pub async fn update_person(
        &self,
        update: &PersonUpdate,
        expected_version: i32,
        changes: &serde_json::Value,
        actor: &str,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        let changes = changes.to_string();
        audited!(&self.db, tx => {
            let done = sqlx::query(
                "UPDATE persons SET sex = $1, birth_date = $2, birth_year = $3, place_of_birth = $4, \
                 version = version + 1, updated_at = $5 WHERE person_id = $6 AND version = $7",
            )
            .bind(&update.sex)
            .bind(&update.birth_date)
            .bind(update.birth_year)
            .bind(&update.place_of_birth)
            .bind(update.at)
            .bind(update.person_id)
            .bind(expected_version)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Conflict("the person was changed by someone else".into()));
            }
            sqlx::query(
                "UPDATE person_names SET surname = $1, given_names = $2, patronymic = $3 \
                 WHERE person_id = $4 AND seq = 0",
            )
            .bind(&update.name.surname)
            .bind(&update.name.given_names)
            .bind(&update.name.patronymic)
            .bind(update.person_id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM person_nationalities WHERE person_id = $1")
                .bind(update.person_id)
                .execute(&mut *tx)
                .await?;
            for c in &update.nationalities {
                sqlx::query("INSERT INTO person_nationalities (person_id, country) VALUES ($1, $2)")
                    .bind(update.person_id)
                    .bind(c)
                    .execute(&mut *tx)
                    .await?;
            }
            let (seq,): (i32,) = sqlx::query_as(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM person_history WHERE person_id = $1",
            )
            .bind(update.person_id)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO person_history (person_id, seq, at, actor, action, changes) \
                 VALUES ($1, $2, $3, $4, 'update', $5)",
            )
            .bind(update.person_id)
            .bind(seq)
            .bind(update.at)
            .bind(actor)
            .bind(&changes)
            .execute(&mut *tx)
            .await?;
        }, audit);
        Ok(())
    }

    /// The history of a person, oldest first.
    pub async fn person_history(&self, person_id: i64) -> Result<Vec<HistoryEntry>, StoreError> {
        Ok(on_pool!(&self.db, pool => sqlx::query_as(
            "SELECT seq, at, actor, action, changes FROM person_history WHERE person_id = $1 ORDER BY seq",
        )
        .bind(person_id)
        .fetch_all(pool)
        .await?))
    }

    /// Merges `merged` into `survivor`: the survivor gains copies of every name variant,
    /// document and nationality of the merged record (marked with their source, so the merge can
    /// be undone), the merged record points at the survivor, and both histories say so. Either
    /// record not being active is a [`StoreError::Conflict`].
    pub async fn merge_persons(
        &self,
        survivor: i64,
        merged: i64,
        at: i64,
        actor: &str,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            for (id, target) in [(merged, Some(survivor)), (survivor, None)] {
                let done = sqlx::query(
                    "UPDATE persons SET status = CASE WHEN $1 IS NULL THEN status ELSE 'merged' END, \
                     merged_into = $1, version = version + 1, updated_at = $2 \
                     WHERE person_id = $3 AND status = 'active'",
                )
                .bind(target)
                .bind(at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::Conflict(format!("person {id} is not an active record")));
                }
            }
            let (name_offset,): (i32,) = sqlx::query_as(
                "SELECT COALESCE(MAX(seq), -1) + 1 FROM person_names WHERE person_id = $1",
            )
            .bind(survivor)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO person_names (person_id, seq, kind, surname, given_names, patronymic, \
                 source_person_id) SELECT $1, seq + $2, 'merged', surname, given_names, patronymic, $3 \
                 FROM person_names WHERE person_id = $3",
            )
            .bind(survivor)
            .bind(name_offset)
            .bind(merged)
            .execute(&mut *tx)
            .await?;
            let (doc_offset,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(document_id), 0) FROM identity_documents WHERE person_id = $1",
            )
            .bind(survivor)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO identity_documents (person_id, document_id, doc_type, issuing_state, \
                 number, number_folded, issue_date, expiry_date, status, mrz, source_person_id, \
                 created_at) SELECT $1, document_id + $2, doc_type, issuing_state, number, \
                 number_folded, issue_date, expiry_date, status, mrz, $3, created_at \
                 FROM identity_documents WHERE person_id = $3",
            )
            .bind(survivor)
            .bind(doc_offset)
            .bind(merged)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO person_nationalities (person_id, country, source_person_id) \
                 SELECT $1, country, $2 FROM person_nationalities WHERE person_id = $2 \
                 AND country NOT IN (SELECT country FROM person_nationalities WHERE person_id = $1)",
            )
            .bind(survivor)
            .bind(merged)
            .execute(&mut *tx)
            .await?;
            crate::duplicates::mark_pair!(tx, survivor, merged, "open", "merged");
            for (id, action, other) in [(survivor, "merge_in", merged), (merged, "merged_into", survivor)] {
                insert_history!(tx, id, at, actor, action, serde_json::json!({ "person": other.to_string() }).to_string());
            }
        }, audit);
        Ok(())
    }

    /// Undoes the merge of `merged` into `survivor`: the copies go, the merged record is active
    /// again. Conflict unless `merged` is currently merged into `survivor`.
    pub async fn unmerge_persons(
        &self,
        survivor: i64,
        merged: i64,
        at: i64,
        actor: &str,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            let done = sqlx::query(
                "UPDATE persons SET status = 'active', merged_into = NULL, version = version + 1, \
                 updated_at = $1 WHERE person_id = $2 AND status = 'merged' AND merged_into = $3",
            )
            .bind(at)
            .bind(merged)
            .bind(survivor)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Conflict("the record is not merged into that person".into()));
            }
            for table in [
                "DELETE FROM person_names WHERE person_id = $1 AND source_person_id = $2",
                "DELETE FROM identity_documents WHERE person_id = $1 AND source_person_id = $2",
                "DELETE FROM person_nationalities WHERE person_id = $1 AND source_person_id = $2",
            ] {
                sqlx::query(table).bind(survivor).bind(merged).execute(&mut *tx).await?;
            }
            sqlx::query("UPDATE persons SET version = version + 1, updated_at = $1 WHERE person_id = $2")
                .bind(at)
                .bind(survivor)
                .execute(&mut *tx)
                .await?;
            crate::duplicates::mark_pair!(tx, survivor, merged, "merged", "open");
            for (id, action, other) in [(survivor, "unmerge_out", merged), (merged, "unmerged_from", survivor)] {
                insert_history!(tx, id, at, actor, action, serde_json::json!({ "person": other.to_string() }).to_string());
            }
        }, audit);
        Ok(())
    }

    /// How many persons the registry holds.
    pub async fn count_persons(&self) -> Result<i64, StoreError> {
        let (n,): (i64,) = on_pool!(&self.db, pool =>
            sqlx::query_as("SELECT COUNT(*) FROM persons").fetch_one(pool).await?);
        Ok(n)
    }
}

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
