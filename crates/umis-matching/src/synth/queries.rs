//! Queries made from known persons with the variation of real data: another script or
//! spelling, MRZ form, typos, dropped patronymic, swapped order, partial or swapped dates,
//! ±1 year, with or without nationality and document, sometimes an OCR-misread document alone.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::render::{ocr_confuse, typos};
use super::{SynthPerson, full_name};
use crate::record::{PartialDate, Query};

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

/// A date as a query might give it: full, partial, day↔month swapped, a year off, or none.
fn vary_date(d: PartialDate, rng: &mut StdRng) -> (Option<PartialDate>, &'static str) {
    let r = rng.random::<f64>();
    let full = d.month.is_some() && d.day.is_some();
    match r {
        _ if r < 0.05 => (None, "date:none"),
        _ if r < 0.13 && d.month.is_some() => {
            (Some(PartialDate { day: None, ..d }), "date:year-month")
        }
        _ if r < 0.22 => (
            Some(PartialDate {
                month: None,
                day: None,
                ..d
            }),
            "date:year",
        ),
        _ if r < 0.28 && full => match (d.month, d.day) {
            (Some(m), Some(day)) if day <= 12 && day != m => (
                Some(PartialDate {
                    month: Some(day),
                    day: Some(m),
                    ..d
                }),
                "date:day-month-swapped",
            ),
            _ => (Some(d), "date:full"),
        },
        _ if r < 0.34 && full && d.month != Some(2) => {
            let year = if rng.random_bool(0.5) {
                d.year + 1
            } else {
                d.year - 1
            };
            (Some(PartialDate { year, ..d }), "date:year-off-by-one")
        }
        _ => (Some(d), if full { "date:full" } else { "date:partial" }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::population;

    #[test]
    fn seeded_and_varied() {
        let persons = population(500, 7);
        let a = queries(&persons, 200, 7);
        let b = queries(&persons, 200, 7);
        assert_eq!(a.len(), 200);
        assert_eq!(
            a.iter().map(|q| &q.query).collect::<Vec<_>>(),
            b.iter().map(|q| &q.query).collect::<Vec<_>>()
        );
        for tag in [
            "script:ru",
            "script:mrz",
            "typo:1",
            "date:year",
            "order:given-first",
        ] {
            assert!(a.iter().any(|q| q.tags.iter().any(|t| t == tag)), "{tag}");
        }
    }
}
