//! Command-line interface: global options, subcommands, and the dispatch of each command
//! group to its module.

mod args;
mod bench;
mod imports;
mod offices;
mod registry;
mod reports;
mod tokens;
mod users;
mod watchlist;

use crate::config::{Config, FlagOverrides, LogFormat};
use std::process::ExitCode;
use umis_service::{Ctx, ServiceError, Services};

pub use args::*;

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// Explains a service error to an operator.
fn explain(e: ServiceError) -> anyhow::Error {
    match e {
        ServiceError::Validation { field, message, .. } => anyhow::anyhow!("{field}: {message}"),
        ServiceError::NotFound => anyhow::anyhow!("no such user, office or client"),
        other => anyhow::anyhow!("{other}"),
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let listen = match &cli.command {
        Command::Serve { listen } | Command::Demo { listen } => listen.clone(),
        _ => None,
    };
    let flags = FlagOverrides {
        listen,
        data_dir: cli.global.data_dir.clone(),
        database_url: cli.global.database_url.clone(),
        log_format: cli.global.log_format,
    };
    let config = Config::load(cli.global.config.as_deref(), flags)?;
    init_logging(config.log_format);
    // Commands that need no database.
    match cli.command {
        Command::Mrz(MrzCommand::Parse) => return crate::mrz::parse_stdin(),
        Command::Forecast {
            input,
            horizon,
            season,
            json,
            allow_negative,
        } => {
            return crate::forecast::forecast_command(
                &input,
                horizon,
                season,
                json,
                allow_negative,
            );
        }
        Command::Bench(cmd) => return bench::run(cmd).await,
        _ => {}
    }
    let services = crate::server::open(&config).await?;
    let outcome = dispatch(&config, &services, cli.command).await;
    // Close the pool so SQLite checkpoints its write-ahead log into the database file.
    services.store().db().close().await;
    outcome
}

async fn dispatch(
    config: &Config,
    services: &Services,
    command: Command,
) -> anyhow::Result<ExitCode> {
    let services = services.clone();
    let config = config.clone();
    let cli_ctx = Ctx::system("cli");
    match command {
        Command::Serve { .. } => crate::server::serve(&config, services).await?,
        Command::Demo { .. } => {
            crate::demo::seed(&config, &services).await?;
            crate::server::serve(&config, services).await?;
        }
        Command::Migrate => {
            println!("migrations applied ({})", services.store().db().backend());
        }
        Command::User(cmd) => users::run(&services, &cli_ctx, cmd).await?,
        Command::Office(cmd) => offices::run(&services, &cli_ctx, cmd).await?,
        Command::Token(cmd) => tokens::run(&services, &cli_ctx, cmd).await?,
        Command::Mrz(_) | Command::Bench(_) | Command::Forecast { .. } => {
            unreachable!("handled before the database is opened")
        }
        Command::Watchlist(cmd) => watchlist::run(&services, &cli_ctx, cmd).await?,
        Command::Search(cmd) => return registry::search(&services, &cli_ctx, cmd).await,
        Command::Dedup(cmd) => registry::dedup(&services, &cli_ctx, cmd).await?,
        Command::Person(cmd) => registry::person(&services, &cli_ctx, cmd).await?,
        Command::Import(cmd) => imports::run(&services, cmd).await?,
        Command::Report(ReportCommand::Overstays { as_of, format }) => {
            reports::overstays(&services, &cli_ctx, &as_of, format).await?;
        }
        Command::Audit(AuditCommand::Verify) => return crate::audit::verify(&services).await,
        Command::Audit(AuditCommand::Checkpoint) => {
            return crate::audit::checkpoint(&services).await;
        }
        Command::Keys(KeysCommand::List) => crate::keys::list(&services, &cli_ctx).await?,
        Command::Keys(KeysCommand::Rotate { purpose }) => {
            crate::keys::rotate(&services, &cli_ctx, &purpose).await?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
