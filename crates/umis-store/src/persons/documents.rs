//! Identity documents of persons: one to store, one as stored, and the statement that inserts
//! one.

/// An identity document to store.
#[derive(Clone)]
pub struct NewDocument {
    /// `passport`, `id_card`, …
    pub doc_type: String,
    /// ICAO code of the issuing state.
    pub issuing_state: String,
    /// The number as printed.
    pub number: String,
    /// The number folded for OCR-tolerant lookup.
    pub number_folded: String,
    /// Issue date (YYYY-MM-DD).
    pub issue_date: Option<String>,
    /// Expiry date (YYYY-MM-DD).
    pub expiry_date: Option<String>,
    /// `valid`, `lost`, `stolen`, `expired`, `revoked`.
    pub status: String,
    /// The MRZ text it was read from, if any.
    pub mrz: Option<String>,
}

impl std::fmt::Debug for NewDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewDocument")
            .field("doc_type", &self.doc_type)
            .field("issuing_state", &self.issuing_state)
            .finish_non_exhaustive()
    }
}

/// A stored identity document.
#[derive(Clone, sqlx::FromRow)]
pub struct Document {
    /// The person it belongs to.
    pub person_id: i64,
    /// Number of the document within the person's record.
    pub document_id: i64,
    /// Kind.
    pub doc_type: String,
    /// Issuing state.
    pub issuing_state: String,
    /// Number as printed.
    pub number: String,
    /// Issue date.
    pub issue_date: Option<String>,
    /// Expiry date.
    pub expiry_date: Option<String>,
    /// Status.
    pub status: String,
    /// MRZ text.
    pub mrz: Option<String>,
    /// Recorded (Unix µs).
    pub created_at: i64,
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("person_id", &self.person_id)
            .field("document_id", &self.document_id)
            .field("doc_type", &self.doc_type)
            .finish_non_exhaustive()
    }
}

pub(super) const DOCUMENT_COLUMNS: &str = "person_id, document_id, doc_type, issuing_state, number, \
    issue_date, expiry_date, status, mrz, created_at";

macro_rules! insert_document {
    ($tx:expr, $person_id:expr, $document_id:expr, $d:expr, $at:expr) => {{
        let d: &$crate::NewDocument = $d;
        sqlx::query(
            "INSERT INTO identity_documents (person_id, document_id, doc_type, issuing_state, \
             number, number_folded, issue_date, expiry_date, status, mrz, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind($person_id)
        .bind($document_id)
        .bind(&d.doc_type)
        .bind(&d.issuing_state)
        .bind(&d.number)
        .bind(&d.number_folded)
        .bind(&d.issue_date)
        .bind(&d.expiry_date)
        .bind(&d.status)
        .bind(&d.mrz)
        .bind($at)
        .execute(&mut *$tx)
        .await?;
    }};
}

pub(super) use insert_document;
