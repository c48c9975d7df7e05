//! How each field compared: the kinds of name, date, nationality and document matches.

use serde::Serialize;

/// The kind of a token (or whole name) match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// Nothing matched.
    None,
    /// Similar spelling (Jaro–Winkler on Latin forms or keys).
    Fuzzy,
    /// An initial matched a name's first letter.
    Initial,
    /// Same consonants, vowels unwritten (Persian/Arabic script).
    Skeleton,
    /// Same phonetic key: a spelling or transliteration variant.
    Phonetic,
    /// Same normalised Latin form.
    Exact,
}

/// How the dates of birth compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateMatch {
    /// Same full date.
    Exact,
    /// Same year and month; one side has no day.
    YearMonth,
    /// Same year; one side has no month.
    YearOnly,
    /// Day and month swapped (05-03 for 03-05).
    DayMonthSwapped,
    /// Same day and month, one year apart.
    YearOffByOne,
    /// The record has no date of birth.
    Unknown,
    /// Different dates.
    Mismatch,
}

impl DateMatch {
    /// The name used in JSON (`exact`, `year_month`, `year_only`, `day_month_swapped`,
    /// `year_off_by_one`, `unknown`, `mismatch`).
    pub fn as_str(self) -> &'static str {
        match self {
            DateMatch::Exact => "exact",
            DateMatch::YearMonth => "year_month",
            DateMatch::YearOnly => "year_only",
            DateMatch::DayMonthSwapped => "day_month_swapped",
            DateMatch::YearOffByOne => "year_off_by_one",
            DateMatch::Unknown => "unknown",
            DateMatch::Mismatch => "mismatch",
        }
    }
}

/// How the nationality compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NationalityMatch {
    /// One of the person's nationalities.
    Match,
    /// The person has no recorded nationality.
    Unknown,
    /// None of the person's nationalities.
    Mismatch,
}

/// How the document number compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentMatch {
    /// The same number (ignoring case, spaces and separators).
    Exact,
    /// The same once OCR confusions are folded (O/0, I/1, B/8, S/5, Z/2, G/6).
    OcrConfusable,
    /// The person has no recorded document.
    Unknown,
    /// None of the person's documents.
    Mismatch,
}
