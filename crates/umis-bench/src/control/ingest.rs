//! `umis bench ingest`: events through the ingestion path, two requests in flight, against the raw baselines.

use super::population::traffic;
use super::raw::raw_insert;
use super::{BenchDb, open, register, round};
use crate::traffic::Traveller;
use serde_json::{Value, json};
use std::time::Instant;
use umis_service::{BorderEventInput, Ctx, Services};
use umis_store::Db;

/// Ingests `events` through the service in requests of 10,000, two in flight; returns seconds
/// and how many were accepted.
pub(super) async fn ingest(
    services: &Services,
    events: &[BorderEventInput],
) -> anyhow::Result<(f64, u64)> {
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
pub(super) fn answered(
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

pub(super) async fn ingest_on(
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
