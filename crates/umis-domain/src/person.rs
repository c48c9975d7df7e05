//! The person at the heart of the unified database: the UMIS person number, partial dates of
//! birth, sex, and the validation of what an officer or a partner submits.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A stable UMIS person number: ten non-sequential digits and an ICAO 7-3-1 check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonId(i64);

/// Why a person number was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonIdError {
    /// Not eleven digits.
    #[error("a person number has 11 digits")]
    Format,
    /// The last digit does not match.
    #[error("the check digit of the person number is wrong")]
    CheckDigit,
}

fn check_digit_731(digits: &[u8]) -> u8 {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| u32::from(*d) * WEIGHTS[i % 3])
        .sum();
    (sum % 10) as u8
}

impl PersonId {
    /// A person number made from ten random digits (`random` is any random 64-bit value).
    pub fn from_random(random: u64) -> PersonId {
        // 1_000_000_000..=9_999_999_999: ten digits, never a leading zero.
        let body = 1_000_000_000 + random % 9_000_000_000;
        let digits: Vec<u8> = body.to_string().bytes().map(|b| b - b'0').collect();
        let check = check_digit_731(&digits);
        PersonId(i64::try_from(body).unwrap_or(1_000_000_000) * 10 + i64::from(check))
    }

    /// The number as stored (eleven digits as an integer).
    pub fn as_i64(self) -> i64 {
        self.0
    }

    /// Wraps a stored number without checking it (the database only holds checked numbers).
    pub fn from_stored(n: i64) -> PersonId {
        PersonId(n)
    }
}

impl FromStr for PersonId {
    type Err = PersonIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.len() != 11 || !s.bytes().all(|b| b.is_ascii_digit()) || s.starts_with('0') {
            return Err(PersonIdError::Format);
        }
        let digits: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
        if check_digit_731(&digits[..10]) != digits[10] {
            return Err(PersonIdError::CheckDigit);
        }
        s.parse::<i64>()
            .map(PersonId)
            .map_err(|_| PersonIdError::Format)
    }
}

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A date of birth that may be known only to the year or to the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    /// Year.
    pub year: i32,
    /// Month, if known.
    pub month: Option<u8>,
    /// Day, if known (only with a month).
    pub day: Option<u8>,
}

/// Why a date was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("date must be YYYY, YYYY-MM or YYYY-MM-DD and exist in the calendar")]
pub struct DateError;

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl PartialDate {
    /// A full date, checked against the calendar.
    pub fn ymd(year: i32, month: u8, day: u8) -> Result<PartialDate, DateError> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError);
        }
        Ok(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// Whether any possible day of this date lies after `today` (a full date).
    pub fn is_after(&self, today: PartialDate) -> bool {
        let earliest = (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1));
        let t = (
            today.year,
            today.month.unwrap_or(12),
            today.day.unwrap_or(31),
        );
        earliest > t
    }
}

impl FromStr for PartialDate {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, DateError> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| DateError)
            } else {
                Err(DateError)
            }
        };
        let year =
            i32::try_from(num(parts.first().copied().unwrap_or(""), 4)?).map_err(|_| DateError)?;
        if !(1800..=9999).contains(&year) {
            return Err(DateError);
        }
        match parts.len() {
            1 => Ok(PartialDate {
                year,
                month: None,
                day: None,
            }),
            2 => {
                let month = u8::try_from(num(parts[1], 2)?).map_err(|_| DateError)?;
                if !(1..=12).contains(&month) {
                    return Err(DateError);
                }
                Ok(PartialDate {
                    year,
                    month: Some(month),
                    day: None,
                })
            }
            3 => {
                let month = u8::try_from(num(parts[1], 2)?).map_err(|_| DateError)?;
                let day = u8::try_from(num(parts[2], 2)?).map_err(|_| DateError)?;
                PartialDate::ymd(year, month, day)
            }
            _ => Err(DateError),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => write!(f, "{:04}-{m:02}", self.year),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_numbers_carry_a_check_digit() {
        for r in [0u64, 1, 42, u64::MAX, 8_999_999_999] {
            let id = PersonId::from_random(r);
            let s = id.to_string();
            assert_eq!(s.len(), 11, "{s}");
            assert_eq!(s.parse::<PersonId>(), Ok(id));
            // Any single changed digit is caught.
            let mut bytes = s.clone().into_bytes();
            bytes[4] = if bytes[4] == b'9' { b'0' } else { bytes[4] + 1 };
            let changed = String::from_utf8(bytes).unwrap();
            assert_eq!(
                changed.parse::<PersonId>(),
                Err(PersonIdError::CheckDigit),
                "{changed}"
            );
        }
        assert_eq!("123".parse::<PersonId>(), Err(PersonIdError::Format));
        assert_eq!(
            "0123456789x".parse::<PersonId>(),
            Err(PersonIdError::Format)
        );
        // Two random numbers differ: not sequential.
        assert_ne!(PersonId::from_random(7), PersonId::from_random(8));
    }

    #[test]
    fn partial_dates() {
        let cases = [
            ("1980", true),
            ("1980-05", true),
            ("1980-05-31", true),
            ("2024-02-29", true),
            ("2023-02-29", false),
            ("1980-13", false),
            ("1980-00-10", false),
            ("80-05-01", false),
            ("1980/05/01", false),
            ("", false),
            ("1980-5-1", false),
            ("1980-05-01-02", false),
        ];
        for (s, ok) in cases {
            let parsed = s.parse::<PartialDate>();
            assert_eq!(parsed.is_ok(), ok, "{s}");
            if let Ok(d) = parsed {
                assert_eq!(d.to_string(), s);
            }
        }
        let today = PartialDate::ymd(2026, 11, 22).unwrap();
        assert!("2026-12".parse::<PartialDate>().unwrap().is_after(today));
        assert!(!"2026".parse::<PartialDate>().unwrap().is_after(today));
        assert!(!"2026-11-22".parse::<PartialDate>().unwrap().is_after(today));
        assert!("2027".parse::<PartialDate>().unwrap().is_after(today));
    }

    #[test]
    fn document_numbers_fold_ocr_confusions() {
        assert_eq!(
            fold_document_number("C0I 234-567"),
            fold_document_number("co1234567")
        );
        assert_eq!(fold_document_number("SB<12"), "5812");
        assert_ne!(
            fold_document_number("C01234567"),
            fold_document_number("C01234568")
        );
    }
}
