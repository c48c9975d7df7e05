//! Standalone search benchmark: `cargo run -p umis-matching --release --example bench_search --
//! [persons] [queries] [seed]`; prints the JSON report.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize, default: u64| {
        args.get(i)
            .and_then(|a| a.parse::<u64>().ok())
            .unwrap_or(default)
    };
    let persons = usize::try_from(arg(0, 100_000)).unwrap_or(100_000);
    let queries = usize::try_from(arg(1, 2_000)).unwrap_or(2_000);
    let seed = arg(2, 42);
    let report = umis_matching::run_bench(persons, queries, seed);
    match serde_json::to_string_pretty(&report) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot print the report: {e}");
            ExitCode::FAILURE
        }
    }
}
