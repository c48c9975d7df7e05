//! `umis bench load`: the whole server under many clients at once. A server on loopback over a
//! fresh database of the search benchmark's synthetic population (names in their own scripts,
//! each with a passport); a closed-loop client (each client sends its next request when the
//! last is answered) times person searches made from known persons with realistic variation,
//! with many clients, then single-event border POSTs with twenty, once with the audit written
//! as configured and once with a baseline that skips the audit write, in the same run.

use crate::control::{BenchDb, open, passport};
use anyhow::Context;
use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};
use umis_domain::AuditOutcome;
use umis_domain::person::PersonId;
use umis_matching::synth::{SynthPerson, population, queries};
use umis_service::{Ctx, Services};
use umis_store::{NewPersonRow, PersonName};

/// Clients that post border events.
const BORDER_CLIENTS: usize = 20;

/// What one phase measured.
struct Phase {
    answered: usize,
    failed: usize,
    seconds: f64,
    latencies_ms: Vec<f64>,
}

impl Phase {
    fn report(mut self) -> Value {
        self.latencies_ms.sort_by(f64::total_cmp);
        let pct = |p: f64| {
            let n = self.latencies_ms.len();
            if n == 0 {
                return 0.0;
            }
            let i = ((n as f64 * p).ceil() as usize).clamp(1, n) - 1;
            (self.latencies_ms[i] * 10.0).round() / 10.0
        };
        json!({
            "requests": self.answered,
            "failed": self.failed,
            "per_second": (self.answered as f64 / self.seconds).round(),
            "p50_ms": pct(0.50),
            "p90_ms": pct(0.90),
            "p99_ms": pct(0.99),
            "max_ms": pct(1.0),
        })
    }
}

/// The request a client sends next.
#[derive(Clone, Copy)]
enum Kind {
    Search,
    Border,
}

/// A registered person as a border event names them.
struct Passport {
    number: String,
    state: String,
    surname: String,
}

struct Target {
    addr: std::net::SocketAddr,
    search_token: String,
    border_token: String,
    /// Search query strings (`name=…&birth_date=…`), made from known persons.
    searches: Vec<String>,
    passports: Vec<Passport>,
}

/// Registers the synthetic population in bulk; returns each person's passport.
async fn register_population(
    services: &Services,
    people: &[SynthPerson],
) -> anyhow::Result<Vec<Passport>> {
    let now = services.now();
    let mut passports = Vec::with_capacity(people.len());
    let mut rows = Vec::with_capacity(people.len());
    for (i, p) in people.iter().enumerate() {
        let r = &p.record;
        let state = r
            .nationalities
            .first()
            .cloned()
            .unwrap_or_else(|| "XXA".into());
        let number = format!("L{i:08}");
        let names: Vec<PersonName> = r
            .names
            .iter()
            .enumerate()
            .map(|(k, n)| PersonName {
                kind: if k == 0 { "primary" } else { "alias" }.into(),
                surname: n.surname.clone(),
                given_names: n.given_names.clone(),
                patronymic: n.patronymic.clone(),
            })
            .collect();
        passports.push(Passport {
            number: number.clone(),
            state: state.clone(),
            surname: names.first().map(|n| n.surname.clone()).unwrap_or_default(),
        });
        rows.push(NewPersonRow {
            person_id: PersonId::from_random(0x10ad_0000_0000 + i as u64).as_i64(),
            external_id: None,
            sex: None,
            birth_date: r.birth_date.as_ref().map(ToString::to_string),
            birth_year: r.birth_date.as_ref().map(|d| d.year),
            place_of_birth: None,
            names,
            nationalities: r.nationalities.clone(),
            documents: vec![passport(&state, &number)],
            created_at: now,
            created_by: "bench".into(),
        });
    }
    for chunk in rows.chunks(10_000) {
        services
            .store()
            .create_persons_bulk(
                chunk,
                Ctx::system("bench").audit(now, "person.bulk_create", AuditOutcome::Ok),
            )
            .await
            .map_err(|e| anyhow::anyhow!("registering persons: {e}"))?;
    }
    // A registry loaded in bulk is analysed, as `umis import` does after a load.
    services
        .after_bulk_load()
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(passports)
}

