//! `umis import border-events FILE`: CSV (header row of field names) or NDJSON, sent through
//! the same ingestion path as the API in batches, with a progress bar and a per-row report.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{BufRead, Write};
use std::path::Path;
use umis_domain::import::CsvRow;
use umis_service::{BatchTurn, BorderEventInput, Ctx, IngestReport, RowError, Services};

/// Events handed to the service per call.
const BATCH: usize = 5_000;
fn progress(size: u64, show: bool) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(size);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {bytes}/{total_bytes} [{wide_bar}] {per_sec} {msg} ETA {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

fn is_ndjson(path: &Path) -> anyhow::Result<bool> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ext == "ndjson" || ext == "jsonl" {
        return Ok(true);
    }
    if ext == "csv" {
        return Ok(false);
    }
    let mut first = String::new();
    std::io::BufReader::new(std::fs::File::open(path)?).read_line(&mut first)?;
    Ok(first
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{'))
}

/// A batch being ingested in the background.
type InFlight = tokio::task::JoinHandle<Result<IngestReport, umis_service::ServiceError>>;

struct Batcher<'a> {
    services: &'a Services,
    ctx: Ctx,
    rows: Vec<(usize, BorderEventInput)>,
    /// The batch sent last: it is written while the next one is read and prepared.
    in_flight: Option<InFlight>,
    /// Told once the batch sent last is written: the next one waits for it before writing,
    /// so batches are written in the order of the file.
    turn_written: Option<tokio::sync::oneshot::Receiver<()>>,
    total: IngestReport,
    bar: ProgressBar,
}

impl Batcher<'_> {
    async fn push(&mut self, row: usize, input: BorderEventInput) -> anyhow::Result<()> {
        self.rows.push((row, input));
        if self.rows.len() >= BATCH {
            self.flush().await?;
        }
        Ok(())
    }

    fn reject(&mut self, row: usize, field: &str, message: String) {
        self.total.received += 1;
        self.total.rejected.push(RowError {
            row,
            event_id: None,
            field: field.into(),
            code: "invalid_row".into(),
            message,
        });
    }

    /// Sends the rows read so far as a batch, then waits for the batch sent before it: at
    /// most two are in flight, one written while the other is prepared.
    async fn flush(&mut self) -> anyhow::Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.rows);
        let (services, ctx) = (self.services.clone(), self.ctx.clone());
        let (written, next_after) = tokio::sync::oneshot::channel();
        let turn = BatchTurn {
            after: self.turn_written.replace(next_after),
            written: Some(written),
        };
        let sent = tokio::spawn(async move {
            services
                .ingest_border_events_in_turn(&ctx, rows, turn)
                .await
        });
        let previous = self.in_flight.replace(sent);
        if let Some(previous) = previous
            && let Err(e) = self.settle(previous).await
        {
            // The batch just sent is let finish (nothing half-written), then the error told.
            if let Some(sent) = self.in_flight.take() {
                let _ = sent.await;
            }
            return Err(e);
        }
        Ok(())
    }

    /// Waits for the batch in flight, if any, ignoring its answer: used when the import stops
    /// on an error, so that no batch is left writing.
    async fn drain(&mut self) {
        if let Some(batch) = self.in_flight.take() {
            let _ = batch.await;
        }
    }

    /// Waits for the batch still in flight, if any.
    async fn finish(&mut self) -> anyhow::Result<()> {
        self.flush().await?;
        match self.in_flight.take() {
            Some(last) => self.settle(last).await,
            None => Ok(()),
        }
    }

    async fn settle(&mut self, batch: InFlight) -> anyhow::Result<()> {
        let part = batch
            .await
            .map_err(|e| anyhow::anyhow!("a batch was interrupted: {e}"))?
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        self.total.absorb(part);
        self.bar.set_message(format!(
            "{} new, {} duplicates, {} rejected",
            self.total.accepted,
            self.total.duplicates,
            self.total.rejected.len()
        ));
        Ok(())
    }
}

/// Imports `path`, writing one line per rejected row to `report` (`row N, column C: reason`).
pub async fn import_border_events(
    services: &Services,
    path: &Path,
    report: &mut dyn Write,
    show_progress: bool,
) -> anyhow::Result<IngestReport> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("reading {}", path.display()))?
        .len();
    let ndjson = is_ndjson(path).with_context(|| format!("reading {}", path.display()))?;
    let mut b = Batcher {
        services,
        ctx: Ctx::system("import"),
        rows: Vec::new(),
        in_flight: None,
        turn_written: None,
        total: IngestReport::default(),
        bar: progress(size, show_progress),
    };
    // Whatever stops the reading, the batch in flight is waited for before the error is told.
    let read = async {
        if ndjson {
            let file =
                std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
            let mut reader = std::io::BufReader::new(file);
            let (mut line, mut row, mut pos) = (String::new(), 0usize, 0u64);
            loop {
                line.clear();
                let n = reader.read_line(&mut line).context("reading the file")?;
                if n == 0 {
                    break;
                }
                row += 1;
                pos += n as u64;
                b.bar.set_position(pos);
                match umis_domain::border::ndjson_file_line(&line) {
                    None => {}
                    Some(Ok(input)) => b.push(row, input).await?,
                    Some(Err((field, message))) => b.reject(row, &field, message),
                }
            }
        } else {
            let mut csv = crate::import::open_csv(path)?;
            let headers = csv.headers().to_vec();
            umis_domain::border::check_csv_headers(&headers).map_err(anyhow::Error::msg)?;
            loop {
                let (row, record) = match csv.next_row() {
                    None => break,
                    Some(CsvRow::Unreadable { error, .. }) if error.is_io_error() => {
                        return Err(anyhow::anyhow!("reading {}: {error}", path.display()));
                    }
                    Some(CsvRow::Unreadable { line, error }) => {
                        let row = usize::try_from(line).unwrap_or(0);
                        b.reject(row, "-", format!("unreadable row: {error}"));
                        continue;
                    }
                    Some(CsvRow::Record { line, record }) => {
                        let row = usize::try_from(line).unwrap_or(0);
                        (row, BorderEventInput::from_csv_record(&headers, record))
                    }
                };
                b.bar.set_position(csv.byte());
                match record {
                    Ok(input) => b.push(row, input).await?,
                    Err(message) => b.reject(row, "-", message),
                }
            }
        }
        b.finish().await
    }
    .await;
    if let Err(e) = read {
        b.drain().await;
        return Err(e);
    }
    b.bar.finish_and_clear();
    // The stays of the persons imported are rebuilt once, after all their events are in.
    let bar = if show_progress {
        ProgressBar::new_spinner()
    } else {
        ProgressBar::hidden()
    };
    bar.set_message("rebuilding stays");
    services
        .settle_stays_reporting(&|n| bar.set_message(format!("rebuilding stays: {n} persons")))
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    services
        .after_bulk_load()
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    bar.finish_and_clear();
    let mut total = b.total;
    total.rejected.sort_by_key(|e| e.row);
    for e in &total.rejected {
        writeln!(report, "row {}, column {}: {}", e.row, e.field, e.message)?;
    }
    Ok(total)
}
