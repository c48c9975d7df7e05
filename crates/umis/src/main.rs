//! The `umis` binary: serve the system, run the demo, migrate, administer users and agency
//! tokens, verify the audit chain.

mod audit;
mod border_import;
mod cli;
mod config;
mod demo;
mod demo_cases;
mod demo_enforcement;
mod forecast;
mod import;
mod keys;
mod mrz;
mod search;
mod server;

use clap::FromArgMatches;

/// mimalloc: the system allocator serialised ingestion's two threads (the request side and
/// the SQLite worker) on its arena locks.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

fn main() -> ExitCode {
    let matches = cli::command().get_matches();
    let cli = match cli::Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(cli::run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            // 1 is reserved for "the audit chain is broken"; 2 means the command failed.
            ExitCode::from(2)
        }
    }
}
