//! Queries made from known persons with the variation of real data: another script or
//! spelling, MRZ form, typos, dropped patronymic, swapped order, partial or swapped dates,
//! ±1 year, with or without nationality and document, sometimes an OCR-misread document alone.

mod dates;
#[cfg(test)]
mod tests;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::render::{ocr_confuse, typos};
use super::{SynthPerson, full_name};
use crate::record::Query;
use dates::vary_date;

/// A generated query, the person it was made from, and what was varied.
#[derive(Debug, Clone)]
pub struct SynthQuery {
    /// The query.
    pub query: Query,
    /// The person it should find.
    pub person_id: i64,
    /// Labels of the variations applied (`script:ru`, `typo:1`, `date:swapped`…).
    pub tags: Vec<String>,
}

/// Makes `count` queries from random persons of `persons`, seeded; `limit` is 10.
pub fn queries(persons: &[SynthPerson], count: usize, seed: u64) -> Vec<SynthQuery> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x005E_ED0F_0E5E_A8C4);
    let mut out = Vec::with_capacity(count);
    if persons.is_empty() {
        return out;
    }
    while out.len() < count {
        let person = &persons[rng.random_range(0..persons.len())];
        if let Some(q) = one_query(person, &mut rng) {
            out.push(q);
        }
    }
    out
}

fn one_query(person: &SynthPerson, rng: &mut StdRng) -> Option<SynthQuery> {
    let record = &person.record;
    let mut tags: Vec<String> = Vec::new();
    let mut query = Query {
        limit: 10,
        ..Query::default()
    };
    let document = record.documents.first();
    if let Some(doc) = document.filter(|_| rng.random_bool(0.03)) {
        let ocr = rng.random_bool(0.7);
        query.document_number = Some(if ocr {
            ocr_confuse(doc, rng)
        } else {
            doc.clone()
        });
        tags.push(
            if ocr {
                "doc-only:ocr"
            } else {
                "doc-only:exact"
            }
            .into(),
        );
        return Some(SynthQuery {
            query,
            person_id: record.person_id,
            tags,
        });
    }

    let rendering = person
        .renderings
        .get(rng.random_range(0..person.renderings.len()))?;
    tags.push(format!("script:{}", rendering.label));
    let given_first = rng.random_bool(0.35);
    let patronymic = rendering.name.patronymic.is_some() && rng.random_bool(0.35);
    if given_first {
        tags.push("order:given-first".into());
    }
    if patronymic {
        tags.push("patronymic".into());
    }
    let mut name = full_name(&rendering.name, given_first, patronymic);
    let r = rng.random::<f64>();
    let typo_count = if r < 0.25 {
        1
    } else if r < 0.35 {
        2
    } else {
        0
    };
    if typo_count > 0 {
        name = typos(&name, typo_count, rng);
        tags.push(format!("typo:{typo_count}"));
    }
    query.name = Some(name);

    if let Some(d) = record.birth_date {
        let (date, tag) = vary_date(d, rng);
        query.birth_date = date.map(|d| d.to_string());
        tags.push(tag.into());
    }
    if rng.random_bool(0.5) {
        query.nationality = record.nationalities.first().cloned();
        tags.push("nationality".into());
    }
    if let Some(doc) = document.filter(|_| rng.random_bool(0.2)) {
        let ocr = rng.random_bool(0.3);
        query.document_number = Some(if ocr {
            ocr_confuse(doc, rng)
        } else {
            doc.clone()
        });
        tags.push(if ocr { "doc:ocr" } else { "doc:exact" }.into());
    }
    Some(SynthQuery {
        query,
        person_id: record.person_id,
        tags,
    })
}
