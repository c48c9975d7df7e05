//! `umis watchlist …`: entry bans and other watch-list entries.

use super::WatchCommand;
use super::explain;
use umis_service::{Ctx, Services};

/// Runs a watch-list command.
pub(super) async fn run(
    services: &Services,
    cli_ctx: &Ctx,
    cmd: WatchCommand,
) -> anyhow::Result<()> {
    match cmd {
        WatchCommand::Add(a) => {
            let a = *a;
            let input = umis_service::WatchInput {
                list: a.list,
                person_id: a.person,
                surname: a.surname,
                given_names: a.given_names,
                birth_date: a.birth_date,
                nationality: a.nationality,
                document_number: a.document_number,
                ground: a.ground,
                issuing_body: a.issuing_body,
                valid_from: a.valid_from,
                valid_to: a.valid_to,
                note: None,
            };
            let id = services
                .add_watch_entry(cli_ctx, &input)
                .await
                .map_err(explain)?;
            println!("watch-list entry {id} added");
        }
        WatchCommand::List { list } => {
            for e in services
                .list_watch_entries(cli_ctx, list.as_deref(), 500)
                .await
                .map_err(explain)?
            {
                println!(
                    "{:<6} {:<12} {:<8} {:<24} {:<10} {}",
                    e.entry_id,
                    e.list,
                    if e.lifted_at.is_some() {
                        "lifted"
                    } else {
                        "active"
                    },
                    format!(
                        "{} {}",
                        e.surname.unwrap_or_default(),
                        e.given_names.unwrap_or_default()
                    )
                    .trim(),
                    e.valid_to.unwrap_or_default(),
                    e.ground.unwrap_or_default()
                );
            }
        }
        WatchCommand::Lift { entry_id } => {
            services
                .lift_watch_entry(cli_ctx, entry_id)
                .await
                .map_err(explain)?;
            println!("watch-list entry {entry_id} lifted");
        }
    }
    Ok(())
}
