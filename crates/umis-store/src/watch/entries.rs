//! Watch-list entries kept: stored, lifted, and listed for the officers who keep the lists.

use super::{NewWatchEntry, WATCH_COLUMNS, WatchEntry};
use crate::{Store, StoreError, audited, on_pool};
use umis_domain::NewAuditEntry;

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
}
