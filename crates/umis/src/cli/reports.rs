//! `umis report …`: reports written to standard output.

use super::ReportFormat;
use super::explain;
use umis_service::{Ctx, Services};

/// Writes the whole overstay report to standard output, page by page.
pub(super) async fn overstays(
    services: &Services,
    ctx: &Ctx,
    as_of: &str,
    format: ReportFormat,
) -> anyhow::Result<()> {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        ReportFormat::Csv => writeln!(out, "{}", umis_service::OverstayLine::CSV_HEADER)?,
        ReportFormat::Json => writeln!(out, "[")?,
    }
    let mut cursor: Option<String> = None;
    let mut first = true;
    loop {
        let page = services
            .overstays(ctx, as_of, cursor.as_deref(), umis_service::MAX_REPORT_PAGE)
            .await
            .map_err(explain)?;
        for line in &page {
            match format {
                ReportFormat::Csv => writeln!(out, "{}", line.csv_line())?,
                ReportFormat::Json => {
                    if !first {
                        writeln!(out, ",")?;
                    }
                    write!(out, "{}", serde_json::to_string(line)?)?;
                }
            }
            first = false;
        }
        if (page.len() as i64) < umis_service::MAX_REPORT_PAGE {
            break;
        }
        cursor = page.last().map(|l| l.person_id.clone());
    }
    if format == ReportFormat::Json {
        if !first {
            writeln!(out)?;
        }
        writeln!(out, "]")?;
    }
    out.flush()?;
    Ok(())
}
