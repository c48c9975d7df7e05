//! `umis bench stats`: the analytics overview and each statistic at national scale.
//!
//! The database is filled in bulk with SQL (the ingestion path has its own benchmark): persons,
//! a year of trips as border events and stays (each trip an entry and, for most, an exit),
//! permits and applications; the daily roll-up is then built from the events with the same
//! statement the migration uses. Then the leadership overview page is timed through the HTTP
//! router with an analyst's session, and each statistic through the service.

use crate::control::{BenchDb, open};
use anyhow::Context;
use serde_json::{Value, json};
use std::time::Instant;
use time::Duration;
use tower::ServiceExt;
use umis_service::{Actor, Ctx, LoginRequest, NewUserInput, Services, StatsQuery};
use umis_store::{Db, Office};

const PASSWORD: &str = "bench analyst password";
const NATS: [&str; 20] = [
    "RUS", "TUR", "IRN", "GEO", "IND", "KAZ", "UKR", "CHN", "ISR", "DEU", "GBR", "PAK", "UZB",
    "SAU", "ARE", "USA", "FRA", "ITA", "EGY", "TKM",
];
const BCPS: [(&str, &str); 8] = [
    ("GYD", "air"),
    ("GNJ", "air"),
    ("NAJ", "air"),
    ("ASTARA", "land"),
    ("SAMUR", "land"),
    ("KRASNY-MOST", "land"),
    ("BAKU-PORT", "sea"),
    ("BOYUK-KASIK", "rail"),
];
/// Days of the lookup table: a year of trips, stays of up to 90 days and permits of a year.
const DAYS: i64 = 800;

async fn exec(db: &Db, sql: &str) -> anyhow::Result<()> {
    match db {
        Db::Sqlite(p) => {
            sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
                .execute(p)
                .await?;
        }
        Db::Postgres(p) => {
            sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
                .execute(p)
                .await?;
        }
    }
    Ok(())
}

/// SQL for the valid person number (ten digits and the 7-3-1 check digit, as
/// `PersonId::from_random` makes them) of the person with index `k` (an SQL expression).
fn person_number(k: &str) -> String {
    let body = format!("(1000000000 + ({k}))");
    let check = (0..10)
        .map(|j| {
            let weight = [7, 3, 1][j % 3];
            let place = 10i64.pow(9 - j as u32);
            format!("{weight} * (({body} / {place}) % 10)")
        })
        .collect::<Vec<_>>()
        .join(" + ");
    format!("({body} * 10 + ({check}) % 10)")
}

/// `WITH RECURSIVE n(i)` over `0..count`, for bulk inserts on both backends.
fn numbers(count: usize) -> String {
    format!(
        "WITH RECURSIVE n(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < {})",
        count.saturating_sub(1)
    )
}

