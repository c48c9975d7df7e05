//! Table tests of the scoring rules.

use super::fields::{date_match, date_score};
use super::*;
use crate::explain::{DateMatch, DocumentMatch, NationalityMatch};
use crate::record::PartialDate;
use crate::text::{query_tokens, record_tokens};

fn date(s: &str) -> PartialDate {
    s.parse().unwrap()
}

#[test]
fn date_tolerances() {
    let cases = [
        ("1980-05-12", Some("1980-05-12"), DateMatch::Exact),
        ("1980-05", Some("1980-05-12"), DateMatch::YearMonth),
        ("1980-05-12", Some("1980-05"), DateMatch::YearMonth),
        ("1980", Some("1980-05-12"), DateMatch::YearOnly),
        ("1980-05-12", Some("1980"), DateMatch::YearOnly),
        ("1980-12-05", Some("1980-05-12"), DateMatch::DayMonthSwapped),
        ("1981-05-12", Some("1980-05-12"), DateMatch::YearOffByOne),
        ("1979", Some("1980-05-12"), DateMatch::YearOffByOne),
        ("1981-06-12", Some("1980-05-12"), DateMatch::Mismatch),
        ("1980-05-13", Some("1980-05-12"), DateMatch::Mismatch),
        ("1980-06", Some("1980-05-12"), DateMatch::Mismatch),
        ("1982-05-12", Some("1980-05-12"), DateMatch::Mismatch),
        ("1980-05-12", None, DateMatch::Unknown),
    ];
    for (q, r, want) in cases {
        let got = date_match(date(q), r.map(date));
        assert_eq!(got, want, "{q} vs {r:?}");
        let json = serde_json::to_value(got).unwrap();
        assert_eq!(json.as_str(), Some(got.as_str()));
    }
}

#[test]
fn documents_fold_ocr_confusions() {
    let record = ["C01234567", "AB1234"];
    let check = |q: &str| {
        let cleaned = crate::record::clean_document(q);
        let folded = umis_domain::person::fold_document_number(&cleaned);
        document_match(&cleaned, &folded, record.iter().copied())
    };
    assert_eq!(check("c0123-4567"), DocumentMatch::Exact);
    assert_eq!(check("CO1234567"), DocumentMatch::OcrConfusable);
    assert_eq!(check("C0I2345G7"), DocumentMatch::OcrConfusable);
    assert_eq!(check("A81234"), DocumentMatch::OcrConfusable);
    assert_eq!(check("C01234568"), DocumentMatch::Mismatch);
    let none: [&str; 0] = [];
    assert_eq!(
        document_match("X", "X", none.iter().copied()),
        DocumentMatch::Unknown
    );
}

fn name_sim(query: &str, surname: &str, given: &str, patronymic: Option<&str>) -> Pairing {
    let qs: Vec<QueryToken> = query_tokens(query).iter().map(QueryToken::new).collect();
    let rec = record_tokens(surname, Some(given), patronymic);
    let mut sims: SimMatrix = [[0.0; MAX_SLOTS]; MAX_Q];
    for (qi, q) in qs.iter().enumerate() {
        for (si, r) in rec.iter().enumerate() {
            sims[qi][si] = token_similarity(q, &r.latin, &r.key, r.abjad).1;
        }
    }
    let slots: Vec<Slot> = rec.iter().map(|r| Slot { role: r.role }).collect();
    pair(&sims, &slots, &qs)
}

#[test]
fn token_kinds() {
    let q = QueryToken::new(&query_tokens("Mamedov")[0]);
    assert_eq!(
        token_similarity(&q, "mamedov", "x", false).0,
        MatchKind::Exact
    );
    let r = &record_tokens("Məmmədov", None, None)[0];
    let (kind, sim) = token_similarity(&q, &r.latin, &r.key, false);
    assert_eq!(kind, MatchKind::Phonetic);
    assert!(sim > 0.93 && sim < 1.0);
    let r = &record_tokens("Mahmudov", None, None)[0];
    let (kind, sim) = token_similarity(&q, &r.latin, &r.key, false);
    assert_eq!(kind, MatchKind::Fuzzy);
    assert!(sim < 0.92);
    let r = &record_tokens("Zhang", None, None)[0];
    assert_eq!(
        token_similarity(&q, &r.latin, &r.key, false).0,
        MatchKind::None
    );
    let e = QueryToken::new(&query_tokens("E")[0]);
    assert_eq!(
        token_similarity(&e, "elchin", "aljin", false).0,
        MatchKind::Initial
    );
}

