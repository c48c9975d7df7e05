//! `umis bench ingest` and `umis bench overstay`: border events through the real ingestion path
//! (validation, linking, idempotency, enforcement checks) against a raw bulk insert of the same
//! rows, with the time to rebuild the stays of the persons they touched, and the time of a full
//! overstay report.

use crate::traffic::{Traveller, year_of_traffic};
use anyhow::Context;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Instant;
use time::Date;
use umis_domain::person::{PersonId, fold_document_number};
use umis_service::{BorderEventInput, Ctx, SecurityConfig, Services, SystemClock};
use umis_store::{Db, NewDocument, NewPersonRow, PersonName, Store};

/// Nationalities of the synthetic travellers with their weights.
const MIX: [(&str, u32); 14] = [
    ("RUS", 24),
    ("TUR", 14),
    ("IRN", 10),
    ("GEO", 10),
    ("IND", 7),
    ("KAZ", 5),
    ("UKR", 5),
    ("CHN", 4),
    ("ISR", 3),
    ("DEU", 3),
    ("GBR", 3),
    ("PAK", 4),
    ("UZB", 5),
    ("SAU", 3),
];

/// A benchmark database: a fresh SQLite file, or a fresh PostgreSQL schema.
pub(crate) struct BenchDb {
    pub(crate) backend: &'static str,
    url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(std::path::PathBuf),
    Schema(String, String),
    /// A database the benchmark did not create, or one it was told to keep.
    Keep,
}

impl BenchDb {
    pub(crate) fn sqlite() -> anyhow::Result<BenchDb> {
        let dir = std::env::temp_dir().join(crate::bench::schema_name()?.replace('_', "-"));
        std::fs::create_dir_all(&dir).context("creating a temporary directory")?;
        Ok(BenchDb {
            backend: "sqlite",
            url: format!("sqlite://{}", dir.join("bench.db").display()),
            cleanup: Cleanup::Dir(dir),
        })
    }

    pub(crate) async fn postgres(url: &str) -> anyhow::Result<BenchDb> {
        let schema = crate::bench::schema_name()?;
        let admin = sqlx::PgPool::connect(url)
            .await
            .context("connecting to PostgreSQL")?;
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
            .execute(&admin)
            .await
            .context("creating the benchmark schema")?;
        admin.close().await;
        let sep = if url.contains('?') { '&' } else { '?' };
        Ok(BenchDb {
            backend: "postgres",
            url: format!("{url}{sep}options=-c%20search_path%3D{schema}"),
            cleanup: Cleanup::Schema(url.to_owned(), schema),
        })
    }

    /// A database an earlier run kept (`--keep`), measured as it is and never dropped.
    pub(crate) fn existing(url: &str) -> BenchDb {
        BenchDb {
            backend: if url.starts_with("sqlite:") {
                "sqlite"
            } else {
                "postgres"
            },
            url: url.to_owned(),
            cleanup: Cleanup::Keep,
        }
    }

    /// Leaves the database in place when dropped.
    pub(crate) fn keep(&mut self) {
        self.cleanup = Cleanup::Keep;
    }

    /// The database URL (with the schema for PostgreSQL).
    pub(crate) fn location(&self) -> &str {
        &self.url
    }

    pub(crate) async fn drop(self) {
        match self.cleanup {
            Cleanup::Dir(d) => {
                let _ = std::fs::remove_dir_all(d);
            }
            Cleanup::Schema(url, schema) => {
                if let Ok(admin) = sqlx::PgPool::connect(&url).await {
                    let _ =
                        sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
                            .execute(&admin)
                            .await;
                    admin.close().await;
                }
            }
            Cleanup::Keep => {}
        }
    }
}

