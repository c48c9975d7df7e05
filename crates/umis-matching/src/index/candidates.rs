//! Candidate generation: which records are worth scoring precisely.
//!
//! Each query name token is a *signal* (its exact key plus typo and skeleton neighbours), and so
//! is the date of birth; a document number forces its records in. With two or more signals a
//! candidate must hit at least two of them, so it suffices to walk the postings of all signals
//! but the largest (pigeonhole) and test the largest by looking at the record's own keys. When
//! that yields too little, the largest signal is walked too and one hit is enough. Candidates are
//! then ranked by the inverse frequency of what they hit and the best few thousand go on to the
//! precise scorer.

use std::cell::RefCell;

use super::build::{DATE_FULL, DATE_Y, DATE_Y_ONLY, DATE_YM, DATE_YM_ONLY, deletions};
use super::{PersonIndex, hash_str};
use crate::explain::DateMatch;
use crate::record::{PartialDate, pack_date};
use crate::score::{QueryToken, date_match};

/// Bit of token `i`'s exact key in a record's hit mask; its typo neighbours use bit `i + 12`.
const FUZZY_SHIFT: u32 = 12;
/// Hit-mask bit of the date of birth.
pub(crate) const DATE_BIT: u32 = 1 << 24;
/// Hit-mask bit of the document number.
pub(crate) const DOC_BIT: u32 = 1 << 25;
/// Largest total posting size walked to widen a search that found too little.
const WIDEN_BUDGET: usize = 600_000;

/// Per-thread scratch space sized to the index: epoch-stamped marks, so nothing is cleared
/// between queries.
#[derive(Debug, Default)]
struct Scratch {
    epoch: u32,
    rec_epoch: Vec<u32>,
    rec_bits: Vec<u32>,
    key_epoch: Vec<u32>,
    key_bits: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// A source of candidates.
#[derive(Debug, Clone)]
struct Signal {
    /// Posting lists: key ids (name tokens) or date keys.
    lists: Vec<u32>,
    is_date: bool,
    size: usize,
}

/// The outcome of candidate generation.
#[derive(Debug, Default)]
pub(crate) struct Generated {
    /// Record ids with their hit masks.
    pub hits: Vec<(u32, u32)>,
    /// Inverse document frequency of each query token's exact key.
    pub idf: Vec<f32>,
    /// Whether a later widening could still find more.
    pub can_widen: bool,
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
        add(self.typo.get(&hash_str(&token.key)));
        if token.key.len() >= 3 {
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

    /// Generates candidates; `widen` walks every signal and accepts a single hit.
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
        s: &mut Scratch,
        tokens: &[QueryToken],
        date: Option<PartialDate>,
        document: Option<&str>,
        limit: usize,
        widen: bool,
    ) -> Generated {
        s.epoch = s.epoch.wrapping_add(1);
        if s.epoch == 0 {
            s.rec_epoch.iter_mut().for_each(|e| *e = 0);
            s.key_epoch.iter_mut().for_each(|e| *e = 0);
            s.epoch = 1;
        }
        let epoch = s.epoch;
        s.rec_epoch.resize(self.records.len(), 0);
        s.rec_bits.resize(self.records.len(), 0);
        s.key_epoch.resize(self.keys.len(), 0);
        s.key_bits.resize(self.keys.len(), 0);

        let total = self.records.len().max(1) as f32;
        let mut signals: Vec<Signal> = Vec::new();
        let mut idf = vec![0.0f32; tokens.len()];
        for (i, token) in tokens.iter().enumerate() {
            if token.latin.len() < 2 {
                continue;
            }
            let (exact, fuzzy) = self.token_keys(token);
            let mut mark = |k: u32, bit: u32| {
                let k = k as usize;
                if s.key_epoch[k] != epoch {
                    s.key_epoch[k] = epoch;
                    s.key_bits[k] = 0;
                }
                s.key_bits[k] |= bit;
            };
            let mut lists = Vec::with_capacity(fuzzy.len() + 1);
            let exact_size = exact.map_or(0, |k| self.keys[k as usize].postings.len());
            if let Some(k) = exact {
                mark(k, 1 << i);
                lists.push(k);
            }
            for &k in &fuzzy {
                mark(k, 1 << (i as u32 + FUZZY_SHIFT));
                lists.push(k);
            }
            idf[i] = (total / (exact_size as f32 + 1.0)).ln().max(0.5);
            let size = lists
                .iter()
                .map(|&k| self.keys[k as usize].postings.len())
                .sum();
            signals.push(Signal {
                lists,
                is_date: false,
                size,
            });
        }
        if let Some(d) = date {
            let lists = query_date_keys(d);
            let size = lists
                .iter()
                .map(|k| self.dates.get(k).map_or(0, Vec::len))
                .sum();
            signals.push(Signal {
                lists,
                is_date: true,
                size,
            });
        }
        signals.sort_by_key(|sig| sig.size);
        let need = if signals.len() >= 2 && !widen { 2 } else { 1 };
        let walked = signals.len() + 1 - need;
        let mut touched: Vec<u32> = Vec::new();
        let mut touch = |rid: u32, bits: u32, s: &mut Scratch| {
            let r = rid as usize;
            if s.rec_epoch[r] != epoch {
                s.rec_epoch[r] = epoch;
                s.rec_bits[r] = 0;
                touched.push(rid);
            }
            s.rec_bits[r] |= bits;
        };
        for sig in signals.iter().take(walked.min(signals.len())) {
            for &list in &sig.lists {
                let postings = if sig.is_date {
                    self.dates.get(&list).map_or(&[][..], Vec::as_slice)
                } else {
                    self.keys[list as usize].postings.as_slice()
                };
                for &rid in postings {
                    touch(rid, 0, s);
                }
            }
        }
        if let Some(folded) = document
            && let Some(rids) = self.documents.get(&hash_str(folded))
        {
            for &rid in rids {
                touch(rid, DOC_BIT, s);
            }
        }
        let mut hits = Vec::with_capacity(touched.len().min(65_536));
        for &rid in &touched {
            let rec = &self.records[rid as usize];
            let mut bits = s.rec_bits[rid as usize];
            for &k in self.keys_of(rec) {
                if s.key_epoch[k as usize] == epoch {
                    bits |= s.key_bits[k as usize];
                }
            }
            if let Some(d) = date
                && !matches!(
                    date_match(d, crate::record::unpack_date(rec.date)),
                    DateMatch::Mismatch | DateMatch::Unknown
                )
            {
                bits |= DATE_BIT;
            }
            s.rec_bits[rid as usize] = bits;
            let token_hits = ((bits | (bits >> FUZZY_SHIFT)) & 0xFFF).count_ones()
                + u32::from(bits & DATE_BIT != 0);
            if token_hits as usize >= need || bits & DOC_BIT != 0 {
                hits.push((rid, bits));
            }
        }
        let unwalked: usize = signals.iter().skip(walked).map(|sig| sig.size).sum();
        let can_widen = need == 2 && unwalked <= WIDEN_BUDGET;
        if !widen && can_widen && hits.len() < limit {
            return self.generate_in(s, tokens, date, document, limit, true);
        }
        Generated {
            hits,
            idf,
            can_widen: can_widen && !widen,
        }
    }
}

/// The pre-score of a hit mask: what the record hit, weighted by rarity.
pub(crate) fn prescore(bits: u32, idf: &[f32]) -> f32 {
    let mut score = 0.0;
    for (i, w) in idf.iter().enumerate() {
        if bits & (1 << i) != 0 {
            score += w;
        } else if bits & (1 << (i as u32 + FUZZY_SHIFT)) != 0 {
            score += 0.6 * w;
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
