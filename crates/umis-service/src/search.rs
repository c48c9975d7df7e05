//! Fuzzy person search: the in-memory index kept in step with every write to the registry,
//! rebuilt from the store at start-up, and the audited search use case.

use crate::{Ctx, ServiceError, Services};
use serde::Serialize;
use std::sync::{Arc, RwLock};
use umis_domain::Permission;
use umis_domain::person::PersonId;
use umis_matching::{Explanation, NameVariant, PersonIndex, PersonRecord, Query, SearchError};
use umis_store::Person;

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

/// The index's view of a stored person.
pub(crate) fn record_of(p: &Person) -> PersonRecord {
    PersonRecord {
        person_id: p.person_id,
        external_id: p.external_id.clone(),
        names: p
            .names
            .iter()
            .take(umis_matching::MAX_VARIANTS)
            .map(|n| NameVariant {
                surname: n.surname.clone(),
                given_names: n.given_names.clone(),
                patronymic: n.patronymic.clone(),
            })
            .collect(),
        birth_date: p.birth_date.as_deref().and_then(|d| d.parse().ok()),
        nationalities: p.nationalities.clone(),
        documents: p.documents.iter().map(|d| d.number.clone()).collect(),
    }
}

fn search_error(e: SearchError) -> ServiceError {
    let field = match &e {
        SearchError::InvalidBirthDate => "birth_date",
        SearchError::TooLong { field, .. } => field,
        SearchError::EmptyQuery
        | SearchError::UnreadableName
        | SearchError::TooManyNameTokens { .. } => "name",
        _ => "query",
    };
    ServiceError::invalid(field, "invalid_query", e.to_string())
}

impl Services {
    /// Loads every active person into the index (at start-up); returns how many.
    pub async fn rebuild_index(&self) -> Result<usize, ServiceError> {
        let mut fresh = PersonIndex::new();
        let mut after = None;
        let mut n = 0;
        loop {
            let page = self.store.list_persons(after, 1000, Some("active")).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.person_id);
            for p in &page {
                if fresh.upsert(&record_of(p)).is_ok() {
                    n += 1;
                }
            }
        }
        match self.index.write() {
            Ok(mut guard) => *guard = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        Ok(n)
    }

    /// Keeps the index in step with a stored person.
    pub(crate) fn index_person(&self, person: &Person) {
        let mut index = match self.index.write() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        if person.status == "active" {
            if let Err(e) = index.upsert(&record_of(person)) {
                tracing::warn!(person = person.person_id, error = %e, "person not indexed");
            }
        } else {
            index.remove(person.person_id);
        }
    }

    /// Takes a person out of the index.
    pub(crate) fn unindex_person(&self, person_id: i64) {
        match self.index.write() {
            Ok(mut g) => {
                g.remove(person_id);
            }
            Err(p) => {
                p.into_inner().remove(person_id);
            }
        }
    }

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

    /// The search itself, for callers that audit on their own (batch screening, duplicate checks).
    pub(crate) fn search_unaudited(
        &self,
        input: &SearchInput,
    ) -> Result<Vec<SearchHit>, ServiceError> {
        let query = Query {
            name: input.name.clone().filter(|s| !s.trim().is_empty()),
            birth_date: input.birth_date.clone().filter(|s| !s.trim().is_empty()),
            nationality: input
                .nationality
                .clone()
                .filter(|s| !s.trim().is_empty())
                .map(|s| s.trim().to_ascii_uppercase()),
            document_number: input
                .document_number
                .clone()
                .filter(|s| !s.trim().is_empty()),
            limit: input.limit.unwrap_or(10).clamp(1, 100),
        };
        let index = match self.index.read() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let found = index.search(&query).map_err(search_error)?;
        Ok(found
            .into_iter()
            .map(|c| SearchHit {
                person_id: PersonId::from_stored(c.person_id).to_string(),
                external_id: c.external_id,
                score: c.score,
                explanation: c.explanation,
            })
            .collect())
    }

    /// Likely duplicates of a person about to be registered (not audited: nothing is shown
    /// beyond what the officer typed until they open a candidate).
    pub fn likely_duplicates(
        &self,
        input: &crate::NewPersonInput,
    ) -> Result<Vec<SearchHit>, ServiceError> {
        let name = [Some(input.surname.as_str()), input.given_names.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        if name.trim().is_empty() {
            return Ok(Vec::new());
        }
        let q = SearchInput {
            name: Some(name),
            birth_date: input.birth_date.clone(),
            nationality: None,
            document_number: input.documents.first().map(|d| d.number.clone()),
            limit: Some(5),
        };
        Ok(self
            .search_unaudited(&q)
            .unwrap_or_default()
            .into_iter()
            .filter(|h| h.score >= POSSIBLE_DUPLICATE)
            .collect())
    }

    /// How many persons the index holds.
    pub fn index_len(&self) -> usize {
        match self.index.read() {
            Ok(g) => g.len(),
            Err(p) => p.into_inner().len(),
        }
    }
}
