//! `umis import persons FILE.csv`: bulk import with a progress bar, idempotent on
//! `external_id`, a per-row error report, and every good row kept.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Write;
use std::path::Path;
use umis_domain::import::{CsvRow, CsvRows, PERSON_COLUMNS, PersonRow};
use umis_service::{Ctx, DocumentInput, NewPersonInput, ServiceError, Services};

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

fn row_input(row: PersonRow) -> NewPersonInput {
    let documents = match row.document_number {
        Some(number) => vec![DocumentInput {
            doc_type: "passport".into(),
            issuing_state: row.document_issuing_state.unwrap_or_default(),
            number,
            issue_date: None,
            expiry_date: None,
            status: None,
            mrz: None,
        }],
        None => Vec::new(),
    };
    NewPersonInput {
        external_id: row.external_id,
        surname: row.surname.unwrap_or_default(),
        given_names: row.given_names,
        patronymic: row.patronymic,
        sex: row.sex,
        birth_date: row.birth_date,
        nationalities: row.nationalities,
        documents,
        ..Default::default()
    }
}

/// Opens a CSV file with a header row (see [`CsvRows`]).
pub(crate) fn open_csv(path: &Path) -> anyhow::Result<CsvRows<std::fs::File>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    CsvRows::new(file).context("reading the header row")
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
    let mut csv = open_csv(path)?;
    if csv.headers() != PERSON_COLUMNS {
        anyhow::bail!(
            "the header row must be exactly: {} (found: {})",
            PERSON_COLUMNS.join(","),
            csv.headers().join(",")
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
    loop {
        let (row, fields) = match csv.next_row() {
            None => break,
            Some(CsvRow::Unreadable { line, error }) => {
                // After an I/O error the reader yields nothing more.
                summary.rejected += 1;
                writeln!(report, "row {line}, column -: unreadable row: {error}")?;
                continue;
            }
            Some(CsvRow::Record { line, record }) => (line, PersonRow::from_fields(record)),
        };
        bar.set_position(csv.byte());
        let input = match fields {
            Ok(fields) => row_input(fields),
            Err(message) => {
                summary.rejected += 1;
                writeln!(report, "row {row}, column -: {message}")?;
                continue;
            }
        };
        match services.import_person(&ctx, &input).await {
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
    services
        .after_bulk_load()
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(summary)
}
