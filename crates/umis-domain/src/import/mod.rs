//! The files of `umis import`, read without opening them: CSV with a header row (CRLF lines
//! counted as one line each) and the rows of a person file. The binary opens the files and
//! hands the rows to the services; the parsing lives here so that it is tested and fuzzed on
//! its own.

mod crlf;
mod csv_rows;
mod person_rows;

pub use crlf::CrlfAsLf;
pub use csv_rows::{CsvRow, CsvRows};
pub use person_rows::{PERSON_COLUMNS, PersonRow};
