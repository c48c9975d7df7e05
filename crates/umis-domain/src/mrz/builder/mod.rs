//! Building MRZs from field values, for tests, demo data and benchmarks.

mod error;
mod render;
mod write;

pub use error::MrzBuildError;

use std::fmt;

use super::MrzFormat;
use super::Sex;
use super::date::{Date, PartialDate};

/// Builds a well-formed MRZ with correct check digits from field values.
///
/// It checks only that values fit (characters, lengths); country codes and dates are written as
/// given, so tests can build an MRZ that is well formed but wrong (unknown country, 31 February).
/// Names go through [`to_mrz_name`](super::to_mrz_name) and are cut at the field's end; other
/// values are upper case `A`–`Z`, `0`–`9`, with spaces or `<` as separators in the optional data.
#[derive(Clone, PartialEq, Eq)]
pub struct MrzBuilder {
    format: MrzFormat,
    document_code: String,
    issuing_state: String,
    surname: String,
    given_names: String,
    document_number: String,
    nationality: String,
    birth_date: Option<PartialDate>,
    sex: Sex,
    expiry_date: Option<Date>,
    optional_data: String,
    optional_data_2: String,
}

/// Shows the format only: the values are personal data.
impl fmt::Debug for MrzBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MrzBuilder")
            .field("format", &self.format)
            .finish_non_exhaustive()
    }
}

impl MrzBuilder {
    /// A builder for `format` with the usual document code (`P`, `V` or `I`), state and
    /// nationality `UTO`, sex unspecified and every other field empty (written as filler).
    pub fn new(format: MrzFormat) -> Self {
        let code = match format {
            MrzFormat::Td3 => "P",
            MrzFormat::MrvA | MrzFormat::MrvB => "V",
            MrzFormat::Td1 | MrzFormat::Td2 => "I",
        };
        Self {
            format,
            document_code: code.to_owned(),
            issuing_state: "UTO".to_owned(),
            surname: String::new(),
            given_names: String::new(),
            document_number: String::new(),
            nationality: "UTO".to_owned(),
            birth_date: None,
            sex: Sex::Unspecified,
            expiry_date: None,
            optional_data: String::new(),
            optional_data_2: String::new(),
        }
    }

    /// Sets the document code (1–2 characters).
    pub fn document_code(mut self, code: &str) -> Self {
        code.clone_into(&mut self.document_code);
        self
    }

    /// Sets the issuing state (`UTO`, `D`).
    pub fn issuing_state(mut self, code: &str) -> Self {
        code.clone_into(&mut self.issuing_state);
        self
    }

    /// Sets the surname and given names, in any script [`to_mrz_name`](super::to_mrz_name) knows.
    pub fn name(mut self, surname: &str, given_names: &str) -> Self {
        surname.clone_into(&mut self.surname);
        given_names.clone_into(&mut self.given_names);
        self
    }

    /// Sets the document number; TD1 and TD2 take more than 9 characters by overflow.
    pub fn document_number(mut self, number: &str) -> Self {
        number.clone_into(&mut self.document_number);
        self
    }

    /// Sets the nationality.
    pub fn nationality(mut self, code: &str) -> Self {
        code.clone_into(&mut self.nationality);
        self
    }

    /// Sets the date of birth, whole or partly unknown.
    pub fn birth_date(mut self, date: impl Into<PartialDate>) -> Self {
        self.birth_date = Some(date.into());
        self
    }

    /// Sets the sex.
    pub fn sex(mut self, sex: Sex) -> Self {
        self.sex = sex;
        self
    }

    /// Sets the date of expiry.
    pub fn expiry_date(mut self, date: impl Into<Date>) -> Self {
        self.expiry_date = Some(date.into());
        self
    }

    /// Sets the optional data (TD3: the personal number; TD1: the line 1 field).
    pub fn optional_data(mut self, data: &str) -> Self {
        data.clone_into(&mut self.optional_data);
        self
    }

    /// Sets TD1's second optional data field (line 2); ignored by the other formats.
    pub fn optional_data_2(mut self, data: &str) -> Self {
        data.clone_into(&mut self.optional_data_2);
        self
    }
}
