//! Scoring rules: token similarity, the best pairing of query tokens with a name variant's
//! tokens, date tolerance, nationality, documents, and how the fields combine into one score.

mod combine;
mod fields;
mod pairing;

pub(crate) use combine::{combine, evidence_factor};
pub(crate) use fields::{date_evidence, document_match};
pub(crate) use pairing::{MAX_Q, MAX_SLOTS, Pairing, SimMatrix, Slot, pair};

use crate::explain::MatchKind;
use crate::jw::jaro_winkler;
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

#[cfg(test)]
mod tests;
