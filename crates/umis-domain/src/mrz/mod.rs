//! ICAO Doc 9303 machine-readable zones: parsing, validation, building and name transliteration.
//!
//! [`parse_mrz`] reads the lines of one document (TD1, TD2, TD3, MRV-A or MRV-B) and returns an
//! [`MrzReport`] whose JSON form is the contract of `umis mrz parse` and `POST /api/v1/mrz/parse`.
//! It never panics: every defect becomes an [`MrzError`] naming the field, the rule and the
//! 1-based line and column. Decisions beyond the letter of Doc 9303:
//! - trailing whitespace (including `\r`) is trimmed from the text and from each line; anything
//!   else that is not `A`–`Z`, `0`–`9` or `<` is reported, lower case separately;
//! - a field holding an illegal character, or on a line of the wrong length, is not read
//!   (`null`), and neither is any check that covers it;
//! - codes and optional data are given without filler: `D<<` → `"D"`; runs of `<` inside optional
//!   data or names become one space; TD1 joins its two optional fields with a space;
//! - a date of birth may be partly unknown (`YY<<<<`, `YYMM<<`, `<<<<<<`), given as `YYYY`,
//!   `YYYY-MM` or `null`;
//! - centuries: a birth date takes the latest year ending in `YY` that does not put it after
//!   `today` (unknown month/day count as January/the 1st); an expiry date takes the one year
//!   ending in `YY` within `[today.year − 50, today.year + 49]`;
//! - the sex `<` and `X` both read as `X`;
//! - TD1 *and* TD2 document numbers longer than 9 characters overflow into the optional data.

mod builder;
mod check;
mod country;
mod date;
mod error;
mod fields;
mod input;
mod layout;
mod parse;
mod translit;

use std::fmt;

use serde::Serialize;

pub use builder::{MrzBuildError, MrzBuilder};
pub use check::{char_value, check_digit, is_mrz_char};
pub use country::{country_codes, is_known_country};
pub use date::{Date, PartialDate, days_in_month, is_leap_year};
pub use error::{MrzError, MrzErrorCode, MrzField};
pub use translit::{DEFAULT_SCHWA, to_icao_latin, to_mrz_name};

/// The five MRZ formats of Doc 9303.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
pub enum MrzFormat {
    /// Card size, 3 lines of 30 (Part 5).
    #[serde(rename = "TD1")]
    Td1,
    /// 2 lines of 36 (Part 6).
    #[serde(rename = "TD2")]
    Td2,
    /// Passport booklet, 2 lines of 44 (Part 4).
    #[serde(rename = "TD3")]
    Td3,
    /// Visa, 2 lines of 44 (Part 7).
    #[serde(rename = "MRVA")]
    MrvA,
    /// Visa, 2 lines of 36 (Part 7).
    #[serde(rename = "MRVB")]
    MrvB,
}

impl MrzFormat {
    /// Every format.
    pub const ALL: [MrzFormat; 5] = [Self::Td1, Self::Td2, Self::Td3, Self::MrvA, Self::MrvB];

    /// The name used in JSON (`TD1`, `TD2`, `TD3`, `MRVA`, `MRVB`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Td1 => "TD1",
            Self::Td2 => "TD2",
            Self::Td3 => "TD3",
            Self::MrvA => "MRVA",
            Self::MrvB => "MRVB",
        }
    }

    /// How many lines the format has.
    pub fn line_count(self) -> usize {
        layout::Layout::of(self).lines
    }

    /// How many characters each line has.
    pub fn line_length(self) -> usize {
        layout::Layout::of(self).width
    }
}

/// The holder's sex as the MRZ gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
pub enum Sex {
    /// `M`.
    #[serde(rename = "M")]
    Male,
    /// `F`.
    #[serde(rename = "F")]
    Female,
    /// `<` (or `X`): unspecified.
    #[serde(rename = "X")]
    Unspecified,
}

/// The outcome of each check digit: `None` where the format has no such check or the data it
/// covers could not be read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct MrzChecks {
    /// The document number's check digit.
    pub document_number: Option<bool>,
    /// The date of birth's check digit.
    pub birth_date: Option<bool>,
    /// The date of expiry's check digit.
    pub expiry_date: Option<bool>,
    /// The optional data's check digit (TD3 personal number only).
    pub optional_data: Option<bool>,
    /// The composite check digit (TD1, TD2, TD3).
    pub composite: Option<bool>,
}

/// What one MRZ says and everything wrong with it; serialises to the public JSON contract.
#[derive(Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct MrzReport {
    /// True exactly when `errors` is empty.
    pub valid: bool,
    /// The format, when the line count and lengths identify one.
    pub format: Option<MrzFormat>,
    /// The document code without filler (`P`, `ID`, `V`).
    pub document_code: Option<String>,
    /// The issuing state or organisation without filler (`UTO`, `D`).
    pub issuing_state: Option<String>,
    /// The primary identifier, fillers turned into spaces.
    pub surname: Option<String>,
    /// The secondary identifier (empty if there is none), fillers turned into spaces.
    pub given_names: Option<String>,
    /// The full document number, TD1/TD2 overflow included, without filler.
    pub document_number: Option<String>,
    /// The nationality without filler.
    pub nationality: Option<String>,
    /// The date of birth; `null` if unreadable, invalid or entirely unknown (`<<<<<<`).
    #[schema(value_type = Option<String>, example = "1985-03-07")]
    pub birth_date: Option<PartialDate>,
    /// The sex.
    pub sex: Option<Sex>,
    /// The date of expiry.
    #[schema(value_type = Option<String>, format = Date)]
    pub expiry_date: Option<Date>,
    /// The optional data (TD3 personal number) without filler.
    pub optional_data: Option<String>,
    /// The check digits' outcomes.
    pub checks: MrzChecks,
    /// Every defect, in reading order.
    pub errors: Vec<MrzError>,
}

/// Shows the outcome and the defects, never the holder's data.
impl fmt::Debug for MrzReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MrzReport")
            .field("valid", &self.valid)
            .field("format", &self.format)
            .field("checks", &self.checks)
            .field("errors", &self.errors)
            .finish_non_exhaustive()
    }
}

impl MrzReport {
    /// A report with nothing read yet.
    fn empty() -> Self {
        Self {
            valid: false,
            format: None,
            document_code: None,
            issuing_state: None,
            surname: None,
            given_names: None,
            document_number: None,
            nationality: None,
            birth_date: None,
            sex: None,
            expiry_date: None,
            optional_data: None,
            checks: MrzChecks::default(),
            errors: Vec::new(),
        }
    }

    /// Whether any error has `code`.
    pub fn has_error(&self, code: MrzErrorCode) -> bool {
        self.errors.iter().any(|e| e.code == code)
    }
}

/// Parses and validates the MRZ in `text` (its lines separated by `\n`) as of `today`.
///
/// `today` is a [`Date`] or a `(year, month, day)` tuple; it decides the century of the dates.
pub fn parse_mrz(text: &str, today: impl Into<Date>) -> MrzReport {
    parse::parse(text, today.into())
}
