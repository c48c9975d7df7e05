//! The append-only, hash-chained audit log: appending, filtering, and reading for verification.

use crate::{Store, StoreError, on_pool};
use umis_domain::AuditRecord;

mod row;

use row::{AUDIT_COLUMNS, AuditRow};

/// Filters for the auditor's view; every field narrows the result.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Exact actor name.
    pub actor: Option<String>,
    /// Exact person id.
    pub person_id: Option<String>,
    /// Action name, or a prefix ending in `.` (e.g. `user.`).
    pub action: Option<String>,
    /// From this instant (Unix µs), inclusive.
    pub from: Option<i64>,
    /// Before this instant (Unix µs), exclusive.
    pub until: Option<i64>,
    /// Only entries with `seq` below this (the cursor of the next page).
    pub before_seq: Option<i64>,
}

/// The head of the chain: how many entries and the last hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditHead {
    /// Number of entries.
    pub seq: i64,
    /// Hash of the last entry.
    pub hash: String,
}

impl Store {
    /// The chain head.
    pub async fn audit_head(&self) -> Result<AuditHead, StoreError> {
        let (seq, hash): (i64, String) = on_pool!(&self.db, pool =>
            sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(pool).await?);
        Ok(AuditHead { seq, hash })
    }

    /// Up to `limit` entries with `seq > after`, in chain order (for verification and export).
    pub async fn audit_after(
        &self,
        after: i64,
        limit: i64,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2"
        ));
        let rows: Vec<AuditRow> = on_pool!(&self.db, pool =>
            sqlx::query_as(sql).bind(after).bind(limit).fetch_all(pool).await?);
        rows.into_iter().map(AuditRow::into_record).collect()
    }

    /// Up to `limit` entries matching `filter`, newest first.
    pub async fn search_audit(
        &self,
        filter: &AuditFilter,
        limit: i64,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        // Only placeholders are formatted into the SQL text; values are always bound.
        let mut clauses: Vec<String> = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        let mut ints: Vec<i64> = Vec::new();
        let mut n = 0;
        let mut next = || {
            n += 1;
            n
        };
        if let Some(a) = &filter.actor {
            clauses.push(format!("actor = ${}", next()));
            texts.push(a.clone());
        }
        if let Some(p) = &filter.person_id {
            clauses.push(format!("person_id = ${}", next()));
            texts.push(p.clone());
        }
        if let Some(a) = &filter.action {
            if a.ends_with('.') {
                clauses.push(format!("action LIKE ${} ESCAPE '\\'", next()));
                let escaped = a
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_");
                texts.push(format!("{escaped}%"));
            } else {
                clauses.push(format!("action = ${}", next()));
                texts.push(a.clone());
            }
        }
        for (v, op, col) in [
            (filter.from, ">=", "at"),
            (filter.until, "<", "at"),
            (filter.before_seq, "<", "seq"),
        ] {
            if let Some(v) = v {
                clauses.push(format!("{col} {op} ${}", next()));
                ints.push(v);
            }
        }
        let where_sql = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let sql = format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_log {where_sql} ORDER BY seq DESC LIMIT ${}",
            texts.len() + ints.len() + 1
        );
        let rows: Vec<AuditRow> = on_pool!(&self.db, pool => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
            for t in &texts {
                q = q.bind(t);
            }
            for i in &ints {
                q = q.bind(*i);
            }
            q.bind(limit).fetch_all(pool).await?
        });
        rows.into_iter().map(AuditRow::into_record).collect()
    }
}
