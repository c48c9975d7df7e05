//! Which part of a name a record token came from, packed into two bits in the index.

use serde::Serialize;

/// Which part of a name a record token came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameRole {
    /// Family name.
    Surname,
    /// Given name.
    Given,
    /// Patronymic root (the father's name).
    Patronymic,
}

impl NameRole {
    /// The role packed into two bits.
    pub(crate) fn bits(self) -> u32 {
        match self {
            NameRole::Surname => 0,
            NameRole::Given => 1,
            NameRole::Patronymic => 2,
        }
    }

    /// The role from [`NameRole::bits`].
    pub(crate) fn from_bits(bits: u32) -> NameRole {
        match bits & 3 {
            0 => NameRole::Surname,
            1 => NameRole::Given,
            _ => NameRole::Patronymic,
        }
    }
}