/// Fills the database; returns (trips, events, present at the end).
pub(crate) async fn fill(
    services: &Services,
    events: usize,
    persons: usize,
) -> anyhow::Result<Value> {
    let db = services.store().db();
    let first = services.local_today() - Duration::days(364);
    exec(
        db,
        "CREATE TABLE bench_days (d INTEGER PRIMARY KEY, day TEXT NOT NULL)",
    )
    .await?;
    let mut values = Vec::new();
    for d in 0..DAYS {
        values.push(format!("({d}, '{}')", first + Duration::days(d)));
    }
    for chunk in values.chunks(400) {
        exec(
            db,
            &format!("INSERT INTO bench_days VALUES {}", chunk.join(",")),
        )
        .await?;
    }
    exec(
        db,
        "CREATE TABLE bench_nat (k INTEGER PRIMARY KEY, code TEXT NOT NULL)",
    )
    .await?;
    let nat_rows: Vec<String> = NATS
        .iter()
        .enumerate()
        .map(|(k, c)| format!("({k}, '{c}')"))
        .collect();
    exec(
        db,
        &format!("INSERT INTO bench_nat VALUES {}", nat_rows.join(",")),
    )
    .await?;
    exec(
        db,
        "CREATE TABLE bench_bcp (k INTEGER PRIMARY KEY, code TEXT NOT NULL, mode TEXT NOT NULL)",
    )
    .await?;
    let bcp_rows: Vec<String> = BCPS
        .iter()
        .enumerate()
        .map(|(k, (c, m))| format!("({k}, '{c}', '{m}')"))
        .collect();
    exec(
        db,
        &format!("INSERT INTO bench_bcp VALUES {}", bcp_rows.join(",")),
    )
    .await?;
    let started = Instant::now();
    // Persons: sex and birth date (the stock's breakdowns).
    exec(
        db,
        &format!(
            "{} INSERT INTO persons (person_id, status, sex, birth_date, birth_year, version, \
             created_at, updated_at) \
             SELECT {}, 'active', CASE WHEN i % 2 = 0 THEN 'M' ELSE 'F' END, \
             CAST(1945 + i % 60 AS TEXT) || '-0' || CAST(1 + i % 9 AS TEXT) || '-1' || CAST(i % 9 AS TEXT), \
             1945 + i % 60, 1, 0, 0 FROM n",
            numbers(persons),
            person_number("i")
        ),
    )
    .await
    .context("persons")?;
    // Trips: person t % P, slot t / P of 70 days; 1–30 days long; the last trip of every fourth
    // person has no exit yet. Nationality follows the person, the crossing point the trip.
    let trips = events / 2;
    let slots = trips.div_ceil(persons.max(1));
    let slot_days = (350 / slots.max(1)).max(32);
    let trip = format!(
        "SELECT t, {pid} AS person_id, t / {p} AS seq, \
         (t / {p}) * {slot_days} + ((t % {p}) * 7919) % ({slot_days} - 31) AS de, \
         1 + (t * 13) % 30 AS len, \
         CASE WHEN t / {p} = {last} AND (t % {p}) % 4 = 0 THEN 0 ELSE 1 END AS has_exit, \
         ((t % {p}) * 7) % {nats} AS nk, (t * 3) % {bcps} AS bk, \
         CASE WHEN (t % {p}) % 10 = 0 THEN 30 ELSE 90 END AS lawful_days \
         FROM (SELECT i AS t FROM n) trips",
        p = persons,
        pid = person_number(&format!("t % {persons}")),
        last = slots - 1,
        nats = NATS.len(),
        bcps = BCPS.len(),
    );
    exec(
        db,
        &format!(
            "{} INSERT INTO border_events (event_id, person_id, direction, occurred_at, local_date, \
             bcp, travel_mode, document_number, document_issuing_state, nationality, link_method, \
             fingerprint, received_at, received_by) \
             SELECT 'B' || CAST(x.t AS TEXT) || 'I', x.person_id, 'entry', x.de * 86400000000, d.day, \
             b.code, b.mode, 'D' || CAST(x.person_id AS TEXT), nt.code, nt.code, 'document', 'bench', 0, 'bench' \
             FROM ({trip}) x JOIN bench_days d ON d.d = x.de JOIN bench_nat nt ON nt.k = x.nk \
             JOIN bench_bcp b ON b.k = x.bk",
            numbers(trips)
        ),
    )
    .await
    .context("entries")?;
    exec(
        db,
        &format!(
            "{} INSERT INTO border_events (event_id, person_id, direction, occurred_at, local_date, \
             bcp, travel_mode, document_number, document_issuing_state, nationality, link_method, \
             fingerprint, received_at, received_by) \
             SELECT 'B' || CAST(x.t AS TEXT) || 'O', x.person_id, 'exit', (x.de + x.len) * 86400000000, d.day, \
             b.code, b.mode, 'D' || CAST(x.person_id AS TEXT), nt.code, nt.code, 'document', 'bench', 0, 'bench' \
             FROM ({trip}) x JOIN bench_days d ON d.d = x.de + x.len JOIN bench_nat nt ON nt.k = x.nk \
             JOIN bench_bcp b ON b.k = x.bk WHERE x.has_exit = 1 AND x.de + x.len < 365",
            numbers(trips)
        ),
    )
    .await
    .context("exits")?;
    exec(
        db,
        &format!(
            "{} INSERT INTO stays (person_id, seq, entry_date, exit_date, ends_on, period_until, \
             lawful_until, rule_code, flags, nationality, document_number, document_issuing_state) \
             SELECT x.person_id, x.seq, d.day, \
             CASE WHEN x.has_exit = 1 AND x.de + x.len < 365 THEN e.day END, \
             CASE WHEN x.has_exit = 1 AND x.de + x.len < 365 THEN e.day END, \
             l.day, l.day, 'visa_free', '', nt.code, 'D' || CAST(x.person_id AS TEXT), nt.code \
             FROM ({trip}) x JOIN bench_days d ON d.d = x.de JOIN bench_days e ON e.d = x.de + x.len \
             JOIN bench_days l ON l.d = x.de + x.lawful_days - 1 JOIN bench_nat nt ON nt.k = x.nk",
            numbers(trips)
        ),
    )
    .await
    .context("stays")?;
    // The roll-up, exactly as the migration builds it from existing events.
    exec(
        db,
        "INSERT INTO stats_border_daily (local_date, direction, bcp, nationality, travel_mode, events) \
         SELECT local_date, direction, bcp, COALESCE(nationality, 'XXX'), travel_mode, COUNT(*) \
         FROM border_events \
         GROUP BY local_date, direction, bcp, COALESCE(nationality, 'XXX'), travel_mode",
    )
    .await
    .context("roll-up")?;
    // A permit for every tenth person from the third, starting through the year, valid for a
    // year (not those with 30 lawful days, so that some of those overstay).
    let holders = persons / 10;
    exec(
        db,
        &format!(
            "{} INSERT INTO permits (person_id, permit_id, kind, number, valid_from, valid_to, status, created_at) \
             SELECT {}, 1, CASE i % 3 WHEN 0 THEN 'trp' WHEN 1 THEN 'prp' ELSE 'work_permit' END, \
             'P' || CAST(i AS TEXT), f.day, t.day, 'valid', 0 FROM n \
             JOIN bench_days f ON f.d = (i * 17) % 365 JOIN bench_days t ON t.d = (i * 17) % 365 + 364",
            numbers(holders),
            person_number("i * 10 + 2")
        ),
    )
    .await
    .context("permits")?;
    // Applications: every tenth person from the fifth, filed through the year; most decided.
    let apps = persons / 10;
    exec(
        db,
        &format!(
            "{} INSERT INTO applications (number, app_type, person_id, office_code, \
             state, is_open, outcome, ground, fields, documents, warnings, lang, filed_on, \
             registered_on, deadline, queue_due, pauses, preparers, decided_on, appeals, version, \
             created_at, created_by, updated_at) \
             SELECT 'A' || CAST(i AS TEXT), \
             CASE i % 4 WHEN 0 THEN 'temporary_residence' WHEN 1 THEN 'work_permit' \
             WHEN 2 THEN 'stay_extension' ELSE 'permanent_residence' END, {}, 'HQ', \
             CASE WHEN i % 5 = 0 THEN 'under_review' ELSE 'decided' END, \
             (i % 5 = 0), \
             CASE WHEN i % 5 = 0 THEN NULL WHEN i % 7 = 0 THEN 'refused' ELSE 'approved' END, \
             NULL, '{{}}', '[]', '[]', 'az', f.day, f.day, dl.day, dl.day, '[]', '[]', \
             CASE WHEN i % 5 = 0 THEN NULL ELSE dd.day END, 0, 1, 0, 'bench', 0 FROM n \
             JOIN bench_days f ON f.d = (i * 13) % 340 JOIN bench_days dl ON dl.d = (i * 13) % 340 + 30 \
             JOIN bench_days dd ON dd.d = (i * 13) % 340 + 10 + i % 40",
            numbers(apps),
            person_number("i * 10 + 4")
        ),
    )
    .await
    .context("applications")?;
    for t in ["bench_days", "bench_nat", "bench_bcp"] {
        exec(db, &format!("DROP TABLE {t}")).await?;
    }
    exec(db, "ANALYZE").await?;
    let count = |sql: &'static str| async move {
        Ok::<i64, anyhow::Error>(match db {
            Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await?,
            Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await?,
        })
    };
    Ok(json!({
        "fill_seconds": (started.elapsed().as_secs_f64() * 10.0).round() / 10.0,
        "persons": count("SELECT COUNT(*) FROM persons").await?,
        "border_events": count("SELECT COUNT(*) FROM border_events").await?,
        "stays": count("SELECT COUNT(*) FROM stays").await?,
        "rollup_rows": count("SELECT COUNT(*) FROM stats_border_daily").await?,
        "permits": count("SELECT COUNT(*) FROM permits").await?,
        "applications": count("SELECT COUNT(*) FROM applications").await?,
    }))
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    (sorted[i.min(sorted.len() - 1)] * 10.0).round() / 10.0
}

