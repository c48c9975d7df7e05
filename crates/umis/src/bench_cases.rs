//! `umis bench cases`: creates applications through the real service (validation, eligibility,
//! audit), moves them through their workflows (registration, review, interagency checks and
//! their answers, proposals; a tenth more all the way to an issued permit under four-eyes),
//! then measures the case page, the work-queue page and the officer's home page through the
//! HTTP router with an officer's session, at that size, on SQLite and on PostgreSQL.

use crate::bench_control::{BenchDb, open, person_rows, travellers};
use anyhow::Context;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use std::time::Instant;
use tower::ServiceExt;
use umis_service::{
    ActionInput, Actor, ApplicationInput, Ctx, LoginRequest, NewUserInput, Services,
};
use umis_store::{NewPersonRow, Office};

/// The types the benchmark files, with their form fields (types that need residence already on
/// record are left out: their intake differs only by one lookup).
fn filing(i: usize, person: &str) -> ApplicationInput {
    let (t, fields, docs): (&str, Value, &[&str]) = match i % 5 {
        0 => (
            "stay_extension",
            json!({"requested_days": 30, "reason": "treatment"}),
            &["passport_copy", "application_form"],
        ),
        1 => (
            "temporary_residence",
            json!({"ground": "study", "requested_months": 12, "address": "Bakı"}),
            &[
                "passport_copy",
                "photo",
                "application_form",
                "ground_evidence",
                "medical_certificate",
            ],
        ),
        2 => (
            "work_permit",
            json!({"employer_name": "Xəzər MMC", "employer_tax_id": "1700123451", "position": "engineer",
                   "contract_until": "2039-12-31", "fee_tier": if i.is_multiple_of(2) { "urgent" } else { "standard" },
                   "requested_months": 12}),
            &[
                "passport_copy",
                "employment_contract",
                "diploma",
                "medical_certificate",
                "fee_receipt",
            ],
        ),
        3 => (
            "immigrant_status",
            json!({"basis": "family"}),
            &["passport_copy", "photo", "application_form"],
        ),
        _ => (
            "refugee_status",
            json!({"country_of_origin": "AFG", "claim": "persecution"}),
            &["application_form"],
        ),
    };
    ApplicationInput {
        app_type: t.into(),
        person_id: person.into(),
        fields: fields.as_object().cloned().unwrap_or_default(),
        documents: docs.iter().map(|d| (*d).to_owned()).collect(),
        lang: Some("az".into()),
        draft: false,
    }
}

/// How far a case is moved: the actions after filing, by the case's number.
fn plan(i: usize, finish: bool) -> &'static [&'static str] {
    if finish {
        return &[
            "register",
            "start_review",
            "request_checks",
            "answer",
            "propose",
            "decide",
            "issue",
            "close",
        ];
    }
    match i % 8 {
        0 | 1 => &[],
        2 => &["register"],
        3 => &["register", "start_review"],
        4 => &["register", "start_review", "request_info"],
        5 => &["register", "start_review", "request_checks"],
        6 => &["register", "start_review", "request_checks", "answer"],
        _ => &[
            "register",
            "start_review",
            "request_checks",
            "answer",
            "propose",
        ],
    }
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    (sorted[i.min(sorted.len() - 1)] * 1000.0).round() / 1000.0
}

fn latency(mut ms: Vec<f64>) -> Value {
    ms.sort_by(f64::total_cmp);
    json!({"n": ms.len(), "p50_ms": pct(&ms, 0.5), "p95_ms": pct(&ms, 0.95), "p99_ms": pct(&ms, 0.99),
           "max_ms": pct(&ms, 1.0)})
}

const PASSWORD: &str = "bench password 1";

/// Officers filing and acting at the same time.
const WORKERS: usize = 4;

async fn login(services: &Services, user: &str) -> anyhow::Result<(Ctx, String)> {
    let ok = services
        .login(LoginRequest {
            username: user.into(),
            password: PASSWORD.into(),
            totp_code: None,
            client_addr: None,
        })
        .await
        .map_err(|e| anyhow::anyhow!("login {user}: {e}"))?;
    Ok((Ctx::new(Actor::User(ok.user), None), ok.session_token))
}

