//! `umis bench overstay`: full overstay reports over a year of ingested (or bulk-filled) traffic.

use super::ingest::ingest;
use super::population::traffic;
use super::{BenchDb, open, register, round};
use serde_json::{Value, json};
use std::time::Instant;
use umis_service::{Ctx, Services};

/// Times full overstay reports (every page) for each day of `days`.
pub(super) async fn time_reports(
    services: &Services,
    days: &[String],
) -> anyhow::Result<Vec<Value>> {
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
pub(super) async fn overstay_bench_bulk(events: usize) -> anyhow::Result<Value> {
    let db = BenchDb::sqlite()?;
    let result = async {
        let services = open(&db).await?;
        let filled = crate::stats::fill(&services, events, (events / 10).max(10)).await?;
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
