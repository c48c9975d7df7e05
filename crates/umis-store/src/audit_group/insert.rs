//! The one statement that writes audit rows: sealed records inserted as a multi-row list.

/// Inserts sealed records in one statement (the one place audit rows are written): a multi-row VALUES list (at most 1,000 rows of 14
/// values stay under SQLite's limit of 32,766 parameters; PostgreSQL's 65,535 as well).
macro_rules! insert_records {
    ($tx:expr, $records:expr) => {{
        let records: &[umis_domain::AuditRecord] = $records;
        let mut sql = String::from(
            "INSERT INTO audit_log (seq, at, actor_kind, actor, action, object_type, object_id, \
             person_id, purpose, outcome, client_addr, details, prev_hash, hash) VALUES ",
        );
        for i in 0..records.len() {
            if i > 0 {
                sql.push(',');
            }
            let b = i * 14;
            sql.push('(');
            for k in 1..=14 {
                if k > 1 {
                    sql.push(',');
                }
                sql.push_str(&format!("${}", b + k));
            }
            sql.push(')');
        }
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for r in records {
            let e = &r.entry;
            q = q
                .bind(r.seq)
                .bind(e.at)
                .bind(e.actor_kind.as_str())
                .bind(e.actor.clone())
                .bind(e.action.clone())
                .bind(e.object_type.clone())
                .bind(e.object_id.clone())
                .bind(e.person_id.clone())
                .bind(e.purpose.clone())
                .bind(e.outcome.as_str())
                .bind(e.client_addr.clone())
                .bind(e.details.to_string())
                .bind(r.prev_hash.clone())
                .bind(r.hash.clone());
        }
        q.execute(&mut *$tx).await?;
    }};
}
pub(crate) use insert_records;
