//! `umis import …`: persons and border events from files, with a report of rejected rows.

use super::ImportCommand;
use anyhow::Context;
use umis_service::Services;

/// Runs an import command.
pub(super) async fn run(services: &Services, cmd: ImportCommand) -> anyhow::Result<()> {
    match cmd {
        ImportCommand::Persons { file, errors } => {
            let mut report: Vec<u8> = Vec::new();
            let progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
            let summary =
                crate::import::import_persons(services, &file, &mut report, progress).await?;
            eprint!("{}", String::from_utf8_lossy(&report));
            if let Some(path) = errors {
                std::fs::write(&path, &report)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            println!(
                "imported {} persons, {} unchanged, {} rows rejected",
                summary.created, summary.unchanged, summary.rejected
            );
        }
        ImportCommand::BorderEvents { file, errors } => {
            services
                .rebuild_index()
                .await
                .map_err(|e| anyhow::anyhow!("building the search index: {e}"))?;
            let mut report: Vec<u8> = Vec::new();
            let progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
            let summary =
                crate::border_import::import_border_events(services, &file, &mut report, progress)
                    .await?;
            eprint!("{}", String::from_utf8_lossy(&report));
            if let Some(path) = errors {
                std::fs::write(&path, &report)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            println!(
                "imported {} events, {} duplicates, {} rows rejected, {} travellers registered for review, {} linked by identity match",
                summary.accepted,
                summary.duplicates,
                summary.rejected.len(),
                summary.persons_created,
                summary.linked_by_identity
            );
        }
    }
    Ok(())
}
