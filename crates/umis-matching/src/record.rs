//! What the index holds about a person (names in every variant, partial birth date,
//! nationalities, documents) and what a search asks for.

use std::fmt;

pub use umis_domain::person::PartialDate;

/// The longest name, date, code or document number accepted, in characters.
pub const MAX_FIELD_CHARS: usize = 200;
/// The most name variants one record may carry.
pub const MAX_VARIANTS: usize = 15;
/// The most name tokens a query may carry after particles are dropped.
pub const MAX_QUERY_TOKENS: usize = 12;
/// The largest `limit` a query may ask for.
pub const MAX_LIMIT: usize = 1000;

/// One way a person's name is written: original script, MRZ form, an alias.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct NameVariant {
    /// Family name (required).
    pub surname: String,
    /// Given names.
    pub given_names: Option<String>,
    /// Patronymic ("Əli oğlu", "Алиевич").
    pub patronymic: Option<String>,
}

impl fmt::Debug for NameVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NameVariant(<redacted>)")
    }
}

/// A person as the index sees it.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct PersonRecord {
    /// The UMIS person number.
    pub person_id: i64,
    /// The partner's id, for persons imported with one.
    pub external_id: Option<String>,
    /// Every written form of the name (at least one).
    pub names: Vec<NameVariant>,
    /// Date of birth, possibly partial.
    pub birth_date: Option<PartialDate>,
    /// ICAO nationality codes (stateless = XXA).
    pub nationalities: Vec<String>,
    /// Identity document numbers as written.
    pub documents: Vec<String>,
}

impl fmt::Debug for PersonRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PersonRecord")
            .field("person_id", &self.person_id)
            .field("names", &self.names.len())
            .field("documents", &self.documents.len())
            .finish_non_exhaustive()
    }
}

/// A search: any subset of the fields, at least one.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Free-text name in any script and order ("MAMEDOV ELCHIN", "Elçin Məmmədov Əli oğlu").
    pub name: Option<String>,
    /// Date of birth: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    /// ICAO nationality code.
    pub nationality: Option<String>,
    /// Document number as read (OCR confusions tolerated).
    pub document_number: Option<String>,
    /// How many candidates to return (1..=1000).
    pub limit: usize,
}

impl fmt::Debug for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Query")
            .field("name", &self.name.as_ref().map(|_| "<redacted>"))
            .field(
                "birth_date",
                &self.birth_date.as_ref().map(|_| "<redacted>"),
            )
            .field("nationality", &self.nationality)
            .field(
                "document_number",
                &self.document_number.as_ref().map(|_| "<redacted>"),
            )
            .field("limit", &self.limit)
            .finish()
    }
}

/// Why a query or a record was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    /// No field was given (or every field was blank).
    #[error("a search needs at least one of name, birth_date, nationality, document_number")]
    EmptyQuery,
    /// A field is longer than [`MAX_FIELD_CHARS`].
    #[error("{field} is longer than {max} characters")]
    TooLong {
        /// The field.
        field: &'static str,
        /// The limit.
        max: usize,
    },
    /// The name holds no letter of a supported script.
    #[error("the name has no letters that can be searched")]
    UnreadableName,
    /// The name has more tokens than [`MAX_QUERY_TOKENS`].
    #[error("the name has more than {max} words")]
    TooManyNameTokens {
        /// The limit.
        max: usize,
    },
    /// The date is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD` in the calendar.
    #[error("birth_date must be YYYY, YYYY-MM or YYYY-MM-DD")]
    InvalidBirthDate,
    /// The nationality is not three letters.
    #[error("nationality must be a three-letter ICAO code")]
    InvalidNationality,
    /// The document number holds no letter or digit.
    #[error("document_number must hold letters or digits")]
    InvalidDocumentNumber,
    /// `limit` is 0 or above [`MAX_LIMIT`].
    #[error("limit must be between 1 and {max}")]
    InvalidLimit {
        /// The limit.
        max: usize,
    },
    /// Only a nationality (or only initials) was given: that cannot rank persons.
    #[error("a nationality or initials alone cannot rank persons: add a name, date or document")]
    TooBroad,
    /// The index cannot take more records, tokens or keys (over 2^26 distinct tokens).
    #[error("the index is full")]
    IndexFull,
    /// A record has no usable name variant or too many.
    #[error("a person needs 1 to {max} name variants with a readable surname")]
    InvalidNames {
        /// The limit.
        max: usize,
    },
}

/// Checks a field's length in characters.
pub(crate) fn check_len(field: &'static str, value: &str) -> Result<(), SearchError> {
    if value.chars().count() > MAX_FIELD_CHARS {
        return Err(SearchError::TooLong {
            field,
            max: MAX_FIELD_CHARS,
        });
    }
    Ok(())
}

/// A nationality code as three uppercase ASCII letters, packed into 15 bits.
pub(crate) fn pack_country(code: &str) -> Option<u16> {
    let code = code.trim();
    let bytes = code.as_bytes();
    if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    Some(bytes.iter().fold(0u16, |acc, b| {
        acc * 32 + u16::from(b.to_ascii_uppercase() - b'A')
    }))
}

/// A partial date packed into 32 bits (0 = unknown).
pub(crate) fn pack_date(date: Option<PartialDate>) -> u32 {
    date.map_or(0, |d| {
        let year = u32::try_from(d.year.clamp(1, 9999)).unwrap_or(1);
        (year << 9) | (u32::from(d.month.unwrap_or(0)) << 5) | u32::from(d.day.unwrap_or(0))
    })
}

/// The date packed by [`pack_date`].
pub(crate) fn unpack_date(packed: u32) -> Option<PartialDate> {
    (packed != 0).then(|| PartialDate {
        year: i32::try_from(packed >> 9).unwrap_or(0),
        month: u8::try_from((packed >> 5) & 15).ok().filter(|m| *m != 0),
        day: u8::try_from(packed & 31).ok().filter(|d| *d != 0),
    })
}

/// A document number uppercased, with only letters and digits kept.
pub(crate) fn clean_document(number: &str) -> String {
    number
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_pack_and_parse() {
        for s in ["1980", "1980-05", "1980-05-31", "2024-02-29"] {
            let d: PartialDate = s.parse().unwrap();
            assert_eq!(unpack_date(pack_date(Some(d))), Some(d), "{s}");
        }
        for s in ["1980-13", "80", "1980-02-30", "", "1980-5"] {
            assert!(s.parse::<PartialDate>().is_err(), "{s}");
        }
        assert_eq!(unpack_date(pack_date(None)), None);
    }

    #[test]
    fn countries_pack() {
        assert_eq!(pack_country("aze"), pack_country("AZE"));
        assert_ne!(pack_country("AZE"), pack_country("RUS"));
        assert_eq!(pack_country("AZ"), None);
        assert_eq!(pack_country("A1E"), None);
    }
}
