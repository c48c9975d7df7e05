//! Arguments of the registry's commands: watch lists, search, duplicates, persons, imports, MRZ.

use clap::{Args, Subcommand};
use std::path::PathBuf;

/// The fields of a watch-list entry.
#[derive(Debug, Args)]
pub struct WatchAddArgs {
    /// `entry_ban` or another list's name.
    #[arg(long)]
    pub list: String,
    #[arg(long)]
    pub surname: Option<String>,
    #[arg(long)]
    pub given_names: Option<String>,
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long)]
    pub birth_date: Option<String>,
    /// ICAO code.
    #[arg(long)]
    pub nationality: Option<String>,
    #[arg(long)]
    pub document_number: Option<String>,
    /// A registered person's number.
    #[arg(long)]
    pub person: Option<String>,
    /// national_security, prior_expulsion, false_information, unpaid_fines or other.
    #[arg(long)]
    pub ground: Option<String>,
    /// The body that ordered the ban (e.g. SMS, MIA, a court).
    #[arg(long)]
    pub issuing_body: Option<String>,
    /// First day in force, YYYY-MM-DD (default today).
    #[arg(long)]
    pub valid_from: Option<String>,
    /// Last day in force, YYYY-MM-DD.
    #[arg(long)]
    pub valid_to: Option<String>,
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
