//! The defects an MRZ can have: stable codes, the field they concern, and where they are.

use serde::Serialize;

/// What is wrong, as a stable snake_case code for clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MrzErrorCode {
    /// The text has no lines, one line, or more than three.
    WrongLineCount,
    /// A line is longer or shorter than its format requires.
    WrongLineLength,
    /// A blank line before or between the MRZ lines.
    EmptyLine,
    /// Two lines whose lengths fit no format.
    UnknownFormat,
    /// A character other than `A`–`Z`, `0`–`9` and `<` (spaces, `-`, `é`, control characters…).
    IllegalCharacter,
    /// A lower-case letter; the MRZ is upper case only.
    LowerCase,
    /// The document code does not fit the format (`P` for TD3, `V` for visas, `A`/`C`/`I` cards).
    InvalidDocumentCode,
    /// An issuing state or nationality that is not an ICAO code.
    UnknownCountry,
    /// A name field with digits, or one that starts with a filler.
    InvalidName,
    /// A mandatory field (name, document number) holds only fillers.
    MissingField,
    /// A check digit differs from the one computed.
    CheckDigitMismatch,
    /// A check digit position holds something other than a digit.
    InvalidCheckDigit,
    /// A TD1/TD2 long document number whose overflow in the optional data is malformed.
    InvalidLongDocumentNumber,
    /// A date that is not `YYMMDD` or does not exist (month 13, 31 February).
    InvalidDate,
    /// A sex other than `M`, `F`, `X` or `<`.
    InvalidSex,
}

impl MrzErrorCode {
    /// The stable machine name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WrongLineCount => "wrong_line_count",
            Self::WrongLineLength => "wrong_line_length",
            Self::EmptyLine => "empty_line",
            Self::UnknownFormat => "unknown_format",
            Self::IllegalCharacter => "illegal_character",
            Self::LowerCase => "lower_case",
            Self::InvalidDocumentCode => "invalid_document_code",
            Self::UnknownCountry => "unknown_country",
            Self::InvalidName => "invalid_name",
            Self::MissingField => "missing_field",
            Self::CheckDigitMismatch => "check_digit_mismatch",
            Self::InvalidCheckDigit => "invalid_check_digit",
            Self::InvalidLongDocumentNumber => "invalid_long_document_number",
            Self::InvalidDate => "invalid_date",
            Self::InvalidSex => "invalid_sex",
        }
    }
}

/// The part of the MRZ a defect concerns; check digits belong to the field they check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MrzField {
    /// The text as a whole: line count, line lengths, characters outside every field.
    Document,
    /// The document code (`P<`, `ID`, `V<`…).
    DocumentCode,
    /// The issuing state or organisation.
    IssuingState,
    /// The name of the holder (surname and given names).
    Name,
    /// The document number and its check digit.
    DocumentNumber,
    /// The nationality.
    Nationality,
    /// The date of birth and its check digit.
    BirthDate,
    /// The sex.
    Sex,
    /// The date of expiry and its check digit.
    ExpiryDate,
    /// The optional data (TD3 personal number) and its check digit where the format has one.
    OptionalData,
    /// The composite check digit.
    Composite,
}

impl MrzField {
    /// The stable machine name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Document => "document",
            Self::DocumentCode => "document_code",
            Self::IssuingState => "issuing_state",
            Self::Name => "name",
            Self::DocumentNumber => "document_number",
            Self::Nationality => "nationality",
            Self::BirthDate => "birth_date",
            Self::Sex => "sex",
            Self::ExpiryDate => "expiry_date",
            Self::OptionalData => "optional_data",
            Self::Composite => "composite",
        }
    }
}

/// One defect: what, in which field, where (1-based line and column) and a readable message.
///
/// Messages name positions and characters, never whole names or document numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct MrzError {
    /// The stable code.
    pub code: MrzErrorCode,
    /// The field concerned.
    pub field: MrzField,
    /// A sentence for people, starting with the position where there is one.
    pub message: String,
    /// The 1-based line, where the defect has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The 1-based column (in characters), where the defect has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl MrzError {
    /// A defect of the document as a whole, without a position.
    pub(crate) fn whole(code: MrzErrorCode, field: MrzField, message: String) -> Self {
        Self {
            code,
            field,
            message,
            line: None,
            column: None,
        }
    }

    /// A defect of one line.
    pub(crate) fn on_line(code: MrzErrorCode, line: usize, message: &str) -> Self {
        Self {
            code,
            field: MrzField::Document,
            message: format!("line {line}: {message}"),
            line: Some(line),
            column: None,
        }
    }

    /// A defect at one position.
    pub(crate) fn at(
        code: MrzErrorCode,
        field: MrzField,
        (line, column): (usize, usize),
        message: &str,
    ) -> Self {
        Self {
            code,
            field,
            message: format!("line {line}, column {column}: {message}"),
            line: Some(line),
            column: Some(column),
        }
    }
}
