//! `umis bench ingest` and `umis bench overstay`: border events through the real ingestion path
//! (validation, linking, idempotency, enforcement checks) against a raw bulk insert of the same
//! rows, with the time to rebuild the stays of the persons they touched, and the time of a full
//! overstay report.

mod db;
mod ingest;
mod overstay;
mod population;
mod raw;

pub(crate) use db::BenchDb;
pub use ingest::ingest_bench;
pub use overstay::overstay_bench;
pub(crate) use population::{open, passport, person_rows, register, travellers};

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
