//! What the index holds about a person (names in every variant, partial birth date,
//! nationalities, documents) and what a search asks for.

mod error;
mod pack;

pub use error::SearchError;
pub(crate) use error::check_len;
pub(crate) use pack::{clean_document, pack_country, pack_date, unpack_date};

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
