//! Scoring rules: token similarity, the best pairing of query tokens with a name variant's
//! tokens, date tolerance, nationality, documents, and how the fields combine into one score.

use crate::explain::{DateMatch, DocumentMatch, MatchKind, NationalityMatch};
use crate::jw::jaro_winkler;
use crate::record::PartialDate;
use crate::text::{NameRole, skeleton, skeleton_without_v};

/// How much the distance from a perfect Jaro–Winkler score is stretched for fuzzy matches.
const FUZZY_STRETCH: f32 = 2.5;
/// Below this a stretched fuzzy similarity counts as no match at all (Jaro–Winkler below
/// 0.72: unrelated names).
const MIN_FUZZY: f32 = 0.3;
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
    /// A particle that may be a name: costs little when the record lacks it.
    pub optional: bool,
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
            optional: token.optional,
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
        // Without v the skeletons of -ov surnames and Persian -i names meet (Rahimov, رحیمی):
        // weaker evidence than the full skeleton.
        if !sk.is_empty() && q.skeletons[0] == sk {
            return (MatchKind::Skeleton, 0.9);
        }
        if !skv.is_empty() && q.skeletons[1] == skv {
            return (MatchKind::Skeleton, 0.8);
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
    let mut jw = jaro_winkler(q.latin.as_bytes(), latin.as_bytes())
        .max(jaro_winkler(q.key.as_bytes(), key.as_bytes()) - 0.03);
    if q.abjad || abjad {
        jw = jw.max(jaro_winkler(q.skeletons[0].as_bytes(), skeleton(key).as_bytes()) - 0.1);
    }
    // Jaro–Winkler is lenient: different names of one language score 0.7–0.85 (Farid/Fikrat
    // 0.74, Tatiana/Elena 0.79), one typo 0.93–0.97. Stretch the scale so that only typos
    // stay close to 1.
    let sim = 1.0 - FUZZY_STRETCH * (1.0 - jw);
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
/// query patronymic the record cannot have (it records none) or an optional particle a quarter.
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
            let q = &queries[qi];
            if pairs[qi].is_none() && (q.optional || (q.patronymic && !has_patronymic)) {
                0.25
            } else {
                1.0
            }
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
    let similarity = if denominator > 0.0 {
        (2.0 * total / denominator).min(1.0)
    } else {
        0.0
    };
    let mut last: Option<u8> = None;
    let mut order_swapped = false;
    for p in pairs.iter().take(n).flatten() {
        order_swapped |= last.is_some_and(|l| l > *p);
        last = Some(*p);
    }
    Pairing {
        similarity,
        pairs,
        order_swapped,
    }
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
        DateMatch::YearMonth => 0.9,
        DateMatch::YearOnly => 0.8,
        DateMatch::DayMonthSwapped => 0.85,
        DateMatch::YearOffByOne => 0.75,
        DateMatch::Unknown => 0.5,
        DateMatch::Mismatch => 0.0,
    }
}

/// A date comparison and how much it supports a match: a year apart is fair evidence between
/// two full dates with the same day and month (a typo in the year), weak when either date is
/// partial (any namesake born the year before or after).
pub(crate) fn date_evidence(query: PartialDate, record: Option<PartialDate>) -> (DateMatch, f32) {
    let m = date_match(query, record);
    let precise = query.day.is_some() && record.is_some_and(|r| r.day.is_some());
    let score = match m {
        DateMatch::YearOffByOne if !precise => 0.4,
        _ => date_score(m),
    };
    (m, score)
}

/// How sure a match can be, given the evidence beyond the name. A name with a matching full
/// date of birth, or a matching document, can identify one person; a name with only a year or
/// a month of birth in common (either side partial), or no date at all, fits every namesake
/// born then, so such a match stays below the refer threshold however well the name matches.
pub(crate) fn evidence_factor(
    date: Option<(DateMatch, f32)>,
    document: Option<DocumentMatch>,
) -> f32 {
    if matches!(
        document,
        Some(DocumentMatch::Exact | DocumentMatch::OcrConfusable)
    ) {
        return 1.0;
    }
    match date {
        None | Some((DateMatch::Unknown, _)) => 0.84,
        Some((DateMatch::YearOnly, _)) => 0.88,
        Some((DateMatch::YearOffByOne, evidence)) if evidence < 0.5 => 0.88,
        Some((DateMatch::YearMonth, _)) => 0.9,
        Some(_) => 1.0,
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
/// fields the query gave. Weights: name 0.6; date 0.25 (a record without a date counts 0.6 of
/// it, so a namesake of unknown birth date still refers but ranks below a matching date);
/// nationality 0.05 (unknown: half); a matching document 0.4 but a different one only 0.1
/// (people change passports), and a person with no recorded document half of 0.1, so missing
/// data never outranks matching data.
pub(crate) fn combine(
    name: Option<f32>,
    date: Option<(DateMatch, f32)>,
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
        Some((DateMatch::Unknown, _)) => add(0.25, 0.6),
        Some((_, evidence)) => add(0.25, evidence),
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
