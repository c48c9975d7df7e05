//! Candidate generation: which records are worth scoring precisely.
//!
//! Each query name token is a *signal* (its exact key plus typo and skeleton neighbours), and so
//! is the date of birth; a document number forces its records in. Every signal's postings are
//! set into a bitset over record ids (1 M records = 122 KiB, so the random writes stay in the
//! CPU cache), and a carry-save pass over the words finds the records hitting at least two
//! signals (one when the query has a single signal, or when two found too little). Candidates
//! are ranked by the inverse frequency of what they hit, read from the same bitsets, and the
//! best go on to the precise scorer, which is the first to touch record data.

use std::cell::RefCell;

use super::postings::{DATE_FULL, DATE_Y, DATE_Y_ONLY, DATE_YM, DATE_YM_ONLY};
use super::vocab::deletions;
use super::{PersonIndex, hash_str};
use crate::record::{PartialDate, pack_date};
use crate::score::{MAX_Q, QueryToken};

/// Bit of token `i`'s exact key in a record's hit mask; its typo neighbours use bit `i + 12`.
const FUZZY_SHIFT: u32 = 12;
/// Hit-mask bit of the date of birth.
pub(crate) const DATE_BIT: u32 = 1 << 24;
/// Hit-mask bit of the document number.
pub(crate) const DOC_BIT: u32 = 1 << 25;
/// Bitset slot of the date signal (tokens use `2i` for exact, `2i + 1` for typo neighbours).
const DATE_SET: usize = 2 * MAX_Q;

/// Per-thread scratch bitsets, one per token kind and one for the date, reused across queries.
#[derive(Debug, Default)]
struct Scratch {
    sets: Vec<Vec<u64>>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// One signal: the bitset slots that make it up.
#[derive(Debug, Clone, Copy)]
struct Signal {
    /// Bitset slot of the exact key (or of the date).
    exact: usize,
    /// Bitset slot of the typo neighbours, if any.
    fuzzy: Option<usize>,
}

/// The outcome of candidate generation.
#[derive(Debug, Default)]
pub(crate) struct Generated {
    /// Record ids with their hit masks.
    pub hits: Vec<(u32, u32)>,
    /// Weight of a hit on each query token: `(exact key, typo neighbours only)`, from the
    /// inverse frequency of the records each reaches.
    pub idf: Vec<(f32, f32)>,
    /// Whether a later widening to single hits could still find more.
    pub can_widen: bool,
    /// Postings entries set into bitsets.
    pub touched: usize,
    /// Whether this generation accepted single hits.
    pub widened: bool,
}

/// The date keys whose records a query date tolerates (exact, swapped, ±1 year, partial).
fn query_date_keys(date: PartialDate) -> Vec<u32> {
    let p = |y: i32, m: Option<u8>, d: Option<u8>| {
        pack_date(Some(PartialDate {
            year: y,
            month: m,
            day: d,
        }))
    };
    let y = date.year;
    let mut out = Vec::new();
    for yy in [y - 1, y, y + 1] {
        match (date.month, date.day) {
            (Some(m), Some(d)) => {
                out.push(DATE_FULL | p(yy, Some(m), Some(d)));
                out.push(DATE_YM_ONLY | p(yy, Some(m), None));
                out.push(DATE_Y_ONLY | p(yy, None, None));
                if yy == y && d <= 12 && d != m {
                    out.push(DATE_FULL | p(yy, Some(d), Some(m)));
                }
            }
            (Some(m), None) => {
                out.push(DATE_YM | p(yy, Some(m), None));
                out.push(DATE_Y_ONLY | p(yy, None, None));
            }
            _ => out.push(DATE_Y | p(yy, None, None)),
        }
    }
    out
}

impl PersonIndex {
    /// The key ids a query token reaches: its exact key first (if indexed), then typo neighbours
    /// (one deletion on either side) and, for Persian/Arabic script, keys of the same skeleton.
    fn token_keys(&self, token: &QueryToken) -> (Option<u32>, Vec<u32>) {
        let exact = self.key_ids.get(token.key.as_str()).copied();
        let mut fuzzy: Vec<u32> = Vec::new();
        let mut add = |ids: Option<&Vec<u32>>| fuzzy.extend(ids.into_iter().flatten().copied());
        // Keys of one to three letters are common words of the key alphabet (li, ali, vaN):
        // typo neighbours of them would pull in unrelated names by the ten thousand.
        if token.key.len() >= 4 {
            add(self.typo.get(&hash_str(&token.key)));
            for d in deletions(&token.key) {
                add(self.typo.get(&hash_str(&d)));
            }
        }
        if token.abjad {
            for sk in &token.skeletons {
                if !sk.is_empty() {
                    add(self.skeletons.get(&hash_str(sk)));
                }
            }
        }
        fuzzy.sort_unstable();
        fuzzy.dedup();
        fuzzy.retain(|k| Some(*k) != exact);
        (exact, fuzzy)
    }

