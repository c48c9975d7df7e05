//! Arguments of the reports.

use clap::Subcommand;

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
