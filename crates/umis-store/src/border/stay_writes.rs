//! The statement that replaces the stays of persons by their rebuilt stays, writing only what
//! changed.

/// Replaces the stays of `persons` by `$stays` in `$tx`, writing only what changed.
macro_rules! write_stays {
    ($sqlite:expr, $tx:expr, $persons:expr, $stays:expr) => {{
        let sqlite: bool = $sqlite;
        let rows_per_insert = if sqlite { 500 } else { INSERT_CHUNK };
        // Only the stays that changed are written: a stay stored as computed is kept, one no
        // longer computed is deleted, a changed or new one is (re)inserted. Events mostly
        // arrive in time order, so a batch usually changes only each person's latest stay, and
        // the indexes of stays are spared rewriting the rest.
        let mut stored: std::collections::HashMap<(i64, i64), StayRow> =
            std::collections::HashMap::new();
        for chunk in $persons.chunks(IN_CHUNK) {
            let sql = format!(
                "SELECT {STAY_COLUMNS} FROM stays WHERE person_id IN ({})",
                crate::placeholders(sqlite, 1, chunk.len())
            );
            let mut q = sqlx::query_as::<_, StayRow>(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id);
            }
            for row in q.fetch_all(&mut *$tx).await? {
                stored.insert((row.person_id, row.seq), row);
            }
        }
        let mut changed: Vec<&StayRow> = Vec::new();
        let mut stale: Vec<(i64, i64)> = Vec::new();
        for s in $stays.iter() {
            let s: &StayRow = s;
            match stored.remove(&(s.person_id, s.seq)) {
                Some(old) if old == *s => {}
                Some(_) => {
                    stale.push((s.person_id, s.seq));
                    changed.push(s);
                }
                None => changed.push(s),
            }
        }
        stale.extend(stored.into_keys());
        stale.sort_unstable();
        for chunk in stale.chunks(IN_CHUNK) {
            let sql = format!(
                "DELETE FROM stays WHERE (person_id, seq) IN (VALUES {})",
                number_pairs(sqlite, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (person, seq) in chunk {
                q = q.bind(*person).bind(*seq);
            }
            q.execute(&mut *$tx).await?;
        }
        for chunk in changed.chunks(rows_per_insert) {
            let sql = rows_sql(sqlite, "stays", STAY_COLUMNS, 14, chunk.len(), "");
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for s in chunk {
                q = q
                    .bind(s.person_id)
                    .bind(s.seq)
                    .bind(&s.entry_date)
                    .bind(&s.exit_date)
                    .bind(&s.ends_on)
                    .bind(&s.period_until)
                    .bind(&s.lawful_until)
                    .bind(&s.rule_code)
                    .bind(s.permitted_days)
                    .bind(&s.flags)
                    .bind(&s.nationality)
                    .bind(&s.document_number)
                    .bind(&s.document_issuing_state)
                    .bind(&s.entry_bcp);
            }
            q.execute(&mut *$tx).await?;
        }
    }};
}
pub(super) use write_stays;