/// The query string of each synthetic search.
fn search_strings(people: &[SynthPerson], n: usize) -> Vec<String> {
    queries(people, n, 7)
        .into_iter()
        .map(|q| {
            let q = q.query;
            let pairs: Vec<(&str, String)> = [
                ("name", q.name),
                ("birth_date", q.birth_date),
                ("nationality", q.nationality),
                ("document_number", q.document_number),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .chain([("limit", "10".to_owned())])
            .collect();
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        })
        .collect()
}

fn request(
    t: &Target,
    kind: Kind,
    client: usize,
    n: usize,
) -> anyhow::Result<hyper::Request<Full<Bytes>>> {
    let pick = client * 7919 + n * 104_729;
    let req = match kind {
        Kind::Search => {
            let uri = format!(
                "/api/v1/persons/search?{}",
                t.searches[pick % t.searches.len()]
            );
            hyper::Request::get(uri)
                .header("host", "bench")
                .header("authorization", format!("Bearer {}", t.search_token))
                .body(Full::new(Bytes::new()))?
        }
        Kind::Border => {
            let p = &t.passports[pick % t.passports.len()];
            let minute = n % (60 * 24 * 300);
            let at = time::OffsetDateTime::UNIX_EPOCH
                + time::Duration::days(20_000)
                + time::Duration::minutes(minute as i64);
            let event = json!([{
                "event_id": format!("LOAD-{client}-{n}"),
                "direction": if n.is_multiple_of(2) { "entry" } else { "exit" },
                "occurred_at": at.format(&time::format_description::well_known::Rfc3339)?,
                "bcp": "GYD",
                "travel_mode": "air",
                "document_number": p.number,
                "document_issuing_state": p.state,
                "surname": p.surname,
            }]);
            hyper::Request::post("/api/v1/border-events")
                .header("host", "bench")
                .header("content-type", "application/json")
                .header("authorization", format!("Bearer {}", t.border_token))
                .body(Full::new(Bytes::from(event.to_string())))?
        }
    };
    Ok(req)
}

/// One client: a keep-alive connection, a request at a time until `until`.
async fn client(t: Arc<Target>, kind: Kind, index: usize, until: Instant) -> anyhow::Result<Phase> {
    let stream = tokio::net::TcpStream::connect(t.addr).await?;
    stream.set_nodelay(true)?;
    let (mut send, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(conn);
    let mut phase = Phase {
        answered: 0,
        failed: 0,
        seconds: 0.0,
        latencies_ms: Vec::new(),
    };
    let mut n = 0;
    while Instant::now() < until {
        let req = request(&t, kind, index, n)?;
        n += 1;
        let start = Instant::now();
        send.ready().await?;
        let res = send.send_request(req).await?;
        let ok = res.status().is_success();
        res.into_body().collect().await?;
        phase
            .latencies_ms
            .push(start.elapsed().as_secs_f64() * 1000.0);
        if ok {
            phase.answered += 1;
        } else {
            phase.failed += 1;
        }
    }
    Ok(phase)
}

async fn run_phase(
    t: &Arc<Target>,
    kind: Kind,
    clients: usize,
    seconds: u64,
) -> anyhow::Result<Value> {
    let start = Instant::now();
    let until = start + Duration::from_secs(seconds);
    let tasks: Vec<_> = (0..clients)
        .map(|i| tokio::spawn(client(t.clone(), kind, i, until)))
        .collect();
    let mut all = Phase {
        answered: 0,
        failed: 0,
        seconds: 0.0,
        latencies_ms: Vec::new(),
    };
    for task in tasks {
        let p = task.await.context("client task")??;
        all.answered += p.answered;
        all.failed += p.failed;
        all.latencies_ms.extend(p.latencies_ms);
    }
    all.seconds = start.elapsed().as_secs_f64();
    Ok(all.report())
}

async fn run_on(
    db: &BenchDb,
    clients: usize,
    seconds: u64,
    persons: usize,
) -> anyhow::Result<Value> {
    let services: Services = open(db).await?;
    let people = population(persons, 1);
    let started = Instant::now();
    let passports = register_population(&services, &people).await?;
    let searches = search_strings(&people, 5_000);
    drop(people);
    services
        .rebuild_index()
        .await
        .map_err(|e| anyhow::anyhow!("building the index: {e}"))?;
    let filled = started.elapsed().as_secs_f64();
    let ctx = Ctx::system("bench");
    let token = |client: &'static str, scopes: &'static str| {
        let services = services.clone();
        let ctx = ctx.clone();
        async move {
            services
                .issue_token(&ctx, client, scopes, Some(1))
                .await
                .map(|t| t.token)
                .map_err(|e| anyhow::anyhow!("issuing a token: {e}"))
        }
    };
    let search_token = token("bench-search", "persons:read").await?;
    let border_token = token("bench-border", "border-events:write").await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let app = umis_http::router(services.clone(), umis_http::HttpConfig::default());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let limits = umis_http::ListenerLimits {
        max_connections: clients + BORDER_CLIENTS + 16,
        ..Default::default()
    };
    let server = tokio::spawn(umis_http::serve(listener, app, limits, async move {
        let _ = stopped.await;
    }));
    let target = Arc::new(Target {
        addr,
        search_token,
        border_token,
        searches,
        passports,
    });
    let mut runs = serde_json::Map::new();
    for (label, skip) in [("audit", false), ("no_audit_baseline", true)] {
        services.store().skip_audit_appends(skip);
        let search = run_phase(&target, Kind::Search, clients, seconds).await?;
        let border = run_phase(&target, Kind::Border, BORDER_CLIENTS, seconds).await?;
        runs.insert(
            label.into(),
            json!({"search": search, "border_single_event": border}),
        );
    }
    services.store().skip_audit_appends(false);
    let _ = stop.send(());
    let _ = server.await;
    // Stays rebuilt in the background after the last answers finish before the database goes.
    services
        .settle_stays()
        .await
        .map_err(|e| anyhow::anyhow!("rebuilding stays: {e}"))?;
    let ratio = |what: &str| {
        let with = runs["audit"][what]["per_second"].as_f64().unwrap_or(0.0);
        let without = runs["no_audit_baseline"][what]["per_second"]
            .as_f64()
            .unwrap_or(0.0);
        if without > 0.0 {
            (with / without * 100.0).round() / 100.0
        } else {
            0.0
        }
    };
    let search_ratio = ratio("search");
    let border_ratio = ratio("border_single_event");
    Ok(json!({
        "backend": db.backend,
        "persons": persons,
        "fill_seconds": (filled * 10.0).round() / 10.0,
        "search_clients": clients,
        "border_clients": BORDER_CLIENTS,
        "seconds_per_phase": seconds,
        "runs": runs,
        "audit_over_baseline": {"search": search_ratio, "border_single_event": border_ratio},
    }))
}

/// Runs the load benchmark on a fresh SQLite file, and on PostgreSQL with `postgres_url`.
pub async fn load_bench(
    clients: usize,
    seconds: u64,
    persons: usize,
    postgres_url: Option<String>,
) -> anyhow::Result<Value> {
    anyhow::ensure!(
        (1..=2_000).contains(&clients) && (1..=600).contains(&seconds),
        "clients must be 1..=2000 and seconds 1..=600"
    );
    anyhow::ensure!(
        (100..=10_000_000).contains(&persons),
        "persons must be 100..=10,000,000"
    );
    let mut results = Vec::new();
    let db = BenchDb::sqlite()?;
    let r = run_on(&db, clients, seconds, persons).await;
    db.drop().await;
    results.push(r?);
    if let Some(url) = postgres_url {
        let db = BenchDb::postgres(&url).await?;
        let r = run_on(&db, clients, seconds, persons).await;
        db.drop().await;
        results.push(r?);
    }
    Ok(json!({ "load": results }))
}
