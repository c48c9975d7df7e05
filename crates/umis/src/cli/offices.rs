//! `umis office …`: offices with the crossing points and regions they answer for.

use super::OfficeCommand;
use super::explain;
use umis_service::{Ctx, Services};

/// Runs an office command.
pub(super) async fn run(
    services: &Services,
    cli_ctx: &Ctx,
    cmd: OfficeCommand,
) -> anyhow::Result<()> {
    match cmd {
        OfficeCommand::Add {
            code,
            name,
            national,
            crossing_points,
            regions,
        } => {
            let bcps: Option<Vec<String>> =
                crossing_points.map(|list| list.split(',').map(str::to_owned).collect());
            let regions: Option<Vec<String>> =
                regions.map(|list| list.split(';').map(str::to_owned).collect());
            let office = umis_service::Office {
                code: code.clone(),
                name,
                national,
            };
            // Checked whole before anything is saved; office and list in one transaction.
            let (stored, areas) = services
                .save_office(cli_ctx, office, bcps.as_deref(), regions.as_deref())
                .await
                .map_err(explain)?;
            println!("office {code} saved");
            match areas {
                None => {}
                Some(r) if r.is_empty() => println!("office {code} answers for no region"),
                Some(r) => println!("office {code} answers for regions {}", r.join("; ")),
            }
            match stored {
                None => {}
                Some(s) if s.is_empty() => {
                    println!("office {code} answers for crossing point {code}");
                }
                Some(s) => {
                    println!("office {code} answers for crossing points {}", s.join(", "));
                }
            }
        }
        OfficeCommand::List => {
            let points = services.office_crossing_points().await.map_err(explain)?;
            let regions = services.office_regions().await.map_err(explain)?;
            for o in services.list_offices().await.map_err(explain)? {
                let scope = if o.national { "national" } else { "local" };
                let bcps = points
                    .get(&o.code)
                    .map_or_else(|| o.code.clone(), |p| p.join(","));
                let areas = regions
                    .get(&o.code)
                    .map_or_else(|| "-".into(), |r| r.join(";"));
                println!(
                    "{:<16} {:<8} {:<24} {:<24} {}",
                    o.code, scope, bcps, areas, o.name
                );
            }
        }
    }
    Ok(())
}