fn latency(mut ms: Vec<f64>) -> Value {
    ms.sort_by(f64::total_cmp);
    json!({"n": ms.len(), "p50_ms": pct(&ms, 0.5), "p95_ms": pct(&ms, 0.95), "max_ms": pct(&ms, 1.0)})
}

async fn run(db: &BenchDb, events: usize, persons: usize, rounds: usize) -> anyhow::Result<Value> {
    let services = open(db).await?;
    let ctx = Ctx::system("bench");
    let err = |e: umis_service::ServiceError| anyhow::anyhow!("{e}");
    services
        .upsert_office(
            &ctx,
            Office {
                code: "HQ".into(),
                name: "Headquarters".into(),
                national: true,
            },
        )
        .await
        .map_err(err)?;
    services
        .create_user(
            &ctx,
            NewUserInput {
                username: "bench.analyst".into(),
                role: "analyst".into(),
                office_code: "HQ".into(),
                password: PASSWORD.into(),
                mfa_exempt: true,
                full_name: String::new(),
            },
        )
        .await
        .map_err(err)?;
    let filled = fill(&services, events, persons).await?;
    eprintln!("filled: {filled}");
    let ok = services
        .login(LoginRequest {
            username: "bench.analyst".into(),
            password: PASSWORD.into(),
            totp_code: None,
            client_addr: None,
        })
        .await
        .map_err(err)?;
    let analyst = Ctx::new(Actor::User(ok.user), None);
    let router = umis_http::router(services.clone(), umis_http::HttpConfig::default());
    let mut overview = Vec::new();
    for round in 0..=rounds {
        let req = axum::http::Request::get("/analytics")
            .header(
                axum::http::header::COOKIE,
                format!("umis_session={}", ok.session_token),
            )
            .body(axum::body::Body::empty())
            .context("request")?;
        let started = Instant::now();
        let res = router.clone().oneshot(req).await.context("router")?;
        let status = res.status();
        let _ = axum::body::to_bytes(res.into_body(), usize::MAX).await;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        anyhow::ensure!(status.is_success(), "overview answered {status}");
        // The first round warms the caches.
        if round > 0 {
            overview.push(ms);
        }
    }
    let mut statistics = serde_json::Map::new();
    let q = |pairs: &[(&str, &str)]| {
        let mut s = StatsQuery::default();
        for (k, v) in pairs {
            let v = Some((*v).to_owned());
            match *k {
                "interval" => s.interval = v,
                "by" => s.by = v,
                _ => {}
            }
        }
        s
    };
    for (name, dataset, query) in [
        ("flows_by_month", "flows", q(&[("interval", "month")])),
        (
            "flows_by_day_and_bcp",
            "flows",
            q(&[("interval", "day"), ("by", "bcp")]),
        ),
        (
            "flows_by_nationality",
            "flows",
            q(&[("interval", "total"), ("by", "nationality")]),
        ),
        ("stock_by_nationality", "stock", q(&[("by", "nationality")])),
        ("stock_by_age_band", "stock", q(&[("by", "age_band")])),
        ("stock_by_basis", "stock", q(&[("by", "basis")])),
        ("applications_by_type", "applications", q(&[])),
        ("permits", "permits", q(&[])),
        ("enforcement", "enforcement", q(&[])),
        ("overstays", "overstays", q(&[])),
    ] {
        let mut ms = Vec::new();
        for _ in 0..3 {
            let started = Instant::now();
            services
                .stats(&analyst, dataset, &query)
                .await
                .map_err(err)?;
            ms.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        statistics.insert(name.to_owned(), latency(ms));
    }
    // The overview's own statistics one by one (last 30 days, the 30 before, twelve months).
    let today = services.local_today();
    let (t, cf) = (today.to_string(), (today - Duration::days(29)).to_string());
    let (pt, pf) = (
        (today - Duration::days(30)).to_string(),
        (today - Duration::days(59)).to_string(),
    );
    let yf = umis_domain::stats::add_months(today, -11)
        .replace_day(1)
        .unwrap_or(today)
        .to_string();
    let full = |pairs: &[(&str, &str)]| {
        let mut s = StatsQuery::default();
        for (k, v) in pairs {
            let v = Some((*v).to_owned());
            match *k {
                "from" => s.from = v,
                "to" => s.to = v,
                "as_of" => s.as_of = v,
                "interval" => s.interval = v,
                "by" => s.by = v,
                _ => {}
            }
        }
        s
    };
    let mut parts = serde_json::Map::new();
    for (name, dataset, query) in [
        (
            "flows_30_days",
            "flows",
            full(&[("from", &cf), ("to", &t), ("interval", "total")]),
        ),
        (
            "flows_previous_30",
            "flows",
            full(&[("from", &pf), ("to", &pt), ("interval", "total")]),
        ),
        (
            "applications_30_days",
            "applications",
            full(&[("from", &cf), ("to", &t)]),
        ),
        (
            "applications_previous_30",
            "applications",
            full(&[("from", &pf), ("to", &pt)]),
        ),
        (
            "stock_today_by_basis",
            "stock",
            full(&[("as_of", &t), ("by", "basis")]),
        ),
        (
            "stock_30_days_ago",
            "stock",
            full(&[("as_of", &pt), ("by", "nationality")]),
        ),
        (
            "permits_30_days",
            "permits",
            full(&[("from", &cf), ("to", &t), ("as_of", &t)]),
        ),
        (
            "permits_previous_30",
            "permits",
            full(&[("from", &pf), ("to", &pt), ("as_of", &pt)]),
        ),
        ("overstays_today", "overstays", full(&[("as_of", &t)])),
        (
            "overstays_30_days_ago",
            "overstays",
            full(&[("as_of", &pt)]),
        ),
        (
            "flows_by_month",
            "flows",
            full(&[("from", &yf), ("to", &t), ("interval", "month")]),
        ),
        (
            "flows_by_month_and_mode",
            "flows",
            full(&[
                ("from", &yf),
                ("to", &t),
                ("interval", "month"),
                ("by", "travel_mode"),
            ]),
        ),
        (
            "applications_12_months",
            "applications",
            full(&[("from", &yf), ("to", &t)]),
        ),
        (
            "flows_by_nationality_12_months",
            "flows",
            full(&[
                ("from", &yf),
                ("to", &t),
                ("interval", "total"),
                ("by", "nationality"),
            ]),
        ),
    ] {
        let started = Instant::now();
        services
            .stats(&analyst, dataset, &query)
            .await
            .map_err(err)?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        parts.insert(name.to_owned(), json!((ms * 10.0).round() / 10.0));
    }
    Ok(json!({
        "backend": db.backend,
        "data": filled,
        "overview_page": latency(overview),
        "overview_parts_ms": parts,
        "statistics": statistics,
    }))
}

/// Drops the benchmark's database, or with `keep` leaves it and says where it is.
async fn finish(db: BenchDb, keep: bool) {
    if keep {
        eprintln!("kept: {}", db.location());
    } else {
        db.drop().await;
    }
}

/// Runs the benchmark on a fresh SQLite file and, with `postgres_url`, on PostgreSQL.
pub async fn stats_bench(
    events: usize,
    persons: usize,
    rounds: usize,
    postgres_url: Option<String>,
    keep: bool,
) -> anyhow::Result<Value> {
    anyhow::ensure!(persons >= 10, "at least 10 persons");
    anyhow::ensure!(events >= 2, "at least 2 events");
    let mut results = Vec::new();
    let db = BenchDb::sqlite()?;
    let r = run(&db, events, persons, rounds).await;
    finish(db, keep).await;
    results.push(r?);
    if let Some(url) = postgres_url {
        let db = BenchDb::postgres(&url).await?;
        let r = run(&db, events, persons, rounds).await;
        finish(db, keep).await;
        results.push(r?);
    }
    Ok(
        json!({"benchmark": "stats", "events": events, "persons": persons,
              "target": {"overview_page_ms": 1000}, "results": results}),
    )
}
