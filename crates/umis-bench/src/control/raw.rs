//! The raw baselines of `umis bench ingest`: the same rows inserted into a bare table and into one keyed as events are.

use std::time::Instant;
use umis_service::{BorderEventInput, Services};
use umis_store::Db;

pub(super) const RAW_COLUMNS: &str = "event_id, person_id, direction, occurred_at, bcp, travel_mode, \
    document_number, document_issuing_state, nationality, permitted_days, visa_ref";

/// Inserts the same rows into a bare table: one multi-row INSERT transaction on SQLite, COPY on
/// PostgreSQL. With `keyed`, into a table keyed as events are instead (the event id as primary
/// key, an index by person and time), one transaction per 10,000 rows as ingestion commits
/// them: what the keys alone cost. Returns seconds.
pub(super) async fn raw_insert(
    services: &Services,
    events: &[BorderEventInput],
    persons: &std::collections::HashMap<String, i64>,
    keyed: bool,
) -> anyhow::Result<f64> {
    let rows: Vec<[String; 11]> = events
        .iter()
        .map(|e| {
            let f = |k: &str| e.fields.get(k).cloned().unwrap_or_default();
            [
                format!("RAW-{}", f("event_id")),
                persons
                    .get(&f("document_number"))
                    .copied()
                    .unwrap_or(0)
                    .to_string(),
                f("direction"),
                jiff::Timestamp::strptime("%Y-%m-%dT%H:%M:%S%:z", f("occurred_at"))
                    .map(|t| t.as_microsecond())
                    .unwrap_or(0)
                    .to_string(),
                f("bcp"),
                f("travel_mode"),
                f("document_number"),
                f("document_issuing_state"),
                f("nationality"),
                f("permitted_days"),
                f("visa_ref"),
            ]
        })
        .collect();
    let table = if keyed {
        "bench_keyed_events"
    } else {
        "bench_raw_events"
    };
    let create = [
        format!(
            "CREATE TABLE {table} (event_id TEXT{}, person_id BIGINT, \
             direction TEXT, occurred_at BIGINT, bcp TEXT, travel_mode TEXT, \
             document_number TEXT, document_issuing_state TEXT, nationality TEXT, \
             permitted_days TEXT, visa_ref TEXT)",
            if keyed { " PRIMARY KEY" } else { "" }
        ),
        if keyed {
            format!("CREATE INDEX {table}_person ON {table} (person_id, occurred_at)")
        } else {
            "SELECT 1".into()
        },
    ];
    // One transaction for the bare table; one per request for the keyed one.
    let per_commit = if keyed {
        umis_service::MAX_BATCH_EVENTS
    } else {
        rows.len().max(1)
    };
    match services.store().db() {
        Db::Sqlite(pool) => {
            for sql in create {
                sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await?;
            }
            let started = Instant::now();
            for commit in rows.chunks(per_commit) {
                let mut tx = pool.begin().await?;
                for chunk in commit.chunks(500) {
                    // Anonymous placeholders: SQLite binds numbered ones with a linear lookup each.
                    let values = vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ");
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
                        "INSERT INTO {table} ({RAW_COLUMNS}) VALUES {values}"
                    )));
                    for row in chunk {
                        for (i, v) in row.iter().enumerate() {
                            q = if i == 1 || i == 3 {
                                q.bind(v.parse::<i64>().unwrap_or(0))
                            } else {
                                q.bind(v.as_str())
                            };
                        }
                    }
                    q.execute(&mut *tx).await?;
                }
                tx.commit().await?;
            }
            Ok(started.elapsed().as_secs_f64())
        }
        Db::Postgres(pool) => {
            for sql in create {
                sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await?;
            }
            let started = Instant::now();
            let mut conn = pool.acquire().await?;
            // Each COPY is its own transaction.
            for commit in rows.chunks(per_commit) {
                let mut copy = conn
                    .copy_in_raw(&format!(
                        "COPY {table} ({RAW_COLUMNS}) FROM STDIN WITH (FORMAT csv)"
                    ))
                    .await?;
                for chunk in commit.chunks(10_000) {
                    let mut buf = String::new();
                    for row in chunk {
                        let line: Vec<String> = row
                            .iter()
                            .map(|v| format!("\"{}\"", v.replace('"', "\"\"")))
                            .collect();
                        buf.push_str(&line.join(","));
                        buf.push('\n');
                    }
                    copy.send(buf.into_bytes()).await?;
                }
                copy.finish().await?;
            }
            Ok(started.elapsed().as_secs_f64())
        }
    }
}
