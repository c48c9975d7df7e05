//! The statements that ingestion shares with other writes: persons marked for a rebuild of
//! their stays, and event rows inserted.

/// Marks `$persons` (in person order, as rebuilds lock them) with `$mark` for a rebuild of
/// their stays, through the executor `$exec`: multi-row VALUES on SQLite, one array on
/// PostgreSQL.
macro_rules! mark_persons {
    (sqlite, $exec:expr, $persons:expr, $mark:expr) => {
        for chunk in $persons.chunks(500) {
            let sql = format!(
                "INSERT INTO stays_pending (person_id, mark) VALUES {} \
                 ON CONFLICT (person_id) DO UPDATE SET mark = excluded.mark",
                number_pairs(true, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id).bind($mark);
            }
            q.execute($exec).await?;
        }
    };
    (postgres, $exec:expr, $persons:expr, $mark:expr) => {
        sqlx::query(
            "INSERT INTO stays_pending (person_id, mark) \
             SELECT UNNEST($1::BIGINT[]), $2 \
             ON CONFLICT (person_id) DO UPDATE SET mark = excluded.mark",
        )
        .bind($persons)
        .bind($mark)
        .execute($exec)
        .await?;
    };
}
pub(super) use mark_persons;

/// Inserts events in `$tx` with multi-row INSERTs (SQLite), skipping ids already stored;
/// evaluates to how many were new.
macro_rules! insert_event_rows {
    ($tx:expr, $events:expr) => {{
        let mut inserted: u64 = 0;
        // SQLite takes long multi-row statements well.
        for chunk in $events.chunks(500) {
            let sql = rows_sql(
                true,
                "border_events",
                EVENT_COLUMNS,
                16,
                chunk.len(),
                " ON CONFLICT (event_id) DO NOTHING",
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for e in chunk {
                q = q
                    .bind(&e.event_id)
                    .bind(e.person_id)
                    .bind(&e.direction)
                    .bind(e.occurred_at)
                    .bind(&e.local_date)
                    .bind(&e.bcp)
                    .bind(&e.travel_mode)
                    .bind(&e.document_number)
                    .bind(&e.document_issuing_state)
                    .bind(&e.nationality)
                    .bind(e.permitted_days)
                    .bind(&e.visa_ref)
                    .bind(&e.link_method)
                    .bind(&e.fingerprint)
                    .bind(e.received_at)
                    .bind(&e.received_by);
            }
            inserted += q.execute(&mut *$tx).await?.rows_affected();
        }
        inserted
    }};
}
pub(super) use insert_event_rows;