/// Moves one case through `steps`.
async fn advance(
    services: &Services,
    officer: &Ctx,
    senior: &Ctx,
    id: i64,
    steps: &[&str],
    latencies: &mut Vec<f64>,
) -> anyhow::Result<()> {
    let err = |e: umis_service::ServiceError| anyhow::anyhow!("case {id}: {e}");
    let mut version = services
        .application(officer, id)
        .await
        .map_err(err)?
        .version;
    for step in steps {
        let started = Instant::now();
        if *step == "answer" {
            let case = services.application(officer, id).await.map_err(err)?;
            for c in case.checks.iter().filter(|c| c.status == "pending") {
                services
                    .answer_check(
                        &Ctx::system("bench-partner"),
                        c.check_id,
                        "no_objection",
                        None,
                    )
                    .await
                    .map_err(err)?;
            }
            version = services
                .application(officer, id)
                .await
                .map_err(err)?
                .version;
            latencies.push(started.elapsed().as_secs_f64() * 1000.0);
            continue;
        }
        let case_type_checks = *step == "request_checks";
        let who = if *step == "decide" { senior } else { officer };
        let view = services
            .act_on_application(
                who,
                id,
                &ActionInput {
                    action: (*step).into(),
                    version,
                    outcome: (*step == "propose").then(|| "approve".into()),
                    ground: None,
                    reasoning: (*step == "propose").then(|| "conditions met".into()),
                    note: (*step == "request_info" || case_type_checks)
                        .then(|| "please answer".into()),
                    agencies: if case_type_checks {
                        vec!["security".into()]
                    } else {
                        Vec::new()
                    },
                },
            )
            .await;
        let view = match view {
            Ok(v) => v,
            // A proposal names the type's first approval ground.
            Err(umis_service::ServiceError::Validation {
                field: "ground", ..
            }) => {
                let case = services.application(officer, id).await.map_err(err)?;
                let ground = case
                    .app_type
                    .parse::<umis_domain::cases::AppType>()
                    .map(|t| t.spec().grounds[0].to_owned())
                    .unwrap_or_default();
                services
                    .act_on_application(
                        who,
                        id,
                        &ActionInput {
                            action: "propose".into(),
                            version,
                            outcome: Some("approve".into()),
                            ground: Some(ground),
                            reasoning: Some("conditions met".into()),
                            ..Default::default()
                        },
                    )
                    .await
                    .map_err(err)?
            }
            Err(e) => return Err(err(e)),
        };
        version = view.version;
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(())
}

async fn page(router: &axum::Router, cookie: &str, path: &str) -> anyhow::Result<f64> {
    let req = Request::get(path)
        .header(header::COOKIE, format!("umis_session={cookie}"))
        .body(Body::empty())
        .context("request")?;
    let started = Instant::now();
    let res = router.clone().oneshot(req).await.context("router")?;
    let status = res.status();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .context("body")?;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if status != StatusCode::OK {
        anyhow::bail!("{path}: {status}: {}", String::from_utf8_lossy(&body));
    }
    Ok(ms)
}

async fn run(db: &BenchDb, cases: usize, seed: u64) -> anyhow::Result<Value> {
    let services = open(db).await?;
    let ctx = Ctx::system("bench");
    let err = |e: umis_service::ServiceError| anyhow::anyhow!("{e}");
    services
        .upsert_office(
            &ctx,
            Office {
                code: "HQ".into(),
                name: "Headquarters".into(),
                national: false,
            },
        )
        .await
        .map_err(err)?;
    for (u, role) in [
        ("bench.officer", "case_officer"),
        ("bench.senior", "decision_maker"),
    ] {
        services
            .create_user(
                &ctx,
                NewUserInput {
                    username: u.into(),
                    role: role.into(),
                    office_code: "HQ".into(),
                    password: PASSWORD.into(),
                    mfa_exempt: true,
                    full_name: String::new(),
                },
            )
            .await
            .map_err(err)?;
    }
    let (officer, _) = login(&services, "bench.officer").await?;
    let (senior, _) = login(&services, "bench.senior").await?;
    let finished = cases / 10;
    let total = cases + finished;
    // One applicant per case, with a passport valid long enough for any permit.
    let people = travellers(total, seed);
    let mut rows = person_rows(&people, services.now());
    for (r, _) in &mut rows {
        for d in &mut r.documents {
            d.expiry_date = Some("2045-01-01".into());
        }
    }
    for chunk in rows.chunks(10_000) {
        let persons: Vec<NewPersonRow> = chunk.iter().map(|(r, _)| r.clone()).collect();
        services
            .store()
            .create_persons_bulk(
                &persons,
                ctx.audit(
                    services.now(),
                    "person.bulk_create",
                    umis_domain::AuditOutcome::Ok,
                ),
            )
            .await
            .map_err(|e| anyhow::anyhow!("registering applicants: {e}"))?;
    }
    // A registry loaded in bulk is analysed, as `umis import` does after a load.
    services
        .after_bulk_load()
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let ids: Vec<String> = rows
        .iter()
        .map(|(r, _)| umis_domain::person::PersonId::from_stored(r.person_id).to_string())
        .collect();
    let bar = indicatif::ProgressBar::new(total as u64 * 2);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{prefix} {bar:40} {pos}/{len} {per_sec} eta {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_prefix(db.backend);

    // Officers working at once: each worker takes every WORKERS-th case.
    let ids = std::sync::Arc::new(ids);
    let started = Instant::now();
    let mut workers = Vec::new();
    for w in 0..WORKERS {
        let (services, officer, ids, bar) =
            (services.clone(), officer.clone(), ids.clone(), bar.clone());
        workers.push(tokio::spawn(async move {
            let mut out = Vec::new();
            for i in (w..ids.len()).step_by(WORKERS) {
                let t = Instant::now();
                let view = services
                    .submit_application(&officer, &filing(i, &ids[i]))
                    .await
                    .map_err(|e| anyhow::anyhow!("filing {i}: {e}"))?;
                out.push((i, view.id, t.elapsed().as_secs_f64() * 1000.0));
                bar.inc(1);
            }
            anyhow::Ok(out)
        }));
    }
    let mut filed = Vec::with_capacity(total);
    for w in workers {
        filed.extend(w.await.context("worker")??);
    }
    filed.sort_by_key(|(i, _, _)| *i);
    let create_secs = started.elapsed().as_secs_f64();
    let create_ms: Vec<f64> = filed.iter().map(|(_, _, ms)| *ms).collect();
    let case_ids: Vec<i64> = filed.iter().map(|(_, id, _)| *id).collect();

    let started = Instant::now();
    let shared = std::sync::Arc::new(case_ids.clone());
    let mut workers = Vec::new();
    for w in 0..WORKERS {
        let (services, officer, senior, ids, bar) = (
            services.clone(),
            officer.clone(),
            senior.clone(),
            shared.clone(),
            bar.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut ms = Vec::new();
            for i in (w..ids.len()).step_by(WORKERS) {
                advance(
                    &services,
                    &officer,
                    &senior,
                    ids[i],
                    plan(i, i >= cases),
                    &mut ms,
                )
                .await?;
                bar.inc(1);
            }
            anyhow::Ok(ms)
        }));
    }
    let mut action_ms = Vec::new();
    for w in workers {
        action_ms.extend(w.await.context("worker")??);
    }
    let move_secs = started.elapsed().as_secs_f64();
    bar.finish_and_clear();
    let open_cases = services
        .store()
        .count_applications(&umis_store::CaseFilter {
            open: Some(true),
            ..Default::default()
        })
        .await?;

    // Pages, through the router with a fresh session of the officer (the one opened before
    // filing may have passed its idle limit on a long run).
    let (_, cookie) = login(&services, "bench.officer").await?;
    let router = umis_http::router(services.clone(), umis_http::HttpConfig::default());
    let mut case_page = Vec::new();
    let step = (case_ids.len() / 500).max(1);
    for id in case_ids.iter().step_by(step).take(500) {
        case_page.push(page(&router, &cookie, &format!("/cases/{id}")).await?);
    }
    let queues = [
        "/cases",
        "/cases?assigned=me",
        "/cases?due=at_risk",
        "/cases?due=overdue",
        "/cases?app_type=work_permit",
        "/cases?state=awaiting_checks",
        "/cases?app_type=temporary_residence&state=proposed",
        "/cases?offset=500",
        "/cases?status=closed",
    ];
    let mut queue_page = Vec::new();
    for round in 0..60 {
        for q in queues {
            let ms = page(&router, &cookie, q).await?;
            if round > 0 {
                queue_page.push(ms);
            }
        }
    }
    // The officer's home page: every figure of a case officer's day, counted over the queue.
    let mut home_page = Vec::new();
    for round in 0..201 {
        let ms = page(&router, &cookie, "/").await?;
        if round > 0 {
            home_page.push(ms);
        }
    }
    let actions = action_ms.len();
    Ok(json!({
        "backend": db.backend,
        "cases_filed": total,
        "concurrent_officers": WORKERS,
        "open_cases": open_cases,
        "finished_cases": finished,
        "create": {"seconds": (create_secs * 100.0).round() / 100.0,
                   "per_second": (total as f64 / create_secs).round(), "latency": latency(create_ms)},
        "workflow_actions": {"n": actions, "seconds": (move_secs * 100.0).round() / 100.0,
                   "per_second": (actions as f64 / move_secs).round(), "latency": latency(action_ms)},
        "case_page": latency(case_page),
        "queue_page": latency(queue_page),
        "home_page": latency(home_page),
    }))
}

/// Runs the benchmark on a fresh SQLite file and, with `postgres_url`, on PostgreSQL.
pub async fn cases_bench(
    cases: usize,
    seed: u64,
    postgres_url: Option<String>,
) -> anyhow::Result<Value> {
    let mut results = Vec::new();
    let db = BenchDb::sqlite()?;
    let r = run(&db, cases, seed).await;
    db.drop().await;
    results.push(r?);
    if let Some(url) = postgres_url {
        let db = BenchDb::postgres(&url).await?;
        let r = run(&db, cases, seed).await;
        db.drop().await;
        results.push(r?);
    }
    Ok(
        json!({"benchmark": "cases", "cases": cases, "target": {"queue_page_p99_ms": 50, "home_page_p99_ms": 50},
              "results": results}),
    )
}