/// Travellers with passports of their nationality.
pub(crate) fn travellers(n: usize, seed: u64) -> Vec<Traveller> {
    let mut rng = StdRng::seed_from_u64(seed);
    let total: u32 = MIX.iter().map(|(_, w)| w).sum();
    (0..n)
        .map(|i| {
            let mut pick = rng.random_range(0..total);
            let nat = MIX
                .iter()
                .find(|(_, w)| {
                    if pick < *w {
                        true
                    } else {
                        pick -= w;
                        false
                    }
                })
                .map_or("RUS", |(c, _)| c);
            Traveller {
                document_number: format!("B{i:08}"),
                issuing_state: nat.into(),
                nationality: nat.into(),
                surname: format!("TRAVELLER{}", letters(i)),
                given_names: Some(letters(i.wrapping_mul(7919))),
                birth_date: Some(format!(
                    "{}-{:02}-{:02}",
                    1950 + rng.random_range(0..55),
                    rng.random_range(1..13),
                    rng.random_range(1..29)
                )),
            }
        })
        .collect()
}

fn letters(mut n: usize) -> String {
    let mut s = String::new();
    for _ in 0..5 {
        s.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    s
}

/// About `n` events by enough travellers, in the order they happened.
fn traffic(n: usize, seed: u64) -> (Vec<Traveller>, Vec<BorderEventInput>) {
    let end = Date::from_calendar_date(2026, time::Month::June, 30).unwrap_or(Date::MIN);
    let people = travellers((n / 3).max(10), seed);
    let mut events = year_of_traffic(&people, end, seed, "BENCH");
    events.sort_by(|a, b| a.fields["occurred_at"].cmp(&b.fields["occurred_at"]));
    events.truncate(n);
    (people, events)
}

/// A valid passport of `state` numbered `number`, as benchmark persons hold.
pub(crate) fn passport(state: &str, number: &str) -> NewDocument {
    NewDocument {
        doc_type: "passport".into(),
        issuing_state: state.to_owned(),
        number: number.to_owned(),
        number_folded: fold_document_number(number),
        issue_date: None,
        expiry_date: None,
        status: "valid".into(),
        mrz: None,
    }
}

pub(crate) fn person_rows(people: &[Traveller], now: i64) -> Vec<(NewPersonRow, String)> {
    people
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let id = PersonId::from_random(0x5eed_0000_0000 + i as u64).as_i64();
            let row = NewPersonRow {
                person_id: id,
                external_id: None,
                sex: None,
                birth_date: t.birth_date.clone(),
                birth_year: t.birth_date.as_ref().and_then(|b| b[..4].parse().ok()),
                place_of_birth: None,
                names: vec![PersonName {
                    kind: "primary".into(),
                    surname: t.surname.clone(),
                    given_names: t.given_names.clone(),
                    patronymic: None,
                }],
                nationalities: vec![t.nationality.clone()],
                documents: vec![passport(&t.issuing_state, &t.document_number)],
                created_at: now,
                created_by: "bench".into(),
            };
            (row, t.document_number.clone())
        })
        .collect()
}

pub(crate) async fn open(db: &BenchDb) -> anyhow::Result<Services> {
    let conn = Db::connect(&db.url)
        .await
        .context("opening the benchmark database")?;
    conn.migrate().await.context("migrating")?;
    Ok(Services::new(
        Store::new(conn),
        Arc::new(SystemClock),
        SecurityConfig::default(),
    ))
}

/// Registers the travellers (in bulk) so events link by document.
pub(crate) async fn register(
    services: &Services,
    people: &[Traveller],
) -> anyhow::Result<Vec<(i64, String)>> {
    let rows = person_rows(people, services.now());
    for chunk in rows.chunks(10_000) {
        let persons: Vec<NewPersonRow> = chunk.iter().map(|(r, _)| r.clone()).collect();
        services
            .store()
            .create_persons_bulk(
                &persons,
                Ctx::system("bench").audit(
                    services.now(),
                    "person.bulk_create",
                    umis_domain::AuditOutcome::Ok,
                ),
            )
            .await
            .map_err(|e| anyhow::anyhow!("registering travellers: {e}"))?;
    }
    // A registry loaded in bulk is analysed, as `umis import` does after a load.
    services
        .after_bulk_load()
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(rows.into_iter().map(|(r, d)| (r.person_id, d)).collect())
}

