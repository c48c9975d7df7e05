//! Scoring rules: token similarity, the best pairing of query tokens with a name variant's
//! tokens, date tolerance, nationality, documents, and how the fields combine into one score.

use crate::explain::{DateMatch, DocumentMatch, MatchKind, NationalityMatch};
use crate::jw::jaro_winkler;
use crate::record::PartialDate;
use crate::text::{NameRole, skeleton, skeleton_without_v};

/// Below this a fuzzy token similarity counts as no match at all (unrelated names score
/// 0.4–0.65 in Jaro–Winkler).
const MIN_FUZZY: f32 = 0.72;
/// The highest similarity a spelling that is neither equal nor phonetically equal can reach.
const MAX_FUZZY: f32 = 0.92;

/// What the scorer knows about a query token.
#[derive(Debug, Clone)]
pub(crate) struct QueryToken {
    /// Normalised Latin form.
    pub latin: String,
    /// Phonetic key.
    pub key: String,
    /// Skeletons of the key (with and without v), for vowel-less scripts.
    pub skeletons: [String; 2],
    /// Written in Arabic/Persian script.
    pub abjad: bool,
    /// Parsed as a patronymic (before oğlu/qızı, or -ovich/-ovna).
    pub patronymic: bool,
}

impl QueryToken {
    /// The scorer's view of an analysed token.
    pub fn new(token: &crate::text::Token) -> QueryToken {
        QueryToken {
            latin: token.latin.clone(),
            key: token.key.clone(),
            skeletons: [skeleton(&token.key), skeleton_without_v(&token.key)],
            abjad: token.abjad,
            patronymic: token.role == NameRole::Patronymic,
        }
    }
}

/// The similarity of a query token and a record token (`latin`, `key`, `abjad`).
pub(crate) fn token_similarity(
    q: &QueryToken,
    latin: &str,
    key: &str,
    abjad: bool,
) -> (MatchKind, f32) {
    if q.latin == latin {
        return (MatchKind::Exact, 1.0);
    }
    if q.key == key {
        let close = jaro_winkler(q.latin.as_bytes(), latin.as_bytes());
        return (MatchKind::Phonetic, 0.93 + 0.05 * close);
    }
    if q.abjad || abjad {
        let (sk, skv) = (skeleton(key), skeleton_without_v(key));
        if !sk.is_empty() && (q.skeletons[0] == sk || q.skeletons[1] == skv) {
            return (MatchKind::Skeleton, 0.9);
        }
    }
    if q.latin.len() == 1 || latin.len() == 1 {
        let initial = q.latin.as_bytes().first() == latin.as_bytes().first();
        return if initial {
            (MatchKind::Initial, 0.8)
        } else {
            (MatchKind::None, 0.0)
        };
    }
    let mut sim = jaro_winkler(q.latin.as_bytes(), latin.as_bytes())
        .max(jaro_winkler(q.key.as_bytes(), key.as_bytes()) - 0.03);
    if q.abjad || abjad {
        sim = sim.max(jaro_winkler(q.skeletons[0].as_bytes(), skeleton(key).as_bytes()) - 0.1);
    }
    if sim < MIN_FUZZY {
        return (MatchKind::None, 0.0);
    }
    (MatchKind::Fuzzy, sim.min(MAX_FUZZY))
}

/// Query tokens a pairing considers (queries are refused beyond
/// [`crate::record::MAX_QUERY_TOKENS`]).
pub(crate) const MAX_Q: usize = 12;
/// Record tokens of one name variant a pairing considers; further tokens are ignored.
pub(crate) const MAX_SLOTS: usize = 16;

/// A query-by-slot similarity matrix on the stack.
pub(crate) type SimMatrix = [[f32; MAX_SLOTS]; MAX_Q];

/// One record token as the pairing sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    /// The token's role in the record's name.
    pub role: NameRole,
}

/// The best pairing of query tokens with one name variant.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Pairing {
    /// Name similarity in `0.0..=1.0`.
    pub similarity: f32,
    /// For each query token, the record slot it was paired with.
    pub pairs: [Option<u8>; MAX_Q],
    /// The query named the parts in another order than the record.
    pub order_swapped: bool,
}

