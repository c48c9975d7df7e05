//! Watch lists and screening: entry bans (ground, issuing body, period) and other named lists,
//! and the check border and visa systems call: `clear`, or `refer` with scored, explained hits.

mod screen;
mod watchlist;

use crate::persons::invalid;
use crate::persons::{known_country, parse_partial_date, today};
use crate::{Ctx, ServiceError, Services};
use serde::Serialize;
use std::fmt;
use umis_domain::person::{PersonId, fold_document_number};
use umis_domain::{AuditOutcome, Permission};
use umis_store::{NewWatchEntry, WatchEntry};

pub use watchlist::*;

/// A hit at or above this score makes the decision `refer`: the matcher's own threshold, so
/// screening and duplicate detection refer at the same score.
pub use umis_matching::REFER_THRESHOLD;

/// A registered person matched at or above this score carries the entries linked to them into
/// the screening result.
pub const PERSON_MATCH_MIN: f32 = 0.75;

/// What is screened: an MRZ, or any of name, date of birth, nationality and document number.
#[derive(Clone, Default, serde::Deserialize)]
pub struct ScreeningQuery {
    /// The MRZ lines of a travel document.
    #[serde(default)]
    pub mrz: Option<String>,
    /// Surname.
    #[serde(default)]
    pub surname: Option<String>,
    /// Given names.
    #[serde(default)]
    pub given_names: Option<String>,
    /// Partial date of birth.
    #[serde(default)]
    pub birth_date: Option<String>,
    /// ICAO nationality.
    #[serde(default)]
    pub nationality: Option<String>,
    /// Document number.
    #[serde(default)]
    pub document_number: Option<String>,
}

impl fmt::Debug for ScreeningQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ScreeningQuery(..)")
    }
}

/// One reason to look closer.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ScreeningHit {
    /// `entry_ban`, another list's name, `lost_document` or `stolen_document`.
    pub list: String,
    /// The watch-list entry, for list hits.
    pub entry_id: Option<i64>,
    /// The registered person concerned, if known.
    pub person_id: Option<String>,
    /// 0–1; at or above [`REFER_THRESHOLD`] the decision is `refer`.
    pub score: f32,
    /// What matched and how.
    pub reasons: Vec<String>,
    /// The ban's ground, for entry bans.
    pub ground: Option<String>,
    /// Last day in force, for entry bans.
    pub valid_to: Option<String>,
}

/// The answer to a screening.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ScreeningResult {
    /// `clear` or `refer`.
    #[schema(value_type = String)]
    pub decision: &'static str,
    /// Every hit, best first.
    pub hits: Vec<ScreeningHit>,
}

/// The key names are looked up by: the phonetic keys of the surname and of the given names
/// (gender endings and patronymics neutralised), so Məmmədov Elçin, MAMMADOV ELCHIN and
/// Мамедов Эльчин share one key.
pub fn name_key(surname: &str, given_names: Option<&str>) -> Option<String> {
    let keys = umis_domain::names::name_keys(surname, given_names, None);
    let mut surname_keys = keys.surname_keys.clone();
    surname_keys.sort();
    let mut given_keys = keys.given_keys.clone();
    given_keys.sort();
    let key = format!("{}|{}", surname_keys.join(" "), given_keys.join(" "));
    (key != "|").then_some(key)
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}
