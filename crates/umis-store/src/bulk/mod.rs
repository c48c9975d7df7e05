//! Registering many persons in one transaction (bulk loads and benchmarks): multi-row inserts
//! and one audit entry for the batch.

use crate::{NewPersonRow, Store, StoreError, append_audit_tx, on_pool};
use umis_domain::NewAuditEntry;

mod maintenance;

/// Rows per multi-row INSERT.
const ROWS: usize = 50;

fn values(sqlite: bool, width: usize, rows: usize) -> String {
    (0..rows)
        .map(|r| format!("({})", crate::placeholders(sqlite, r * width + 1, width)))
        .collect::<Vec<_>>()
        .join(", ")
}

macro_rules! bulk_insert {
    ($sqlite:expr, $tx:expr, $table:literal, $columns:literal, $width:expr, $rows:expr, |$q:ident, $row:ident| $bind:expr) => {{
        for chunk in $rows.chunks(ROWS) {
            let sql = format!(
                "INSERT INTO {} ({}) VALUES {}",
                $table,
                $columns,
                values($sqlite, $width, chunk.len())
            );
            let mut $q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for $row in chunk {
                $q = $bind;
            }
            $q.execute(&mut *$tx).await?;
        }
    }};
}

impl Store {
    /// Stores `persons` (names, nationalities, documents and a first history entry each) in
    /// one transaction with one audit entry: all or nothing.
    pub async fn create_persons_bulk(
        &self,
        persons: &[NewPersonRow],
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        let names: Vec<(i64, i32, &crate::PersonName)> = persons
            .iter()
            .flat_map(|p| {
                p.names
                    .iter()
                    .enumerate()
                    .map(move |(i, n)| (p.person_id, i32::try_from(i).unwrap_or(i32::MAX), n))
            })
            .collect();
        let nats: Vec<(i64, &String)> = persons
            .iter()
            .flat_map(|p| p.nationalities.iter().map(move |c| (p.person_id, c)))
            .collect();
        let docs: Vec<(i64, i64, &crate::NewDocument, i64)> = persons
            .iter()
            .flat_map(|p| {
                p.documents.iter().enumerate().map(move |(i, d)| {
                    (
                        p.person_id,
                        i64::try_from(i).unwrap_or(0) + 1,
                        d,
                        p.created_at,
                    )
                })
            })
            .collect();
        let sqlite = self.is_sqlite();
        on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            bulk_insert!(sqlite, tx, "persons", "person_id, external_id, sex, birth_date, birth_year, \
                place_of_birth, created_at, updated_at", 8, persons, |q, p| q
                .bind(p.person_id)
                .bind(&p.external_id)
                .bind(&p.sex)
                .bind(&p.birth_date)
                .bind(p.birth_year)
                .bind(&p.place_of_birth)
                .bind(p.created_at)
                .bind(p.created_at));
            bulk_insert!(sqlite, tx, "person_names", "person_id, seq, kind, surname, given_names, patronymic",
                6, names, |q, n| q
                .bind(n.0)
                .bind(n.1)
                .bind(&n.2.kind)
                .bind(&n.2.surname)
                .bind(&n.2.given_names)
                .bind(&n.2.patronymic));
            bulk_insert!(sqlite, tx, "person_nationalities", "person_id, country", 2, nats, |q, n| q
                .bind(n.0)
                .bind(n.1));
            bulk_insert!(sqlite, tx, "identity_documents", "person_id, document_id, doc_type, \
                issuing_state, number, number_folded, issue_date, expiry_date, status, mrz, \
                created_at", 11, docs, |q, d| q
                .bind(d.0)
                .bind(d.1)
                .bind(&d.2.doc_type)
                .bind(&d.2.issuing_state)
                .bind(&d.2.number)
                .bind(&d.2.number_folded)
                .bind(&d.2.issue_date)
                .bind(&d.2.expiry_date)
                .bind(&d.2.status)
                .bind(&d.2.mrz)
                .bind(d.3));
            bulk_insert!(sqlite, tx, "person_history", "person_id, seq, at, actor, action, changes", 6,
                persons, |q, p| q
                .bind(p.person_id)
                .bind(1_i64)
                .bind(p.created_at)
                .bind(&p.created_by)
                .bind("create")
                .bind("{\"created\":true,\"bulk\":true}"));
            append_audit_tx!(tx, audit);
            tx.commit().await?;
        });
        Ok(())
    }
}
