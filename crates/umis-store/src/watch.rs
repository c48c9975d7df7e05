//! Watch lists: entry bans and other named lists, and the lookups screening needs.

use crate::{Document, Store, StoreError, audited, on_pool};
use umis_domain::NewAuditEntry;

/// A watch-list entry to store.
#[derive(Clone, Default)]
pub struct NewWatchEntry {
    /// `entry_ban` or another list's name.
    pub list: String,
    /// The registered person, when known.
    pub person_id: Option<i64>,
    /// Surname as given.
    pub surname: Option<String>,
    /// Given names as given.
    pub given_names: Option<String>,
    /// Normalised name for lookup.
    pub name_key: Option<String>,
    /// Partial date of birth.
    pub birth_date: Option<String>,
    /// ICAO nationality.
    pub nationality: Option<String>,
    /// Document number as given.
    pub document_number: Option<String>,
    /// Folded document number for lookup.
    pub document_folded: Option<String>,
    /// Legal ground (entry bans).
    pub ground: Option<String>,
    /// The body that ordered it.
    pub issuing_body: Option<String>,
    /// First day in force (YYYY-MM-DD).
    pub valid_from: Option<String>,
    /// Last day in force (YYYY-MM-DD).
    pub valid_to: Option<String>,
    /// Free note.
    pub note: Option<String>,
    /// Who entered it.
    pub created_by: String,
    /// When (Unix µs).
    pub created_at: i64,
}

impl std::fmt::Debug for NewWatchEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewWatchEntry")
            .field("list", &self.list)
            .finish_non_exhaustive()
    }
}

/// A stored watch-list entry.
#[derive(Clone, sqlx::FromRow)]
pub struct WatchEntry {
    /// Id.
    pub entry_id: i64,
    /// List.
    pub list: String,
    /// Linked person.
    pub person_id: Option<i64>,
    /// Surname.
    pub surname: Option<String>,
    /// Given names.
    pub given_names: Option<String>,
    /// Partial date of birth.
    pub birth_date: Option<String>,
    /// Nationality.
    pub nationality: Option<String>,
    /// Document number.
    pub document_number: Option<String>,
    /// Legal ground.
    pub ground: Option<String>,
    /// Ordering body.
    pub issuing_body: Option<String>,
    /// In force from.
    pub valid_from: Option<String>,
    /// In force until.
    pub valid_to: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Entered by.
    pub created_by: String,
    /// Entered (Unix µs).
    pub created_at: i64,
    /// Lifted (Unix µs).
    pub lifted_at: Option<i64>,
}

impl std::fmt::Debug for WatchEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WatchEntry")
            .field("entry_id", &self.entry_id)
            .field("list", &self.list)
            .finish_non_exhaustive()
    }
}

const WATCH_COLUMNS: &str = "entry_id, list, person_id, surname, given_names, birth_date, \
    nationality, document_number, ground, issuing_body, valid_from, valid_to, note, created_by, \
    created_at, lifted_at";

impl Store {
    /// Stores a watch-list entry; returns its id.
    pub async fn create_watch_entry(
        &self,
        e: &NewWatchEntry,
        audit: NewAuditEntry,
    ) -> Result<i64, StoreError> {
        Ok(audited!(&self.db, tx => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO watch_entries (list, person_id, surname, given_names, name_key, \
                 birth_date, nationality, document_number, document_folded, ground, issuing_body, \
                 valid_from, valid_to, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, \
                 $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING entry_id",
            )
            .bind(&e.list)
            .bind(e.person_id)
            .bind(&e.surname)
            .bind(&e.given_names)
            .bind(&e.name_key)
            .bind(&e.birth_date)
            .bind(&e.nationality)
            .bind(&e.document_number)
            .bind(&e.document_folded)
            .bind(&e.ground)
            .bind(&e.issuing_body)
            .bind(&e.valid_from)
            .bind(&e.valid_to)
            .bind(&e.note)
            .bind(&e.created_by)
            .bind(e.created_at)
            .fetch_one(&mut *tx)
            .await?;
            id
        }, |id| audit.object("watch_entry", id.to_string())))
    }

    /// Ends an entry (a ban lifted, a list entry withdrawn).
    pub async fn lift_watch_entry(
        &self,
        entry_id: i64,
        at: i64,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            let done = sqlx::query(
                "UPDATE watch_entries SET lifted_at = $1 WHERE entry_id = $2 AND lifted_at IS NULL",
            )
            .bind(at)
            .bind(entry_id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
        }, audit);
        Ok(())
    }

    /// Entries not lifted whose name key, folded document number or linked person matches.
    pub async fn watch_candidates(
        &self,
        name_key: Option<&str>,
        document_folded: Option<&str>,
        person_ids: &[i64],
    ) -> Result<Vec<WatchEntry>, StoreError> {
        let mut out: Vec<WatchEntry> = Vec::new();
        let by_name = format!(
            "SELECT {WATCH_COLUMNS} FROM watch_entries WHERE lifted_at IS NULL AND name_key = $1"
        );
        let by_doc = format!(
            "SELECT {WATCH_COLUMNS} FROM watch_entries WHERE lifted_at IS NULL AND document_folded = $1"
        );
        let by_person = format!(
            "SELECT {WATCH_COLUMNS} FROM watch_entries WHERE lifted_at IS NULL AND person_id = $1"
        );
        let mut queries: Vec<(String, Option<String>, Option<i64>)> = Vec::new();
        if let Some(k) = name_key {
            queries.push((by_name, Some(k.to_owned()), None));
        }
        if let Some(d) = document_folded {
            queries.push((by_doc, Some(d.to_owned()), None));
        }
        for p in person_ids {
            queries.push((by_person.clone(), None, Some(*p)));
        }
        for (sql, text, id) in queries {
            let rows: Vec<WatchEntry> = on_pool!(&self.db, pool => {
                let q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
                let q = match (text, id) {
                    (Some(t), _) => q.bind(t),
                    (None, id) => q.bind(id),
                };
                q.fetch_all(pool).await?
            });
            for r in rows {
                if out.iter().all(|o| o.entry_id != r.entry_id) {
                    out.push(r);
                }
            }
        }
        Ok(out)
    }

    /// Entries of `list` (all lists when `None`), newest first, lifted ones included.
    pub async fn list_watch_entries(
        &self,
        list: Option<&str>,
        limit: i64,
    ) -> Result<Vec<WatchEntry>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {WATCH_COLUMNS} FROM watch_entries WHERE ($1 IS NULL OR list = $1) \
             ORDER BY entry_id DESC LIMIT $2"
        ));
        Ok(on_pool!(&self.db, pool =>
            sqlx::query_as(sql).bind(list).bind(limit).fetch_all(pool).await?))
    }

    /// Documents reported lost or stolen whose folded number is `folded`.
    pub async fn lost_or_stolen_documents(
        &self,
        folded: &str,
    ) -> Result<Vec<Document>, StoreError> {
        Ok(on_pool!(&self.db, pool => sqlx::query_as(
            "SELECT person_id, document_id, doc_type, issuing_state, number, issue_date, \
             expiry_date, status, mrz, created_at FROM identity_documents \
             WHERE number_folded = $1 AND status IN ('lost', 'stolen')",
        )
        .bind(folded)
        .fetch_all(pool)
        .await?))
    }
}
