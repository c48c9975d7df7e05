//! The best pairing of query tokens with the tokens of one name variant, scored as a Dice
//! coefficient with lighter costs for parts a record or a query may lack.

use super::QueryToken;
use crate::text::NameRole;

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
