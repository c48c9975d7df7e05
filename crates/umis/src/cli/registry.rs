//! The registry's commands: `umis search persons`, `umis dedup …`, `umis person unmerge`.

use super::explain;
use super::{Command, DedupCommand, PersonCommand, SearchCommand};
use std::process::ExitCode;
use umis_service::{Ctx, Services};

/// Runs a registry command (search, dedup or person).
pub(super) async fn run(
    services: &Services,
    cli_ctx: &Ctx,
    command: Command,
) -> anyhow::Result<ExitCode> {
    match command {
        Command::Search(SearchCommand::Persons(args)) => {
            services.rebuild_index().await.map_err(explain)?;
            return crate::search::run(services, cli_ctx, *args).await;
        }
        Command::Dedup(DedupCommand::Report {
            min_score,
            limit,
            include_dismissed,
            json,
        }) => {
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
        Command::Dedup(DedupCommand::Scan { min_score }) => {
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
        Command::Person(PersonCommand::Unmerge { survivor, merged }) => {
            services
                .unmerge_persons(cli_ctx, &survivor, &merged)
                .await
                .map_err(explain)?;
            println!("merge of {merged} into {survivor} undone");
        }
        _ => unreachable!("only registry commands are passed here"),
    }
    Ok(ExitCode::SUCCESS)
}
