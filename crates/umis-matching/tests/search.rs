//! End-to-end search over a synthetic population: recall on generated queries and the named
//! cases of the issue (cross-script, MRZ, swapped order, typos, OCR-misread documents).

use umis_matching::synth::{SynthPerson, population, queries};
use umis_matching::{
    DateMatch, DocumentMatch, MatchKind, NameVariant, PersonIndex, PersonRecord, Query, SearchError,
};

const ELCHIN: i64 = 1;
const MAHMUDOV: i64 = 2;

fn name(surname: &str, given: &str, patronymic: Option<&str>) -> NameVariant {
    NameVariant {
        surname: surname.into(),
        given_names: Some(given.into()),
        patronymic: patronymic.map(Into::into),
    }
}

/// 20,000 synthetic persons plus the two persons of the named cases.
fn index() -> (PersonIndex, Vec<SynthPerson>) {
    let people = population(20_000, 11);
    let mut index = PersonIndex::new();
    for p in &people {
        index.upsert(&p.record).expect("synthetic person");
    }
    index
        .upsert(&PersonRecord {
            person_id: ELCHIN,
            external_id: Some("EXT-1".into()),
            names: vec![
                name("Məmmədov", "Elçin", Some("Əli oğlu")),
                name("MAMMADOV", "ELCIN", None),
            ],
            birth_date: "1980-05-12".parse().ok(),
            nationalities: vec!["AZE".into()],
            documents: vec!["C01234567".into()],
        })
        .expect("Elçin");
    index
        .upsert(&PersonRecord {
            person_id: MAHMUDOV,
            names: vec![name("Mahmudov", "Elçin", Some("Vaqif oğlu"))],
            birth_date: "1980-05-12".parse().ok(),
            nationalities: vec!["AZE".into()],
            ..PersonRecord::default()
        })
        .expect("Mahmudov");
    (index, people)
}

fn query(name: &str, birth_date: Option<&str>) -> Query {
    Query {
        name: Some(name.into()),
        birth_date: birth_date.map(Into::into),
        limit: 10,
        ..Query::default()
    }
}

fn rank(index: &PersonIndex, q: &Query, person: i64) -> Option<usize> {
    index
        .search(q)
        .expect("valid query")
        .iter()
        .position(|c| c.person_id == person)
}

#[test]
fn recall_and_named_cases() {
    let (index, people) = index();
    assert_eq!(index.len(), 20_002);

    // Recall on generated queries (timings belong to the benchmark, not here).
    let qs = queries(&people, 300, 11);
    let found = qs
        .iter()
        .filter(|q| rank(&index, &q.query, q.person_id).is_some_and(|r| r < 10))
        .count();
    let recall = found as f64 / qs.len() as f64;
    assert!(recall >= 0.95, "recall@10 = {recall}");

    // One person across scripts, spellings and orders, with the date of birth.
    let date = Some("1980-05-12");
    for text in [
        "MAMEDOV ELCHIN",
        "Мамедов Эльчин",
        "Elchin Mammadov",
        "Mamamdov Elchin",
        "MAMMADOV<<ELCIN",
        "Мамедов Эльчин Алиевич",
        "Məmmədov Elçin Əli oğlu",
    ] {
        let hits = index.search(&query(text, date)).unwrap();
        assert_eq!(hits[0].person_id, ELCHIN, "{text}");
        assert!(hits[0].score >= umis_matching::REFER_THRESHOLD, "{text}");
        assert_eq!(hits[0].explanation.birth_date, Some(DateMatch::Exact));
        let below = hits.iter().position(|c| c.person_id == MAHMUDOV);
        if let Some(at) = below {
            assert!(at > 0 && hits[at].score < hits[0].score, "{text}");
        }
    }
    // The swapped order is explained as such; the typo as fuzzy.
    let swapped = index.search(&query("Elchin Mammadov", date)).unwrap();
    let name_match = swapped[0].explanation.name.as_ref().unwrap();
    assert!(name_match.order_swapped);
    assert_eq!(name_match.kind, MatchKind::Exact);
    let typo = index.search(&query("Mamamdov Elchin", date)).unwrap();
    assert!(typo[0].explanation.name.as_ref().unwrap().kind <= MatchKind::Phonetic);
    // Without a date the right person still comes before the similar name.
    let hits = index.search(&query("MAMEDOV ELCHIN", None)).unwrap();
    let elchin = hits.iter().position(|c| c.person_id == ELCHIN).unwrap();
    if let Some(other) = hits.iter().position(|c| c.person_id == MAHMUDOV) {
        assert!(other > elchin);
    }

    // Dates with tolerance.
    for (d, want) in [
        ("1980-12-05", DateMatch::DayMonthSwapped),
        ("1981-05-12", DateMatch::YearOffByOne),
        ("1980-05", DateMatch::YearMonth),
        ("1980", DateMatch::YearOnly),
    ] {
        let hits = index.search(&query("Mamedov Elchin", Some(d))).unwrap();
        let c = hits.iter().find(|c| c.person_id == ELCHIN).unwrap();
        assert_eq!(c.explanation.birth_date, Some(want), "{d}");
    }

    // A name alone, or with only a year of birth, fits every namesake born then: ranked first,
    // but not enough to refer; a full date of birth is.
    for d in [None, Some("1980")] {
        let hits = index.search(&query("Mammadov Elchin", d)).unwrap();
        assert_eq!(hits[0].person_id, ELCHIN, "{d:?}");
        assert!(
            hits[0].score < umis_matching::REFER_THRESHOLD && hits[0].score > 0.75,
            "{d:?}: {}",
            hits[0].score
        );
    }
    let full = index
        .search(&query("Mammadov Elchin", Some("1980-05-12")))
        .unwrap();
    assert!(full[0].score >= umis_matching::REFER_THRESHOLD);

    // A document number alone, misread by OCR (O for 0, I for 1), finds the person.
    let by_document = Query {
        document_number: Some("CO I234567".into()),
        limit: 5,
        ..Query::default()
    };
    let hits = index.search(&by_document).unwrap();
    assert_eq!(hits[0].person_id, ELCHIN);
    assert_eq!(hits[0].external_id.as_deref(), Some("EXT-1"));
    assert_eq!(
        hits[0].explanation.document,
        Some(DocumentMatch::OcrConfusable)
    );
    assert!(hits[0].score >= umis_matching::REFER_THRESHOLD);
    let json = serde_json::to_value(&hits[0]).unwrap();
    assert_eq!(json["explanation"]["document"], "ocr_confusable");
}

