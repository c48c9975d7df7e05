//! `umis mrz parse`: documents on standard input, one JSON report per document on standard
//! output. Invalid documents are data (exit 0); only an I/O failure is an error.

use anyhow::Context;
use std::io::{BufRead, Write};
use std::process::ExitCode;

/// Today's date (UTC), which decides the century of MRZ dates.
fn today() -> (i32, u8, u8) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Civil date from days since 1970-01-01.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        i32::try_from(y).unwrap_or(1970),
        u8::try_from(m).unwrap_or(1),
        u8::try_from(d).unwrap_or(1),
    )
}

/// Splits input into documents at blank lines.
fn documents(lines: impl Iterator<Item = String>) -> Vec<String> {
    let mut docs = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in lines {
        if line.trim().is_empty() {
            if !current.is_empty() {
                docs.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        docs.push(current.join("\n"));
    }
    docs
}

/// Reads standard input to the end and prints a report per document.
pub fn parse_stdin() -> anyhow::Result<ExitCode> {
    let stdin = std::io::stdin();
    let lines: Vec<String> = stdin
        .lock()
        .lines()
        .collect::<Result<_, _>>()
        .context("reading standard input")?;
    let today = today();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for doc in documents(lines.into_iter()) {
        let report = umis_domain::mrz::parse_mrz(&doc, today);
        let json = serde_json::to_string(&report).context("encoding a report")?;
        writeln!(out, "{json}").context("writing standard output")?;
    }
    out.flush().context("writing standard output")?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::documents;

    #[test]
    fn blank_lines_separate_documents() {
        let input = ["", "A", "B", "  ", "", "C", "D", "E", ""].map(String::from);
        assert_eq!(documents(input.into_iter()), ["A\nB", "C\nD\nE"]);
    }
}
