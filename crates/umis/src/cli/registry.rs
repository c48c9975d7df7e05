//! The registry's commands: `umis search persons`, `umis dedup …`, `umis person unmerge`.

use super::explain;
use super::{DedupCommand, PersonCommand, SearchCommand};
use std::process::ExitCode;
use umis_service::{Ctx, Services};

/// `umis search persons`.
pub(super) async fn search(
    services: &Services,
    cli_ctx: &Ctx,
    command: SearchCommand,
) -> anyhow::Result<ExitCode> {
    let SearchCommand::Persons(args) = command;
    services.rebuild_index().await.map_err(explain)?;
    crate::search::run(services, cli_ctx, *args).await
}

/// `umis dedup report` and `umis dedup scan`.
pub(super) async fn dedup(
    services: &Services,
    cli_ctx: &Ctx,
    command: DedupCommand,
) -> anyhow::Result<()> {
    match command {
        DedupCommand::Report {
            min_score,
            limit,
            include_dismissed,
            json,
        } => {
            anyhow::ensure!(
                (0.0..=1.0).contains(&min_score),
                "--min-score must be between 0 and 1"
            );
            services.rebuild_index().await.map_err(explain)?;
            let pairs = services
                .duplicate_pairs(cli_ctx, min_score, limit, include_dismissed)
                .await
                .map_err(explain)?;
            if json {
                for p in &pairs {
                    println!("{}", serde_json::to_string(p)?);
                }
            } else {
                println!(
                    "{:<12} {:<15} {:<6} STATUS",
                    "PERSON", "LIKELY SAME AS", "SCORE"
                );
                for p in &pairs {
                    println!(
                        "{:<12} {:<15} {:<6.3} {}",
                        p.person_a, p.person_b, p.score, p.status
                    );
                }
            }
            eprintln!("{} candidate pairs", pairs.len());
        }
        DedupCommand::Scan { min_score } => {
            anyhow::ensure!(
                (0.0..=1.0).contains(&min_score),
                "--min-score must be between 0 and 1"
            );
            services.rebuild_index().await.map_err(explain)?;
            let n = services
                .scan_duplicates(cli_ctx, min_score)
                .await
                .map_err(explain)?;
            println!("{n} candidate pairs found; undecided ones are in the review queue");
        }
    }
    Ok(())
}

/// `umis person unmerge`.
pub(super) async fn person(
    services: &Services,
    cli_ctx: &Ctx,
    command: PersonCommand,
) -> anyhow::Result<()> {
    let PersonCommand::Unmerge { survivor, merged } = command;
    services
        .unmerge_persons(cli_ctx, &survivor, &merged)
        .await
        .map_err(explain)?;
    println!("merge of {merged} into {survivor} undone");
    Ok(())
}
