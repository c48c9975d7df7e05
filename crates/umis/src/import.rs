//! `umis import persons FILE.csv`: bulk import with a progress bar, idempotent on
//! `external_id`, a per-row error report, and every good row kept.

use crate::crlf::CrlfAsLf;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Write;
use std::path::Path;
use umis_service::{Ctx, DocumentInput, NewPersonInput, ServiceError, Services};

/// The header the file must start with, in this order.
pub const PERSON_COLUMNS: [&str; 9] = [
    "external_id",
    "surname",
    "given_names",
    "patronymic",
    "sex",
    "birth_date",
    "nationality",
    "document_number",
    "document_issuing_state",
];

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Rows that created a person.
    pub created: u64,
    /// Rows whose `external_id` was already imported.
    pub unchanged: u64,
    /// Rows refused, each reported.
    pub rejected: u64,
}

/// The column a service field comes from.
fn column_of(field: &str) -> &'static str {
    match field {
        "surname" => "surname",
        "given_names" => "given_names",
        "patronymic" => "patronymic",
        "sex" => "sex",
        "birth_date" => "birth_date",
        "nationality" => "nationality",
        "document_number" => "document_number",
        "document_issuing_state" => "document_issuing_state",
        "external_id" => "external_id",
        _ => "-",
    }
}

fn row_input(fields: &[String]) -> NewPersonInput {
    let opt = |i: usize| {
        fields
            .get(i)
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let documents = match (opt(7), opt(8)) {
        (Some(number), state) => vec![DocumentInput {
            doc_type: "passport".into(),
            issuing_state: state.unwrap_or_default(),
            number,
            issue_date: None,
            expiry_date: None,
            status: None,
            mrz: None,
        }],
        _ => Vec::new(),
    };
    NewPersonInput {
        external_id: opt(0),
        surname: opt(1).unwrap_or_default(),
        given_names: opt(2),
        patronymic: opt(3),
        sex: opt(4),
        birth_date: opt(5),
        nationalities: opt(6)
            .map(|n| {
                n.split([';', ' '])
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
        documents,
        ..Default::default()
    }
}

/// A CSV file being read, CRLF line endings read as LF (row numbers count lines).
pub(crate) type CsvReader = csv::Reader<CrlfAsLf<std::fs::File>>;

/// Opens a CSV file with a header row (rows may have any number of fields, so that a short
/// row is reported for itself); returns the reader and the header names, trimmed and without
/// a byte-order mark.
pub(crate) fn open_csv(path: &Path) -> anyhow::Result<(CsvReader, Vec<String>)> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(CrlfAsLf::new(file));
    let headers: Vec<String> = reader
        .headers()
        .context("reading the header row")?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_owned())
        .collect();
    Ok((reader, headers))
}

/// Imports `path`, writing one line per rejected row to `report` (`row N, column C: reason`).
pub async fn import_persons(
    services: &Services,
    path: &Path,
    report: &mut dyn Write,
    show_progress: bool,
) -> anyhow::Result<ImportSummary> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("reading {}", path.display()))?
        .len();
    let (mut reader, headers) = open_csv(path)?;
    if headers != PERSON_COLUMNS {
        anyhow::bail!(
            "the header row must be exactly: {} (found: {})",
            PERSON_COLUMNS.join(","),
            headers.join(",")
        );
    }
    let bar = if show_progress {
        let bar = ProgressBar::new(size);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {bytes}/{total_bytes} [{wide_bar}] {per_sec} {msg} ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let ctx = Ctx::system("import");
    let mut summary = ImportSummary::default();
    let mut record = csv::StringRecord::new();
    loop {
        // The line the next record starts on: the header is row 1, as in a spreadsheet.
        let row = reader.position().line();
        let more = match reader.read_record(&mut record) {
            Ok(more) => more,
            Err(e) => {
                summary.rejected += 1;
                writeln!(report, "row {row}, column -: unreadable row: {e}")?;
                if e.is_io_error() {
                    break;
                }
                continue;
            }
        };
        if !more {
            break;
        }
        bar.set_position(reader.position().byte());
        if record.len() != PERSON_COLUMNS.len() {
            summary.rejected += 1;
            writeln!(
                report,
                "row {row}, column -: expected {} fields, found {}",
                PERSON_COLUMNS.len(),
                record.len()
            )?;
            continue;
        }
        let fields: Vec<String> = record.iter().map(str::to_owned).collect();
        match services.import_person(&ctx, &row_input(&fields)).await {
            Ok((_, true)) => summary.created += 1,
            Ok((_, false)) => summary.unchanged += 1,
            Err(ServiceError::Validation { field, message, .. }) => {
                summary.rejected += 1;
                writeln!(report, "row {row}, column {}: {message}", column_of(field))?;
            }
            Err(ServiceError::Conflict(m)) => {
                summary.rejected += 1;
                writeln!(report, "row {row}, column external_id: {m}")?;
            }
            Err(e) => return Err(anyhow::anyhow!("row {row}: {e}")),
        }
        bar.set_message(format!(
            "{} new, {} unchanged, {} rejected",
            summary.created, summary.unchanged, summary.rejected
        ));
    }
    bar.finish_and_clear();
    Ok(summary)
}
