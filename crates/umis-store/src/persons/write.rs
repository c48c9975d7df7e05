//! Person records written: created with names and documents, given documents.

use super::*;

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
}
