//! The benchmarks behind `umis bench …` and the synthetic data they fill databases with. Each
//! benchmark builds databases of its own (a temporary SQLite file, a PostgreSQL schema that is
//! dropped afterwards unless kept), drives the real services and HTTP router, and returns its
//! report as JSON; the binary only parses the command line and prints the report.

mod case_pages;
mod cases;
mod control;
mod load;
mod search;
mod stats;
pub mod traffic;

pub use cases::{CasesArgs, cases_bench};
pub use control::{ingest_bench, overstay_bench};
pub use load::load_bench;
pub use search::search_bench;
pub use stats::stats_bench;