#[test]
fn updates_and_removals_stay_in_step() {
    let mut index = PersonIndex::new();
    let mut record = PersonRecord {
        person_id: 7,
        names: vec![name("Quliyev", "Rəşad", None)],
        documents: vec!["C7654321".into()],
        ..PersonRecord::default()
    };
    index.upsert(&record).unwrap();
    assert_eq!(rank(&index, &query("Guliyev Rashad", None), 7), Some(0));
    record.names = vec![name("Həsənov", "Rəşad", None)];
    index.upsert(&record).unwrap();
    assert_eq!(index.len(), 1);
    assert_eq!(rank(&index, &query("Gasanov Rashad", None), 7), Some(0));
    let old = index.search(&query("Quliyev Rəşad", None)).unwrap();
    assert!(old.iter().all(|c| c.score < 0.85), "the old name is gone");
    assert!(index.remove(7));
    assert!(!index.remove(7));
    assert!(
        index
            .search(&query("Həsənov Rəşad", None))
            .unwrap()
            .is_empty()
    );
    assert!(index.garbage_entries() > 0);
}

#[test]
fn bad_input_is_refused_with_a_reason() {
    let index = PersonIndex::new();
    let err = |q: Query| index.search(&q).unwrap_err();
    assert_eq!(
        err(Query {
            limit: 10,
            ..Query::default()
        }),
        SearchError::EmptyQuery
    );
    let blank = Query {
        name: Some("   ".into()),
        limit: 10,
        ..Query::default()
    };
    assert_eq!(err(blank), SearchError::EmptyQuery);
    assert!(matches!(
        err(query(&"a".repeat(201), None)),
        SearchError::TooLong { field: "name", .. }
    ));
    assert_eq!(err(query("123 <<<", None)), SearchError::UnreadableName);
    assert!(matches!(
        err(query(&"ab ".repeat(15), None)),
        SearchError::TooManyNameTokens { .. }
    ));
    assert_eq!(
        err(query("Ali", Some("1980-13-01"))),
        SearchError::InvalidBirthDate
    );
    let nat = Query {
        nationality: Some("AZERB".into()),
        limit: 10,
        ..Query::default()
    };
    assert_eq!(err(nat), SearchError::InvalidNationality);
    let only_nat = Query {
        nationality: Some("AZE".into()),
        limit: 10,
        ..Query::default()
    };
    assert_eq!(err(only_nat), SearchError::TooBroad);
    let doc = Query {
        document_number: Some("--".into()),
        limit: 10,
        ..Query::default()
    };
    assert_eq!(err(doc), SearchError::InvalidDocumentNumber);
    assert!(matches!(
        err(Query {
            limit: 0,
            ..query("Ali", None)
        }),
        SearchError::InvalidLimit { .. }
    ));
    // Odd but valid input never panics.
    for text in ["ə", "Ali-", "'''", "王伟", "A B C D", "ﷺ", "\u{200D}Əli"] {
        let _ = index.search(&query(text, None));
    }
    let mut index = index;
    let empty = PersonRecord {
        person_id: 1,
        ..PersonRecord::default()
    };
    assert!(matches!(
        index.upsert(&empty),
        Err(SearchError::InvalidNames { .. })
    ));
    let long = PersonRecord {
        person_id: 1,
        names: vec![name(&"x".repeat(300), "A", None)],
        ..PersonRecord::default()
    };
    assert!(matches!(
        index.upsert(&long),
        Err(SearchError::TooLong { .. })
    ));
    assert!(index.is_empty());
    // Debug output never carries names.
    index
        .upsert(&PersonRecord {
            person_id: 9,
            names: vec![name("Məmmədov", "Elçin", None)],
            ..PersonRecord::default()
        })
        .expect("valid person");
    let shown = format!("{index:?} {:?}", index.search(&query("Elçin", None)));
    assert!(
        !shown.contains("mammadov") && !shown.contains("elchin"),
        "{shown}"
    );
}
