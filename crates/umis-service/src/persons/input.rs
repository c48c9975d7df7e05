//! A person as submitted: its names, nationalities and identity documents, before validation.

use std::fmt;

/// A person as submitted by an officer, a partner or an import.
#[derive(Clone, Default, serde::Deserialize)]
pub struct NewPersonInput {
    /// Surname in the original script (required).
    pub surname: String,
    /// Given names.
    #[serde(default)]
    pub given_names: Option<String>,
    /// Patronymic.
    #[serde(default)]
    pub patronymic: Option<String>,
    /// `M`, `F` or `X`.
    #[serde(default)]
    pub sex: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub birth_date: Option<String>,
    /// Place of birth.
    #[serde(default)]
    pub place_of_birth: Option<String>,
    /// ICAO nationality codes (`XXA` for stateless).
    #[serde(default)]
    pub nationalities: Vec<String>,
    /// Identifier in the system the record comes from.
    #[serde(default)]
    pub external_id: Option<String>,
    /// Other spellings (e.g. the MRZ form, a Russian-language document).
    #[serde(default)]
    pub aliases: Vec<NameInput>,
    /// Identity documents.
    #[serde(default)]
    pub documents: Vec<DocumentInput>,
}

impl fmt::Debug for NewPersonInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPersonInput(..)")
    }
}

/// Another spelling of a person's name.
#[derive(Clone, Default, serde::Deserialize)]
pub struct NameInput {
    /// Surname.
    pub surname: String,
    /// Given names.
    #[serde(default)]
    pub given_names: Option<String>,
    /// Patronymic.
    #[serde(default)]
    pub patronymic: Option<String>,
}

/// An identity document as submitted.
#[derive(Clone, Default, serde::Deserialize)]
pub struct DocumentInput {
    /// `passport`, `id_card`, `refugee_travel_document`, `stateless_travel_document`,
    /// `residence_card`, `visa`, `other`.
    #[serde(default = "default_doc_type")]
    pub doc_type: String,
    /// ICAO code of the issuing state.
    pub issuing_state: String,
    /// Number as printed.
    pub number: String,
    /// Issue date, YYYY-MM-DD.
    #[serde(default)]
    pub issue_date: Option<String>,
    /// Expiry date, YYYY-MM-DD.
    #[serde(default)]
    pub expiry_date: Option<String>,
    /// `valid` (default), `lost`, `stolen`, `expired`, `revoked`.
    #[serde(default)]
    pub status: Option<String>,
    /// MRZ text the document was read from.
    #[serde(default)]
    pub mrz: Option<String>,
}

impl fmt::Debug for NameInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NameInput(..)")
    }
}

impl fmt::Debug for DocumentInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DocumentInput")
            .field("doc_type", &self.doc_type)
            .finish_non_exhaustive()
    }
}

fn default_doc_type() -> String {
    "passport".into()
}
