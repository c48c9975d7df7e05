//! Why a builder's values do not fit the format.

use crate::mrz::error::MrzField;

/// Why a builder's values do not fit the format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MrzBuildError {
    /// A value longer than its field.
    #[error("{} is {len} characters, the field holds {max}", field.as_str())]
    FieldTooLong {
        /// The field.
        field: MrzField,
        /// Its capacity.
        max: usize,
        /// The value's length.
        len: usize,
    },
    /// A character that may not appear in that field.
    #[error("{} may not contain {character:?}", field.as_str())]
    IllegalCharacter {
        /// The field.
        field: MrzField,
        /// The character.
        character: char,
    },
}
