//! The UMIS person number: eleven digits whose last is a 7-3-1 check digit.

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
