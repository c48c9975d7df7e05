//! `umis bench cases`: creates applications through the real service (validation, eligibility,
//! audit), moves them through their workflows (registration, review, interagency checks and
//! their answers, proposals; a tenth more all the way to an issued permit under four-eyes),
//! then measures the case page, the work-queue page and the officer's home page through the
//! HTTP router with an officer's session, at that size, on SQLite and on PostgreSQL.

use crate::case_pages::latency;
use crate::control::{BenchDb, open, person_rows, travellers};
use anyhow::Context;
use clap::Args;
use serde_json::{Value, json};
use std::time::Instant;
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

/// Fills `db` with `cases` open cases (and a tenth more finished) and reports how fast that went.
async fn fill(services: &Services, db: &BenchDb, cases: usize, seed: u64) -> anyhow::Result<Value> {
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
    let (officer, _) = login(services, "bench.officer").await?;
    let (senior, _) = login(services, "bench.senior").await?;
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
    }))
}

/// The ids of up to about 1,000 cases spread over all of `services`' cases.
async fn sample_cases(services: &Services) -> anyhow::Result<Vec<i64>> {
    let all = umis_store::CaseFilter::default();
    let total = services.store().count_applications(&all).await?;
    let mut ids = Vec::new();
    for part in 0..5 {
        let rows = services
            .store()
            .list_applications(&all, 200, total * part / 5)
            .await?;
        ids.extend(rows.into_iter().map(|r| r.application_id));
    }
    Ok(ids)
}

/// Fills `db` (unless it is an earlier run's, kept) and times its pages.
async fn run(db: &BenchDb, fill_it: Option<(usize, u64)>) -> anyhow::Result<Value> {
    let services = open(db).await?;
    let mut report = match fill_it {
        Some((cases, seed)) => fill(&services, db, cases, seed).await?,
        None => json!({"backend": db.backend, "open_cases": services
            .store()
            .count_applications(&umis_store::CaseFilter { open: Some(true), ..Default::default() })
            .await?}),
    };
    // What autovacuum does in the background on a PostgreSQL at its defaults (statistics,
    // the all-visible map that lets counts read indexes alone), done here at once, so that a
    // database whose autovacuum is off is timed as one in service would be.
    let started = Instant::now();
    services.store().vacuum_analyze().await?;
    let vacuum_secs = started.elapsed().as_secs_f64();
    if let Some(r) = report.as_object_mut() {
        r.insert(
            "vacuum_analyze_seconds".into(),
            json!((vacuum_secs * 100.0).round() / 100.0),
        );
    }
    // A fresh session of the officer (the one opened before filing may have passed its idle
    // limit on a long run).
    let (officer, cookie) = login(&services, "bench.officer").await?;
    let case_ids = sample_cases(&services).await?;
    let pages = crate::case_pages::measure(&services, &officer, &cookie, &case_ids).await?;
    if let (Some(r), Some(p)) = (report.as_object_mut(), pages.as_object()) {
        r.extend(p.clone());
    }
    Ok(report)
}

/// Runs the benchmark on a fresh SQLite file and, with `postgres_url`, on PostgreSQL (or only
/// times the pages of a kept database).
pub async fn cases_bench(b: CasesArgs) -> anyhow::Result<Value> {
    let mut results = Vec::new();
    if let Some(url) = &b.measure {
        let db = BenchDb::existing(url);
        results.push(run(&db, None).await?);
    } else {
        let mut dbs = Vec::new();
        if !b.skip_sqlite {
            dbs.push(BenchDb::sqlite()?);
        }
        if let Some(url) = &b.postgres_url {
            dbs.push(BenchDb::postgres(url).await?);
        }
        for mut db in dbs {
            if b.keep {
                db.keep();
            }
            let r = run(&db, Some((b.cases, b.seed))).await;
            let location = db.location().to_owned();
            db.drop().await;
            // A kept database is named even when its run failed, so it can be timed or removed.
            let mut r = if b.keep {
                r.with_context(|| format!("the database is kept at {location}"))?
            } else {
                r?
            };
            if let (true, Some(o)) = (b.keep, r.as_object_mut()) {
                o.insert("kept_database".into(), json!(location));
            }
            results.push(r);
        }
    }
    Ok(
        json!({"benchmark": "cases", "cases": b.cases, "target": {"queue_page_p99_ms": 50, "home_page_p99_ms": 50},
              "results": results}),
    )
}

/// What `umis bench cases` is asked to do.
#[derive(Debug, Args)]
pub struct CasesArgs {
    /// Open applications to create (a tenth more are run to the end).
    #[arg(long, default_value_t = 100_000)]
    pub cases: usize,
    /// Seed of the applicants.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// PostgreSQL to measure as well (a schema of its own, dropped afterwards).
    #[arg(long, value_name = "URL")]
    pub postgres_url: Option<String>,
    /// Measure PostgreSQL only (with --postgres-url).
    #[arg(long, requires = "postgres_url")]
    pub skip_sqlite: bool,
    /// Keep the filled databases and print where they are (for `--measure`).
    #[arg(long)]
    pub keep: bool,
    /// Only time the pages of a database an earlier `--keep` run filled.
    #[arg(long, value_name = "DATABASE_URL", conflicts_with_all = ["postgres_url", "keep"])]
    pub measure: Option<String>,
}
