//! The lookups screening needs: entries matching a person, and documents reported lost or
//! stolen.

use super::{WATCH_COLUMNS, WatchEntry};
use crate::{Document, Store, StoreError, on_pool};

impl Store {
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
