//! The in-memory person index: a stored person's record in it, rebuilt from the store at
//! start-up, and kept in step with every write to the registry.

use crate::{ServiceError, Services};
use umis_matching::{NameVariant, PersonIndex, PersonRecord};
use umis_store::Person;

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

    /// How many persons the index holds.
    pub fn index_len(&self) -> usize {
        match self.index.read() {
            Ok(g) => g.len(),
            Err(p) => p.into_inner().len(),
        }
    }
}
