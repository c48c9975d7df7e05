//! How often a series has a value, and the usual season length of each frequency.

use std::fmt;

use serde::Serialize;

/// How often a series has a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    /// One value per calendar day.
    Daily,
    /// One value per ISO week.
    Weekly,
    /// One value per calendar month.
    Monthly,
    /// One value per calendar quarter.
    Quarterly,
}

impl Frequency {
    /// The usual season length: 7 days, 52 weeks, 12 months or 4 quarters.
    pub fn default_season(self) -> usize {
        match self {
            Self::Daily => 7,
            Self::Weekly => 52,
            Self::Monthly => 12,
            Self::Quarterly => 4,
        }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Daily => "daily",
            Self::Weekly => "weekly",
            Self::Monthly => "monthly",
            Self::Quarterly => "quarterly",
        })
    }
}
