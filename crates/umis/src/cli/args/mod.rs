//! The command line: every command, subcommand and option (clap derive types); their doc
//! comments are the `--help` text. The subcommands of each group are in their own module.

mod admin;
mod bench;
mod registry;
mod reports;

pub use admin::*;
pub use bench::*;
pub use registry::*;
pub use reports::*;

use crate::config::LogFormat;
use clap::{Args, CommandFactory, Parser, Subcommand};
use std::path::PathBuf;
use umis_domain::Scope;

/// UMIS — the Unified Migration Information System.
#[derive(Debug, Parser)]
#[command(name = "umis", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Configuration file (default: ./umis.toml if present).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Data directory (holds the SQLite database by default) [default: ./umis-data].
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Database URL: sqlite://PATH or postgres://… (also UMIS_DATABASE_URL).
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,
    /// Log format.
    #[arg(long, global = true, value_enum)]
    pub log_format: Option<LogFormat>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web UI and the API.
    Serve {
        /// Address to listen on [default: 127.0.0.1:8080].
        #[arg(long, value_name = "ADDR")]
        listen: Option<String>,
    },
    /// Create (or reuse) a demo database with one user per role and synthetic data, then serve.
    Demo {
        /// Address to listen on [default: 127.0.0.1:8080].
        #[arg(long, value_name = "ADDR")]
        listen: Option<String>,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Officer accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Offices.
    #[command(subcommand)]
    Office(OfficeCommand),
    /// Partner agency API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// The audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Signing keys (kept in files under the key directory, not in the database).
    #[command(subcommand)]
    Keys(KeysCommand),
    /// The person registry.
    #[command(subcommand)]
    Person(PersonCommand),
    /// Watch lists: entry bans and other lists checked by screening.
    #[command(subcommand)]
    Watchlist(WatchCommand),
    /// Fuzzy search of the person registry.
    #[command(subcommand)]
    Search(SearchCommand),
    /// Duplicate detection in the person registry.
    #[command(subcommand)]
    Dedup(DedupCommand),
    /// Benchmarks.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Bulk imports.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Machine-readable zones of travel documents.
    #[command(subcommand)]
    Mrz(MrzCommand),
    /// Reports.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Forecast a series from a CSV file (header `period,value`; periods like 2019-07, 2019-Q3,
    /// 2019-W07 or ISO dates, in order, without gaps). The model is chosen by a rolling-origin
    /// backtest on the series' own history, scored with MASE and sMAPE beside seasonal naive.
    Forecast {
        /// The CSV file (`-` reads standard input).
        #[arg(long, value_name = "FILE.csv")]
        input: PathBuf,
        /// Periods ahead (1–120).
        #[arg(long, value_name = "H")]
        horizon: usize,
        /// Season length [default: 12 monthly, 4 quarterly, 52 weekly, 7 daily].
        #[arg(long, value_name = "M")]
        season: Option<usize>,
        /// Print JSON: {"model", "season", "forecast": [...], "backtest": {...}}.
        #[arg(long)]
        json: bool,
        /// Accept negative values (by default a series of counts must not have any).
        #[arg(long)]
        allow_negative: bool,
    },
}

/// The clap command, with the list of scopes written into `token create --help`.
pub fn command() -> clap::Command {
    let scopes: Vec<String> = Scope::ALL
        .iter()
        .map(|s| format!("  {:<26} {}", s.as_str(), s.describe()))
        .collect();
    let long_help = format!("Comma-separated scopes, from:\n{}", scopes.join("\n"));
    Cli::command().mut_subcommand("token", |c| {
        c.mut_subcommand("create", |c| {
            c.mut_arg("scopes", |a| a.long_help(long_help))
        })
    })
}
