//! A CSV file with a header row read record by record, each with the line it starts on, so that
//! an import reports a bad row for itself and carries on.

use super::crlf::CrlfAsLf;
use std::io::Read;

/// A CSV file being read: the header row is read on opening, the records one at a time.
#[derive(Debug)]
pub struct CsvRows<R> {
    reader: csv::Reader<CrlfAsLf<R>>,
    headers: Vec<String>,
    record: csv::StringRecord,
    /// Set after an I/O error: nothing more is read.
    stopped: bool,
}

/// One record, or why it could not be read.
#[derive(Debug)]
pub enum CsvRow<'a> {
    /// A record with any number of fields, and the line it starts on (the header is line 1,
    /// as in a spreadsheet).
    Record {
        /// The line the record starts on.
        line: u64,
        /// Its fields, as written (not trimmed).
        record: &'a csv::StringRecord,
    },
    /// A record that could not be read; after an I/O error (`error.is_io_error()`) the file
    /// yields nothing more.
    Unreadable {
        /// The line the record starts on.
        line: u64,
        /// What went wrong.
        error: csv::Error,
    },
}

impl<R: Read> CsvRows<R> {
    /// Reads the header row of `input` (names trimmed, a byte-order mark dropped); rows may
    /// have any number of fields, so that a short row is reported for itself.
    pub fn new(input: R) -> Result<Self, csv::Error> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(CrlfAsLf::new(input));
        let headers = reader
            .headers()?
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_owned())
            .collect();
        Ok(Self {
            reader,
            headers,
            record: csv::StringRecord::new(),
            stopped: false,
        })
    }

    /// The header names.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// Bytes read so far (after CRLF became LF), for a progress bar.
    pub fn byte(&self) -> u64 {
        self.reader.position().byte()
    }

    /// The next record, `None` at the end of the file or after an I/O error.
    pub fn next_row(&mut self) -> Option<CsvRow<'_>> {
        if self.stopped {
            return None;
        }
        let line = self.reader.position().line();
        match self.reader.read_record(&mut self.record) {
            Ok(true) => Some(CsvRow::Record {
                line,
                record: &self.record,
            }),
            Ok(false) => None,
            Err(error) => {
                self.stopped = error.is_io_error();
                Some(CsvRow::Unreadable { line, error })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row as (line, fields or the error's text).
    fn rows(data: &[u8]) -> Vec<(u64, Result<Vec<String>, String>)> {
        let Ok(mut csv) = CsvRows::new(data) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        while let Some(row) = csv.next_row() {
            out.push(match row {
                CsvRow::Record { line, record } => {
                    (line, Ok(record.iter().map(str::to_owned).collect()))
                }
                CsvRow::Unreadable { line, error } => (line, Err(error.to_string())),
            });
        }
        out
    }

    #[test]
    fn headers_are_trimmed_and_lose_a_byte_order_mark() {
        let csv = CsvRows::new(&b"\xef\xbb\xbfa , b\r\n1,2\r\n"[..]);
        let headers = csv.map(|c| c.headers().to_vec()).unwrap_or_default();
        assert_eq!(headers, ["a", "b"]);
    }

    #[test]
    fn rows_carry_their_line_and_any_field_count() {
        let got = rows(b"a,b\r\n1,2\r\n3\r\n\"x\ny\",4\n5,6,7\n");
        let lines: Vec<u64> = got.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 3, 4, 6]);
        assert_eq!(got[1].1.as_ref().map(Vec::len), Ok(1));
        assert_eq!(got[3].1.as_ref().map(Vec::len), Ok(3));
    }

    #[test]
    fn invalid_utf8_is_one_unreadable_row() {
        let got = rows(b"a,b\n1,\xff\n3,4\n");
        assert!(got[0].1.is_err());
        assert_eq!(got[1], (3, Ok(vec!["3".to_owned(), "4".to_owned()])));
    }
}
