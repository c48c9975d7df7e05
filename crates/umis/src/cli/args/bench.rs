//! Arguments of the benchmarks.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Build the search index over a synthetic population and run realistic queries made from
    /// known persons; print build time, memory, latency percentiles and recall as JSON. With
    /// --postgres-url, also measure a PostgreSQL pg_trgm baseline on the same data.
    Search {
        /// Persons in the synthetic population.
        #[arg(long, default_value_t = 100_000)]
        persons: usize,
        /// Queries to run.
        #[arg(long, default_value_t = 1_000)]
        queries: usize,
        /// Seed of population and queries.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// PostgreSQL for the trigram baseline (a schema of its own, dropped afterwards).
        #[arg(long, value_name = "URL")]
        postgres_url: Option<String>,
    },
    /// Generate a year of border traffic for a registered population and send it through the
    /// real ingestion path (validation, linking, idempotency, stays) on a fresh SQLite file,
    /// two requests in flight, then insert the same rows raw into a bare table, and into a
    /// table keyed as events are (one commit per 10,000 rows); print events/s of all three as
    /// JSON. With --postgres-url, the same on PostgreSQL (raw baselines: COPY).
    Ingest {
        /// Events to generate.
        #[arg(long, default_value_t = 100_000)]
        events: usize,
        /// Seed of travellers and traffic.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// PostgreSQL to measure as well (a schema of its own, dropped afterwards).
        #[arg(long, value_name = "URL")]
        postgres_url: Option<String>,
    },
    /// File applications through the real service and move them through their workflows
    /// (a tenth more to an issued permit under four-eyes), then time the case page and the
    /// work-queue page through the HTTP router with an officer's session; print JSON. With
    /// --postgres-url, the same on PostgreSQL.
    Cases(umis_bench::CasesArgs),
    /// Fill a fresh database in bulk (persons, a year of border events and stays, the daily
    /// roll-up, permits, applications), then time the analytics overview page through the HTTP
    /// router with an analyst's session and each statistic through the service; print JSON.
    /// With --postgres-url, the same on PostgreSQL.
    Stats {
        /// Border events (half entries, the rest exits).
        #[arg(long, default_value_t = 1_000_000)]
        events: usize,
        /// Persons.
        #[arg(long, default_value_t = 100_000)]
        persons: usize,
        /// Timed loads of the overview page.
        #[arg(long, default_value_t = 20)]
        rounds: usize,
        /// PostgreSQL to measure as well (a schema of its own, dropped afterwards).
        #[arg(long, value_name = "URL")]
        postgres_url: Option<String>,
        /// Keep the filled databases (the SQLite file, the PostgreSQL schema) and print where
        /// they are, to study query plans.
        #[arg(long)]
        keep: bool,
    },
    /// Serve a fresh database of registered persons on loopback and load it with a
    /// closed-loop client: person searches from many clients, then single-event border POSTs
    /// from twenty, each with the audit written and with a baseline that skips it; print
    /// throughput and latency percentiles as JSON. With --postgres-url, the same on PostgreSQL.
    Load {
        /// Clients searching at once.
        #[arg(long, default_value_t = 200)]
        clients: usize,
        /// Seconds each phase runs.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Registered persons.
        #[arg(long, default_value_t = 100_000)]
        persons: usize,
        /// PostgreSQL to measure as well (a schema of its own, dropped afterwards).
        #[arg(long, value_name = "URL")]
        postgres_url: Option<String>,
    },
    /// Rolling-origin evaluation of the forecaster over a suite of seasonal series with known
    /// structure: MASE and sMAPE per series for the chosen model and for seasonal naive.
    Forecast {
        /// Print JSON rows instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Ingest a year of border traffic on a fresh SQLite file, then time full overstay reports
    /// (as of the last day, and as of a day in the middle); print JSON.
    Overstay {
        /// Events to generate.
        #[arg(long, default_value_t = 100_000)]
        events: usize,
        /// Seed of travellers and traffic.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Fill the database in bulk (a year of events and their stays for events / 10
        /// persons, as `umis bench stats` does) instead of through ingestion, to time the
        /// report at sizes that would take long to ingest.
        #[arg(long)]
        bulk: bool,
    },
}
