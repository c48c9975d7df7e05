//! `umis bench …`: the benchmarks, each on databases of its own; the report is printed as JSON.

use super::BenchCommand;
use serde_json::Value;
use std::process::ExitCode;

/// Runs a benchmark and prints its report.
pub(super) async fn run(cmd: BenchCommand) -> anyhow::Result<ExitCode> {
    let report: Value = match cmd {
        BenchCommand::Search {
            persons,
            queries,
            seed,
            postgres_url,
        } => umis_bench::search_bench(persons, queries, seed, postgres_url).await?,
        BenchCommand::Ingest {
            events,
            seed,
            postgres_url,
        } => umis_bench::ingest_bench(events, seed, postgres_url).await?,
        BenchCommand::Cases(args) => umis_bench::cases_bench(args).await?,
        BenchCommand::Stats {
            events,
            persons,
            rounds,
            postgres_url,
            keep,
        } => umis_bench::stats_bench(events, persons, rounds, postgres_url, keep).await?,
        BenchCommand::Load {
            clients,
            seconds,
            persons,
            postgres_url,
        } => umis_bench::load_bench(clients, seconds, persons, postgres_url).await?,
        BenchCommand::Overstay { events, seed, bulk } => {
            umis_bench::overstay_bench(events, seed, bulk).await?
        }
        BenchCommand::Forecast { json } => return crate::forecast::bench_forecast(json),
    };
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(ExitCode::SUCCESS)
}
