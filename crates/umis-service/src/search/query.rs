//! The search run on the index without an audit entry: the query built and ranked, and the
//! likely duplicates of a person about to be registered.

use super::{POSSIBLE_DUPLICATE, SearchHit, SearchInput};
use crate::{ServiceError, Services};
use umis_domain::person::PersonId;
use umis_matching::{Query, SearchError};

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
}
