//! Merging a duplicate record into its survivor, and undoing it.

use super::*;

impl Store {
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
}