/// Ingests `events` through the service in requests of 10,000, two in flight; returns seconds
/// and how many were accepted.
async fn ingest(services: &Services, events: &[BorderEventInput]) -> anyhow::Result<(f64, u64)> {
    let ctx = Ctx::system("bench");
    // The requests are made before the clock starts, as the raw baseline's rows are.
    let requests: Vec<Vec<(usize, BorderEventInput)>> = events
        .chunks(umis_service::MAX_BATCH_EVENTS)
        .enumerate()
        .map(|(k, chunk)| {
            chunk
                .iter()
                .enumerate()
                .map(|(i, e)| (k * umis_service::MAX_BATCH_EVENTS + i + 1, e.clone()))
                .collect()
        })
        .collect();
    let started = Instant::now();
    let mut accepted = 0;
    // Two requests in flight, as two crossing points (or `umis import border-events`) send
    // them: one is prepared while the other is written.
    let mut in_flight = std::collections::VecDeque::new();
    for rows in requests {
        let (services, ctx) = (services.clone(), ctx.clone());
        in_flight.push_back(tokio::spawn(async move {
            services.ingest_border_events(&ctx, rows).await
        }));
        if in_flight.len() < 2 {
            continue;
        }
        if let Some(first) = in_flight.pop_front() {
            accepted += answered(first.await?)?;
        }
    }
    for request in in_flight {
        accepted += answered(request.await?)?;
    }
    Ok((started.elapsed().as_secs_f64(), accepted))
}

/// Events a request accepted; an error if it failed or rejected any row.
fn answered(
    report: Result<umis_service::IngestReport, umis_service::ServiceError>,
) -> anyhow::Result<u64> {
    let report = report.map_err(|e| anyhow::anyhow!("ingesting: {e}"))?;
    anyhow::ensure!(
        report.rejected.is_empty(),
        "rejected rows: {:?}",
        report.rejected.first()
    );
    Ok(report.accepted)
}

const RAW_COLUMNS: &str = "event_id, person_id, direction, occurred_at, bcp, travel_mode, \
    document_number, document_issuing_state, nationality, permitted_days, visa_ref";