    /// Generates candidates; `widen` accepts a single hit even when there are two signals.
    pub(crate) fn generate(
        &self,
        tokens: &[QueryToken],
        date: Option<PartialDate>,
        document: Option<&str>,
        limit: usize,
        widen: bool,
    ) -> Generated {
        SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            self.generate_in(&mut scratch, tokens, date, document, limit, widen)
        })
    }

    fn generate_in(
        &self,
        scratch: &mut Scratch,
        tokens: &[QueryToken],
        date: Option<PartialDate>,
        document: Option<&str>,
        limit: usize,
        widen: bool,
    ) -> Generated {
        let words = self.records.len().div_ceil(64);
        if scratch.sets.len() < DATE_SET + 1 {
            scratch.sets.resize_with(DATE_SET + 1, Vec::new);
        }
        let total = self.records.len().max(1) as f32;
        let mut idf = vec![(0.0f32, 0.0f32); tokens.len()];
        let mut signals: Vec<Signal> = Vec::new();
        let mut touched = 0usize;
        let mut fill =
            |slot: usize, lists: &mut dyn Iterator<Item = &[u32]>, sets: &mut Vec<Vec<u64>>| {
                let set = &mut sets[slot];
                set.clear();
                set.resize(words, 0);
                for list in lists {
                    touched += list.len();
                    for &rid in list {
                        if let Some(w) = set.get_mut((rid >> 6) as usize) {
                            *w |= 1 << (rid & 63);
                        }
                    }
                }
            };
        for (i, token) in tokens.iter().enumerate().take(MAX_Q) {
            // Initials are too broad to walk; a key already seen (a patronymic equal to the
            // given name) must not count as a second hit.
            if token.latin.len() < 2 || tokens[..i].iter().any(|t| t.key == token.key) {
                continue;
            }
            let (exact, fuzzy) = self.token_keys(token);
            let postings = |k: &u32| {
                self.keys
                    .get(*k as usize)
                    .map_or(&[][..], |e| e.postings.as_slice())
            };
            let exact_size = exact.iter().map(|k| postings(k).len()).sum::<usize>();
            let fuzzy_size = fuzzy.iter().map(|k| postings(k).len()).sum::<usize>();
            let rarity = |size: usize| (total / (size as f32 + 1.0)).ln().max(0.5);
            // A typo hit is weaker evidence, and as rare as all the keys the typo reaches.
            idf[i] = (rarity(exact_size), 0.6 * rarity(exact_size + fuzzy_size));
            fill(2 * i, &mut exact.iter().map(postings), &mut scratch.sets);
            let fuzzy_slot = (!fuzzy.is_empty()).then_some(2 * i + 1);
            if let Some(slot) = fuzzy_slot {
                fill(slot, &mut fuzzy.iter().map(postings), &mut scratch.sets);
            }
            signals.push(Signal {
                exact: 2 * i,
                fuzzy: fuzzy_slot,
            });
        }
        if let Some(d) = date {
            let keys = query_date_keys(d);
            fill(
                DATE_SET,
                &mut keys
                    .iter()
                    .map(|k| self.dates.get(k).map_or(&[][..], Vec::as_slice)),
                &mut scratch.sets,
            );
            signals.push(Signal {
                exact: DATE_SET,
                fuzzy: None,
            });
        }
        let sets = &scratch.sets;
        let mut need = if signals.len() >= 2 && !widen { 2 } else { 1 };
        let mut hits = self.collect(sets, &signals, tokens.len(), need, words);
        if need == 2 && hits.len() < limit {
            need = 1;
            hits = self.collect(sets, &signals, tokens.len(), need, words);
        }
        if let Some(folded) = document
            && let Some(rids) = self.documents.get(&hash_str(folded))
        {
            for &rid in rids {
                match hits.iter_mut().find(|h| h.0 == rid) {
                    Some(h) => h.1 |= DOC_BIT,
                    None => hits.push((
                        rid,
                        DOC_BIT | self.mask_of(sets, &signals, tokens.len(), rid),
                    )),
                }
            }
        }
        Generated {
            hits,
            idf,
            can_widen: need == 2,
            touched,
            widened: need == 1 && signals.len() >= 2,
        }
    }

    /// The hit mask of one record, read from the signal bitsets.
    fn mask_of(&self, sets: &[Vec<u64>], signals: &[Signal], _n: usize, rid: u32) -> u32 {
        let (w, bit) = ((rid >> 6) as usize, 1u64 << (rid & 63));
        let has = |slot: usize| sets[slot].get(w).is_some_and(|x| x & bit != 0);
        let mut mask = 0;
        for sig in signals {
            if sig.exact == DATE_SET {
                if has(DATE_SET) {
                    mask |= DATE_BIT;
                }
                continue;
            }
            let i = (sig.exact / 2) as u32;
            if has(sig.exact) {
                mask |= 1 << i;
            }
            if sig.fuzzy.is_some_and(has) {
                mask |= 1 << (i + FUZZY_SHIFT);
            }
        }
        mask
    }

    /// Records hitting at least `need` signals, with their hit masks.
    fn collect(
        &self,
        sets: &[Vec<u64>],
        signals: &[Signal],
        n: usize,
        need: usize,
        words: usize,
    ) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for w in 0..words {
            let (mut ones, mut twos) = (0u64, 0u64);
            for sig in signals {
                let x = sets[sig.exact][w] | sig.fuzzy.map_or(0, |f| sets[f][w]);
                twos |= ones & x;
                ones |= x;
            }
            let mut found = if need >= 2 { twos } else { ones };
            while found != 0 {
                let rid = (w as u32) * 64 + found.trailing_zeros();
                found &= found - 1;
                out.push((rid, self.mask_of(sets, signals, n, rid)));
            }
        }
        out
    }
}

/// The pre-score of a hit mask: what the record hit, weighted by rarity.
pub(crate) fn prescore(bits: u32, idf: &[(f32, f32)]) -> f32 {
    let mut score = 0.0;
    for (i, (exact, fuzzy)) in idf.iter().enumerate() {
        if bits & (1 << i) != 0 {
            score += exact;
        } else if bits & (1 << (i as u32 + FUZZY_SHIFT)) != 0 {
            score += fuzzy;
        }
    }
    if bits & DATE_BIT != 0 {
        score += 4.0;
    }
    if bits & DOC_BIT != 0 {
        score += 50.0;
    }
    score
}