/// Pairs query tokens with record slots greedily by similarity (`sims[q][s]`) and scores the
/// name as a Dice coefficient: 2·Σsim / (query tokens + record tokens), where a record's
/// unpaired patronymic costs nothing, an unpaired second given name or surname half, and a
/// query patronymic the record cannot have (it records none) a quarter.
pub(crate) fn pair(sims: &SimMatrix, slots: &[Slot], queries: &[QueryToken]) -> Pairing {
    let n = queries.len().min(MAX_Q);
    let m = slots.len().min(MAX_SLOTS);
    let mut pairs = [None; MAX_Q];
    let mut used: u32 = 0;
    let mut total = 0.0f32;
    for _ in 0..n.min(m) {
        let mut best: Option<(usize, usize, f32)> = None;
        for (qi, row) in sims.iter().enumerate().take(n) {
            if pairs[qi].is_some() {
                continue;
            }
            for (si, &sim) in row.iter().enumerate().take(m) {
                if used & (1 << si) == 0 && sim > 0.0 && best.is_none_or(|(_, _, b)| sim > b) {
                    best = Some((qi, si, sim));
                }
            }
        }
        let Some((qi, si, sim)) = best else { break };
        pairs[qi] = Some(si as u8);
        used |= 1 << si;
        total += sim;
    }
    let has_patronymic = slots.iter().any(|s| s.role == NameRole::Patronymic);
    let query_weight: f32 = (0..n)
        .map(|qi| {
            if pairs[qi].is_none() && queries[qi].patronymic && !has_patronymic { 0.25 } else { 1.0 }
        })
        .sum();
    let is_used = |si: usize| used & (1 << si) != 0;
    let matched = |role| (0..m).any(|si| is_used(si) && slots[si].role == role);
    let record_weight: f32 = (0..m)
        .map(|si| match (is_used(si), slots[si].role) {
            (true, _) => 1.0,
            (false, NameRole::Patronymic) => 0.0,
            (false, role) if matched(role) => 0.5,
            (false, _) => 1.0,
        })
        .sum();
    let denominator = query_weight + record_weight;
    let similarity = if denominator > 0.0 { (2.0 * total / denominator).min(1.0) } else { 0.0 };
    let mut last: Option<u8> = None;
    let mut order_swapped = false;
    for p in pairs.iter().take(n).flatten() {
        order_swapped |= last.is_some_and(|l| l > *p);
        last = Some(*p);
    }
    Pairing { similarity, pairs, order_swapped }
}

/// Compares a query date with a record's, with the tolerances of real data entry.
pub(crate) fn date_match(query: PartialDate, record: Option<PartialDate>) -> DateMatch {
    let Some(r) = record else {
        return DateMatch::Unknown;
    };
    let conflict = |a: Option<u8>, b: Option<u8>| matches!((a, b), (Some(x), Some(y)) if x != y);
    match (query.year - r.year).abs() {
        0 => match (query.month, r.month) {
            (Some(qm), Some(rm)) if qm == rm => match (query.day, r.day) {
                (Some(qd), Some(rd)) if qd == rd => DateMatch::Exact,
                (Some(_), Some(_)) => DateMatch::Mismatch,
                _ => DateMatch::YearMonth,
            },
            (Some(qm), Some(rm)) => match (query.day, r.day) {
                (Some(qd), Some(rd)) if qm == rd && qd == rm => DateMatch::DayMonthSwapped,
                _ => DateMatch::Mismatch,
            },
            _ => DateMatch::YearOnly,
        },
        1 if !conflict(query.month, r.month) && !conflict(query.day, r.day) => {
            DateMatch::YearOffByOne
        }
        _ => DateMatch::Mismatch,
    }
}

/// How much a date comparison supports a match.
pub(crate) fn date_score(m: DateMatch) -> f32 {
    match m {
        DateMatch::Exact => 1.0,
        DateMatch::YearMonth => 0.95,
        DateMatch::YearOnly => 0.9,
        DateMatch::DayMonthSwapped => 0.85,
        DateMatch::YearOffByOne => 0.8,
        DateMatch::Unknown => 0.5,
        DateMatch::Mismatch => 0.0,
    }
}

/// Compares document numbers: `cleaned` (uppercase alphanumerics) and `folded` (OCR-folded)
/// forms of the query against a record's cleaned numbers.
pub(crate) fn document_match<'a>(
    cleaned: &str,
    folded: &str,
    record: impl Iterator<Item = &'a str>,
) -> DocumentMatch {
    let mut result = DocumentMatch::Unknown;
    for number in record {
        if number == cleaned {
            return DocumentMatch::Exact;
        }
        if umis_domain::person::fold_document_number(number) == folded {
            result = DocumentMatch::OcrConfusable;
        } else if result == DocumentMatch::Unknown {
            result = DocumentMatch::Mismatch;
        }
    }
    result
}

/// Combines the field comparisons into one score in `0.0..=1.0`: a weighted mean over the
/// fields the query gave. Weights: name 0.6, date 0.25, nationality 0.05, a matching document
/// 0.4 but a different one only 0.1 (people change passports). A field the record lacks counts
/// as a half match at a small weight, so a person with no recorded document never outranks one
/// whose document matches.
pub(crate) fn combine(
    name: Option<f32>,
    date: Option<DateMatch>,
    nationality: Option<NationalityMatch>,
    document: Option<DocumentMatch>,
) -> f32 {
    let mut sum = 0.0f32;
    let mut weight = 0.0f32;
    let mut add = |w: f32, v: f32| {
        sum += w * v;
        weight += w;
    };
    if let Some(sim) = name {
        add(0.6, sim);
    }
    match date {
        Some(DateMatch::Unknown) => add(0.1, 0.5),
        Some(m) => add(0.25, date_score(m)),
        None => {}
    }
    match nationality {
        Some(NationalityMatch::Match) => add(0.05, 1.0),
        Some(NationalityMatch::Unknown) => add(0.05, 0.5),
        Some(NationalityMatch::Mismatch) => add(0.05, 0.0),
        None => {}
    }
    match document {
        Some(DocumentMatch::Exact) => add(0.4, 1.0),
        Some(DocumentMatch::OcrConfusable) => add(0.4, 0.92),
        Some(DocumentMatch::Unknown) => add(0.1, 0.5),
        Some(DocumentMatch::Mismatch) => add(0.1, 0.0),
        None => {}
    }
    if weight > 0.0 {
        (sum / weight).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

#[cfg(test)]
#[path = "score_tests.rs"]
mod tests;
