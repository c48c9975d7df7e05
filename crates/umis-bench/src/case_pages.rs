//! The timed half of `umis bench cases`: the case page, each work-queue view and the
//! officer's home page through the HTTP router with an officer's session, and each figure of
//! the home page through the service, so a slow page names the query that makes it slow.

use anyhow::Context;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Map, Value, json};
use std::time::Instant;
use tower::ServiceExt;
use umis_service::{Ctx, QueueQuery, Services};

/// The work-queue views timed, each as an officer opens it.
pub(crate) const QUEUES: [&str; 9] = [
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

/// Rounds of each queue view and of the home page (the first round warms up and is not kept).
const QUEUE_ROUNDS: usize = 60;
const HOME_ROUNDS: usize = 200;

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    (sorted[i.min(sorted.len() - 1)] * 1000.0).round() / 1000.0
}

/// n, p50, p95, p99 and max of `ms`.
pub(crate) fn latency(mut ms: Vec<f64>) -> Value {
    ms.sort_by(f64::total_cmp);
    json!({"n": ms.len(), "p50_ms": pct(&ms, 0.5), "p95_ms": pct(&ms, 0.95), "p99_ms": pct(&ms, 0.99),
           "max_ms": pct(&ms, 1.0)})
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

/// Times `f` `rounds` times after one warm-up call.
async fn timed<F, Fut>(rounds: usize, mut f: F) -> anyhow::Result<Value>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    f().await?;
    let mut ms = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let started = Instant::now();
        f().await?;
        ms.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(latency(ms))
}

/// The home page's figures for a case officer, each through the service as the page asks it.
async fn home_parts(services: &Services, officer: &Ctx) -> anyhow::Result<Map<String, Value>> {
    let err = |e: umis_service::ServiceError| anyhow::anyhow!("{e}");
    let mut out = Map::new();
    let counts: [(&str, Option<&str>, Option<&str>, bool); 5] = [
        ("my_overdue", None, Some("overdue"), true),
        ("my_at_risk", None, Some("at_risk"), true),
        ("my_open", None, None, true),
        ("intake", Some("submitted"), None, false),
        ("office_overdue", None, Some("overdue"), false),
    ];
    for (name, state, due, mine) in counts {
        let q = QueueQuery {
            state: state.map(str::to_owned),
            due: due.map(str::to_owned),
            assigned: mine.then(|| "me".to_owned()),
            limit: Some(1),
            ..Default::default()
        };
        let lat = timed(HOME_ROUNDS, || async {
            services.application_count(officer, &q).await.map_err(err)?;
            Ok(())
        })
        .await?;
        out.insert(name.into(), lat);
    }
    let lat = timed(HOME_ROUNDS, || async {
        services
            .store()
            .count_open_duplicate_candidates()
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(())
    })
    .await?;
    out.insert("duplicates".into(), lat);
    let lat = timed(HOME_ROUNDS, || async {
        services.alert_counts(officer).await.map_err(err)?;
        Ok(())
    })
    .await?;
    out.insert("alerts".into(), lat);
    let lat = timed(HOME_ROUNDS, || async {
        services.home(officer).await.map_err(err)?;
        Ok(())
    })
    .await?;
    out.insert("all_figures".into(), lat);
    Ok(out)
}

/// Times the pages of a filled database, with a session of `cookie`'s officer (`officer` is the
/// same officer's context for the service-level figures); `case_ids` are the cases whose page
/// is opened (500 of them, spread evenly).
pub(crate) async fn measure(
    services: &Services,
    officer: &Ctx,
    cookie: &str,
    case_ids: &[i64],
) -> anyhow::Result<Value> {
    let router = umis_http::router(services.clone(), umis_http::HttpConfig::default());
    // The floor: a page that reads nothing but the session.
    let mut floor = Vec::new();
    for round in 0..=QUEUE_ROUNDS {
        let ms = page(&router, cookie, "/account").await?;
        if round > 0 {
            floor.push(ms);
        }
    }
    let mut case_page = Vec::new();
    let step = (case_ids.len() / 500).max(1);
    for id in case_ids.iter().step_by(step).take(500) {
        case_page.push(page(&router, cookie, &format!("/cases/{id}")).await?);
    }
    let mut queue_page = Vec::new();
    let mut by_view: Vec<Vec<f64>> = vec![Vec::new(); QUEUES.len()];
    for round in 0..=QUEUE_ROUNDS {
        for (q, view) in QUEUES.iter().zip(by_view.iter_mut()) {
            let ms = page(&router, cookie, q).await?;
            if round > 0 {
                queue_page.push(ms);
                view.push(ms);
            }
        }
    }
    let mut home_page = Vec::new();
    for round in 0..=HOME_ROUNDS {
        let ms = page(&router, cookie, "/").await?;
        if round > 0 {
            home_page.push(ms);
        }
    }
    let views: Map<String, Value> = QUEUES
        .iter()
        .zip(by_view)
        .map(|(q, ms)| ((*q).to_owned(), latency(ms)))
        .collect();
    Ok(json!({
        "account_page": latency(floor),
        "case_page": latency(case_page),
        "queue_page": latency(queue_page),
        "queue_views": views,
        "home_page": latency(home_page),
        "home_figures": home_parts(services, officer).await?,
    }))
}