/// Inserts the same rows into a bare table: one multi-row INSERT transaction on SQLite, COPY on
/// PostgreSQL. With `keyed`, into a table keyed as events are instead (the event id as primary
/// key, an index by person and time), one transaction per 10,000 rows as ingestion commits
/// them: what the keys alone cost. Returns seconds.
async fn raw_insert(
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

async fn ingest_on(
    db: &BenchDb,
    people: &[Traveller],
    events: &[BorderEventInput],
) -> anyhow::Result<Value> {
    let services = open(db).await?;
    let registered = register(&services, people).await?;
    // A registry in service has planner statistics; a freshly loaded one must be analysed.
    if let Db::Postgres(pool) = services.store().db() {
        sqlx::query("ANALYZE persons, person_names, person_nationalities, identity_documents")
            .execute(pool)
            .await?;
    }
    let by_doc: std::collections::HashMap<String, i64> =
        registered.into_iter().map(|(id, d)| (d, id)).collect();
    let (secs, accepted) = ingest(&services, events).await?;
    // The stays of every person the events touched, rebuilt once after the import (as
    // `umis import border-events` does).
    let started = Instant::now();
    let settled = services
        .settle_stays()
        .await
        .map_err(|e| anyhow::anyhow!("rebuilding stays: {e}"))?;
    let stays_secs = started.elapsed().as_secs_f64();
    // A second run of the same events: all duplicates, nothing written.
    let (again_secs, again) = ingest(&services, events).await?;
    anyhow::ensure!(again == 0, "a re-run accepted {again} events");
    let raw = raw_insert(&services, events, &by_doc, false).await?;
    let keyed = raw_insert(&services, events, &by_doc, true).await?;
    let eps = accepted as f64 / secs;
    let raw_eps = events.len() as f64 / raw;
    let keyed_eps = events.len() as f64 / keyed;
    services.store().db().close().await;
    Ok(json!({
        "backend": db.backend,
        "events": accepted,
        "ingest_seconds": round(secs),
        "ingest_events_per_sec": eps.round(),
        "stays_persons": settled,
        "stays_seconds": round(stays_secs),
        "ingest_and_stays_events_per_sec": (accepted as f64 / (secs + stays_secs)).round(),
        "resend_seconds": round(again_secs),
        "raw_seconds": round(raw),
        "raw_rows_per_sec": raw_eps.round(),
        "ingest_vs_raw": round(eps / raw_eps),
        "keyed_raw_seconds": round(keyed),
        "keyed_raw_rows_per_sec": keyed_eps.round(),
        "keyed_raw_vs_raw": round(keyed_eps / raw_eps),
    }))
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// `umis bench ingest`.
pub async fn ingest_bench(
    events: usize,
    seed: u64,
    postgres_url: Option<String>,
) -> anyhow::Result<Value> {
    anyhow::ensure!(
        (100..=50_000_000).contains(&events),
        "events must be 100..=50,000,000"
    );
    let (people, evs) = traffic(events, seed);
    let mut out = json!({"events": evs.len(), "travellers": people.len()});
    let db = BenchDb::sqlite()?;
    let r = ingest_on(&db, &people, &evs).await;
    db.drop().await;
    out["sqlite"] = r?;
    if let Some(url) = postgres_url {
        let db = BenchDb::postgres(&url).await?;
        let r = ingest_on(&db, &people, &evs).await;
        db.drop().await;
        out["postgres"] = r?;
    }
    Ok(out)
}

/// Times full overstay reports (every page) for each day of `days`.
async fn time_reports(services: &Services, days: &[String]) -> anyhow::Result<Vec<Value>> {
    let ctx = Ctx::system("bench");
    let mut reports = Vec::new();
    for as_of in days {
        let started = Instant::now();
        let mut rows = 0usize;
        let mut after: Option<String> = None;
        loop {
            let page = services
                .overstays(&ctx, as_of, after.as_deref(), umis_service::MAX_REPORT_PAGE)
                .await
                .map_err(|e| anyhow::anyhow!("report: {e}"))?;
            rows += page.len();
            if (page.len() as i64) < umis_service::MAX_REPORT_PAGE {
                break;
            }
            after = page.last().map(|l| l.person_id.clone());
        }
        reports.push(json!({"as_of": as_of, "rows": rows,
            "seconds": round(started.elapsed().as_secs_f64())}));
    }
    Ok(reports)
}

/// `umis bench overstay --bulk`: fills SQLite in bulk with a year of `events` border events
/// and their stays for `events / 10` persons (as `umis bench stats` does), then times full
/// overstay reports today and 30 days back.
async fn overstay_bench_bulk(events: usize) -> anyhow::Result<Value> {
    let db = BenchDb::sqlite()?;
    let result = async {
        let services = open(&db).await?;
        let filled = crate::bench_stats::fill(&services, events, (events / 10).max(10)).await?;
        let today = services.local_today();
        let days = [
            today.to_string(),
            (today - time::Duration::days(30)).to_string(),
        ];
        let reports = time_reports(&services, &days).await?;
        services.store().db().close().await;
        Ok::<Value, anyhow::Error>(json!({
            "backend": "sqlite", "fill": "bulk", "data": filled, "reports": reports,
        }))
    }
    .await;
    db.drop().await;
    result
}

/// `umis bench overstay`: ingests `events` on SQLite, then times full overstay reports; with
/// `bulk`, fills the database in bulk instead of through ingestion.
pub async fn overstay_bench(events: usize, seed: u64, bulk: bool) -> anyhow::Result<Value> {
    anyhow::ensure!(
        (100..=50_000_000).contains(&events),
        "events must be 100..=50,000,000"
    );
    if bulk {
        return overstay_bench_bulk(events).await;
    }
    let (people, evs) = traffic(events, seed);
    let db = BenchDb::sqlite()?;
    let result = async {
        let services = open(&db).await?;
        register(&services, &people).await?;
        let (ingest_secs, accepted) = ingest(&services, &evs).await?;
        // Stays rebuilt before the clock starts: the reports are timed on their own.
        services
            .settle_stays()
            .await
            .map_err(|e| anyhow::anyhow!("rebuilding stays: {e}"))?;
        let reports = time_reports(
            &services,
            &["2026-06-30".to_owned(), "2026-01-15".to_owned()],
        )
        .await?;
        services.store().db().close().await;
        Ok::<Value, anyhow::Error>(json!({
            "backend": "sqlite", "events": accepted, "travellers": people.len(),
            "ingest_seconds": round(ingest_secs), "reports": reports,
        }))
    }
    .await;
    db.drop().await;
    result
}
