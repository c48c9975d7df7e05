//! The command line: every command, subcommand and option (clap derive types); their doc comments are the `--help` text.

use super::*;

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

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Persons present past the end of every lawful basis of stay on a date.
    Overstays {
        /// The report date, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        as_of: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: ReportFormat,
    },
}

/// Output format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// A header row, then one row per line.
    Csv,
    /// A JSON array of objects.
    Json,
}

/// The fields of a watch-list entry.
#[derive(Debug, Args)]
pub struct WatchAddArgs {
    /// `entry_ban` or another list's name.
    #[arg(long)]
    pub(super) list: String,
    #[arg(long)]
    pub(super) surname: Option<String>,
    #[arg(long)]
    pub(super) given_names: Option<String>,
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long)]
    pub(super) birth_date: Option<String>,
    /// ICAO code.
    #[arg(long)]
    pub(super) nationality: Option<String>,
    #[arg(long)]
    pub(super) document_number: Option<String>,
    /// A registered person's number.
    #[arg(long)]
    pub(super) person: Option<String>,
    /// national_security, prior_expulsion, false_information, unpaid_fines or other.
    #[arg(long)]
    pub(super) ground: Option<String>,
    /// The body that ordered the ban (e.g. SMS, MIA, a court).
    #[arg(long)]
    pub(super) issuing_body: Option<String>,
    /// First day in force, YYYY-MM-DD (default today).
    #[arg(long)]
    pub(super) valid_from: Option<String>,
    /// Last day in force, YYYY-MM-DD.
    #[arg(long)]
    pub(super) valid_to: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum WatchCommand {
    /// Add an entry (an entry ban needs --ground, --issuing-body and --valid-to).
    Add(Box<WatchAddArgs>),
    /// List entries, newest first.
    List {
        #[arg(long)]
        list: Option<String>,
    },
    /// Lift an entry.
    Lift { entry_id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum SearchCommand {
    /// Ranked candidates for a name (any script or order), date of birth, nationality and/or
    /// document number; or, with --queries, one JSON line per query of an NDJSON file.
    Persons(Box<SearchArgs>),
}

/// What `umis search persons` looks for.
#[derive(Debug, Args)]
pub struct SearchArgs {
    #[arg(long)]
    pub name: Option<String>,
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long)]
    pub birth_date: Option<String>,
    /// ICAO code.
    #[arg(long)]
    pub nationality: Option<String>,
    #[arg(long)]
    pub document_number: Option<String>,
    /// Candidates per query (1–100).
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Screen a whole list: one query object per line
    /// ({"id", "name", "birth_date", "nationality", "document_number"}, any field optional but one).
    #[arg(long, value_name = "FILE.ndjson")]
    pub queries: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum DedupCommand {
    /// List pairs of persons that are likely the same, with their scores, best first.
    Report {
        /// Lowest score to report (0–1).
        #[arg(long, default_value_t = 0.85)]
        min_score: f32,
        /// At most this many pairs.
        #[arg(long, default_value_t = 1000)]
        limit: usize,
        /// Also list pairs an officer decided are not duplicates (marked as such).
        #[arg(long)]
        include_dismissed: bool,
        /// One JSON object per pair and line instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Scan the whole registry and put every likely pair not yet decided in the review queue
    /// (persons registered or changed later are queued as they are written).
    Scan {
        /// Lowest score to queue (0–1).
        #[arg(long, default_value_t = 0.85)]
        min_score: f32,
    },
}

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
    Cases {
        /// Open applications to create (a tenth more are run to the end).
        #[arg(long, default_value_t = 100_000)]
        cases: usize,
        /// Seed of the applicants.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// PostgreSQL to measure as well (a schema of its own, dropped afterwards).
        #[arg(long, value_name = "URL")]
        postgres_url: Option<String>,
        /// Measure PostgreSQL only (with --postgres-url).
        #[arg(long, requires = "postgres_url")]
        skip_sqlite: bool,
        /// Keep the filled databases and print where they are (for `--measure`).
        #[arg(long)]
        keep: bool,
        /// Only time the pages of a database an earlier `--keep` run filled.
        #[arg(long, value_name = "DATABASE_URL", conflicts_with_all = ["postgres_url", "keep"])]
        measure: Option<String>,
    },
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

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Undo the merge of one person record into another.
    Unmerge {
        /// The surviving record's person number.
        #[arg(long)]
        survivor: String,
        /// The merged record's person number.
        #[arg(long)]
        merged: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import persons from a UTF-8 CSV file with the header
    /// external_id,surname,given_names,patronymic,sex,birth_date,nationality,document_number,document_issuing_state
    /// (birth_date YYYY, YYYY-MM or YYYY-MM-DD; only surname is required). Rows whose external_id
    /// was imported before change nothing; rejected rows are reported and the rest kept.
    Persons {
        /// The CSV file.
        file: PathBuf,
        /// Also write the rejected rows' report to this file.
        #[arg(long, value_name = "FILE")]
        errors: Option<PathBuf>,
    },
    /// Import border events from CSV (a header row of the API's field names: event_id,
    /// direction, occurred_at, bcp, travel_mode, person_id, document_number,
    /// document_issuing_state, nationality, surname, given_names, birth_date, permitted_days,
    /// visa_ref) or NDJSON (one event object per line). Re-sent events change nothing;
    /// rejected rows are reported and the rest kept.
    BorderEvents {
        /// The CSV or NDJSON file (.ndjson/.jsonl, or content starting with '{').
        file: PathBuf,
        /// Also write the rejected rows' report to this file.
        #[arg(long, value_name = "FILE")]
        errors: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum MrzCommand {
    /// Read documents from standard input (the lines of one document on consecutive lines,
    /// documents separated by a blank line) and print one JSON report per document per line.
    Parse,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an officer account; the password is read from standard input.
    Add {
        #[arg(long)]
        username: String,
        /// case_officer, decision_maker, inspector, analyst, auditor or admin.
        #[arg(long)]
        role: String,
        /// Office code.
        #[arg(long, default_value = "HQ")]
        office: String,
        /// Read the password from the first line of standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
        /// Full name, as decision letters sign them.
        #[arg(long, default_value = "")]
        full_name: String,
    },
    /// Record an officer's full name, as decision letters sign them.
    SetName {
        /// The officer's login name.
        username: String,
        /// The full name (an empty one clears it).
        full_name: String,
    },
    /// List officer accounts.
    List,
    /// Disable an account; its sessions end at once.
    Disable { username: String },
    /// Re-enable a disabled account.
    Enable { username: String },
    /// Remove an officer's second factor (lost authenticator); they enrol again when required.
    ResetMfa { username: String },
    /// Set a new password (read from standard input); the account's sessions end.
    ResetPassword {
        username: String,
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum OfficeCommand {
    /// Create or rename an office.
    Add {
        /// Code: 2–16 uppercase letters, digits or '-'.
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// Officers of this office see data nationwide.
        #[arg(long)]
        national: bool,
        /// The border crossing points the office answers for, comma-separated (its officers
        /// see the alerts raised there); an empty value clears the list, when the office
        /// answers for the crossing point with its own code. Left as it is when not given.
        #[arg(long, value_name = "BCP,BCP")]
        crossing_points: Option<String>,
        /// The regions the office answers for, separated by semicolons, as registrations at
        /// the place of stay name them (its officers see the overstays of persons registered
        /// there); an empty value clears the list. Left as it is when not given.
        #[arg(long, value_name = "REGION;REGION")]
        regions: Option<String>,
    },
    /// List offices (code, scope, crossing points, regions, name).
    List,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Issue a bearer token for a partner agency client (printed once).
    Create {
        /// Client name: 3–64 lowercase letters, digits, '.', '_' or '-'.
        #[arg(long)]
        client: String,
        /// Comma-separated scopes.
        #[arg(long, id = "scopes")]
        scopes: String,
        /// The partner body the client speaks for (security, internal_affairs,
        /// foreign_affairs, labour, border): it sees and answers that body's checks.
        #[arg(long)]
        agency: Option<String>,
        /// Days until the token expires (1–3650); no expiry when omitted.
        #[arg(long)]
        expires_days: Option<i64>,
    },
    /// Revoke every token of a client; they stop working at once.
    Revoke {
        #[arg(long)]
        client: String,
    },
    /// List tokens (never the secrets).
    List,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain and every signed checkpoint: exit 0 when intact, 1 naming the
    /// first broken entry or checkpoint.
    Verify,
    /// Verify the chain, then sign its head with the active audit key and store the
    /// checkpoint (the first one makes the key).
    Checkpoint,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// List every key: purpose, key id, created, active or retired.
    List,
    /// Make a new active key for a purpose and retire the old one (its public key is kept so
    /// what it signed still verifies).
    Rotate {
        /// What the key signs, e.g. `audit`.
        #[arg(long)]
        purpose: String,
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
