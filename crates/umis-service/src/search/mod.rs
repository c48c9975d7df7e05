//! Fuzzy person search: the in-memory index kept in step with every write to the registry,
//! rebuilt from the store at start-up, and the audited search use case.

use crate::{Ctx, ServiceError, Services};
use serde::Serialize;
use std::sync::{Arc, RwLock};
use umis_domain::Permission;
use umis_matching::{Explanation, PersonIndex};

mod index;
mod query;

/// Candidates at or above this are shown as possible duplicates before a person is saved: a
/// little below the refer threshold, so that a namesake found by name and year of birth alone
/// is shown too (showing costs the officer a glance; a missed duplicate costs a split record).
pub const POSSIBLE_DUPLICATE: f32 = 0.8;

/// The shared index; searches take the read lock, writes the write lock, both briefly.
pub(crate) type SharedIndex = Arc<RwLock<PersonIndex>>;

/// What a search asks for; any field may be missing but not all.
#[derive(Clone, Default, serde::Deserialize)]
pub struct SearchInput {
    /// Names in any script and order.
    #[serde(default)]
    pub name: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub birth_date: Option<String>,
    /// ICAO nationality.
    #[serde(default)]
    pub nationality: Option<String>,
    /// Document number (OCR confusions tolerated).
    #[serde(default)]
    pub document_number: Option<String>,
    /// How many candidates (1–100, default 10).
    #[serde(default)]
    pub limit: Option<usize>,
}

impl std::fmt::Debug for SearchInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SearchInput(..)")
    }
}

/// One ranked candidate.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// The UMIS person number.
    pub person_id: String,
    /// The id the person was imported with, if any.
    pub external_id: Option<String>,
    /// 0–1.
    pub score: f32,
    /// Which fields matched and how.
    pub explanation: Explanation,
}

impl Services {
    /// Ranked candidates for any subset of name, date of birth, nationality and document number;
    /// every search is audited with what was asked and how many came back.
    pub async fn search_persons(
        &self,
        ctx: &Ctx,
        input: &SearchInput,
    ) -> Result<Vec<SearchHit>, ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "person.search")
            .await?;
        let hits = self.search_unaudited(input)?;
        let mut details = serde_json::Map::new();
        for (k, v) in [
            ("name", &input.name),
            ("birth_date", &input.birth_date),
            ("nationality", &input.nationality),
            ("document_number", &input.document_number),
        ] {
            if let Some(v) = v {
                details.insert(k.into(), v.chars().take(200).collect::<String>().into());
            }
        }
        details.insert("results".into(), hits.len().into());
        self.audit_read(ctx, "person.search", None, None, details.into())
            .await?;
        Ok(hits)
    }
}