#[test]
fn names_pair_in_any_order() {
    let straight = name_sim("Mamedov Elchin", "Məmmədov", "Elçin", Some("Əli oğlu"));
    let swapped = name_sim("Elchin Mamedov", "Məmmədov", "Elçin", Some("Əli oğlu"));
    assert!(straight.similarity > 0.95, "{}", straight.similarity);
    assert!((straight.similarity - swapped.similarity).abs() < 1e-6);
    assert!(!straight.order_swapped);
    assert!(swapped.order_swapped);
    let other = name_sim("Mamedov Elchin", "Mahmudov", "Elçin", None);
    assert!(other.similarity < straight.similarity - 0.03);
    // A patronymic the record does not have costs little; a missing given name costs a lot.
    let extra = name_sim("Mamedov Elchin Alievich", "Məmmədov", "Elçin", None);
    assert!(extra.similarity > 0.9, "{}", extra.similarity);
    let surname_only = name_sim("Mamedov", "Məmmədov", "Elçin", None);
    assert!(surname_only.similarity < 0.7);
}

fn d(m: DateMatch) -> Option<(DateMatch, f32)> {
    Some((m, date_score(m)))
}

#[test]
fn fields_combine() {
    let exact = combine(Some(1.0), d(DateMatch::Exact), None, None);
    assert!((exact - 1.0).abs() < 1e-6);
    let wrong_date = combine(Some(1.0), d(DateMatch::Mismatch), None, None);
    assert!(wrong_date < crate::REFER_THRESHOLD);
    let variant = combine(
        Some(0.96),
        d(DateMatch::Exact),
        Some(NationalityMatch::Match),
        None,
    );
    assert!(variant > crate::REFER_THRESHOLD);
    let new_passport = combine(
        Some(1.0),
        d(DateMatch::Exact),
        None,
        Some(DocumentMatch::Mismatch),
    );
    assert!(new_passport > crate::REFER_THRESHOLD);
    let ocr_only = combine(None, None, None, Some(DocumentMatch::OcrConfusable));
    assert!(ocr_only > crate::REFER_THRESHOLD);
    assert_eq!(combine(None, None, None, None), 0.0);
    // Missing data never beats matching data.
    let no_doc = combine(Some(1.0), None, None, Some(DocumentMatch::Unknown));
    let ocr = combine(Some(1.0), None, None, Some(DocumentMatch::OcrConfusable));
    assert!(ocr > no_doc);
    let no_date = combine(Some(1.0), d(DateMatch::Unknown), None, None);
    let off = combine(Some(1.0), d(DateMatch::YearOffByOne), None, None);
    assert!(off > no_date);
    // A year apart refers between full dates, not when either side is partial.
    let full = date_evidence(date("1981-05-12"), Some(date("1980-05-12")));
    let partial = date_evidence(date("1981"), Some(date("1980-05-12")));
    assert_eq!(full.0, partial.0);
    assert!(combine(Some(1.0), Some(full), None, None) > crate::REFER_THRESHOLD);
    assert!(combine(Some(1.0), Some(partial), None, None) < crate::REFER_THRESHOLD);
}

#[test]
fn only_a_full_date_or_a_document_lets_a_name_refer() {
    let exact = |m: DateMatch| Some((m, date_score(m)));
    for (date, document, factor) in [
        (exact(DateMatch::Exact), None, 1.0),
        (exact(DateMatch::DayMonthSwapped), None, 1.0),
        (Some((DateMatch::YearOffByOne, 0.75)), None, 1.0),
        (Some((DateMatch::YearOffByOne, 0.4)), None, 0.88),
        (exact(DateMatch::YearMonth), None, 0.9),
        (exact(DateMatch::YearOnly), None, 0.88),
        (exact(DateMatch::Unknown), None, 0.84),
        (None, None, 0.84),
        (None, Some(DocumentMatch::Mismatch), 0.84),
        (None, Some(DocumentMatch::Exact), 1.0),
        (
            exact(DateMatch::YearOnly),
            Some(DocumentMatch::OcrConfusable),
            1.0,
        ),
    ] {
        assert_eq!(
            evidence_factor(date, document),
            factor,
            "{date:?} {document:?}"
        );
    }
    // An exact name with only a year of birth in common, or none, does not refer.
    for date in [exact(DateMatch::YearOnly), exact(DateMatch::Unknown), None] {
        let score = combine(Some(1.0), date, None, None) * evidence_factor(date, None);
        assert!(score < crate::REFER_THRESHOLD, "{date:?}: {score}");
    }
}
