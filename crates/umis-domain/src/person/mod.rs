//! The person at the heart of the unified database: the UMIS person number, partial dates of
//! birth, sex, and the validation of what an officer or a partner submits.

mod date;
mod id;
#[cfg(test)]
mod tests;

pub use date::{DateError, PartialDate};
pub use id::{PersonId, PersonIdError};

use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Sex as recorded in travel documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    /// Male.
    #[serde(rename = "M")]
    Male,
    /// Female.
    #[serde(rename = "F")]
    Female,
    /// Unspecified.
    #[serde(rename = "X")]
    Unspecified,
}

impl Sex {
    /// `M`, `F` or `X`.
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "M",
            Sex::Female => "F",
            Sex::Unspecified => "X",
        }
    }
}

impl FromStr for Sex {
    type Err = crate::UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "M" | "m" => Ok(Sex::Male),
            "F" | "f" => Ok(Sex::Female),
            "X" | "x" | "<" => Ok(Sex::Unspecified),
            other => Err(crate::UnknownValue {
                kind: "sex",
                value: other.chars().take(16).collect(),
                expected: "M, F, X".into(),
            }),
        }
    }
}

/// The status of an identity document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    /// In use.
    Valid,
    /// Reported lost.
    Lost,
    /// Reported stolen.
    Stolen,
    /// Past its expiry date.
    Expired,
    /// Withdrawn by the issuer.
    Revoked,
}

/// The kind of an identity document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    /// National passport.
    Passport,
    /// National identity card.
    IdCard,
    /// 1951-Convention refugee travel document.
    RefugeeTravelDocument,
    /// Travel document of a stateless person.
    StatelessTravelDocument,
    /// Residence card.
    ResidenceCard,
    /// Visa.
    Visa,
    /// Any other document.
    Other,
}

/// Document numbers compared across OCR confusions and separators: uppercase, without spaces,
/// hyphens or filler, with O→0, I→1, B→8, S→5, Z→2, G→6.
pub fn fold_document_number(number: &str) -> String {
    number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_uppercase() {
            'O' | 'Q' | 'D' => '0',
            'I' | 'L' => '1',
            'B' => '8',
            'S' => '5',
            'Z' => '2',
            'G' => '6',
            other => other,
        })
        .collect()
}
