//! Why a query or a record was refused, and the field length check shared by both.

use super::MAX_FIELD_CHARS;

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
    /// The name has more tokens than [`MAX_QUERY_TOKENS`](super::MAX_QUERY_TOKENS).
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
    /// `limit` is 0 or above [`MAX_LIMIT`](super::MAX_LIMIT).
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
