//! Search: query validation, candidate generation, precise scoring with memoised token
//! similarities, and the explanation of each returned candidate.

use super::candidates::{Generated, prescore};
use super::{IdMap, PersonIndex, Rec, token_role, token_variant, token_vocab};
use crate::explain::{
    Candidate, Explanation, MatchKind, NameMatch, NationalityMatch, REFER_THRESHOLD, TokenMatch,
};
use crate::record::{
    MAX_LIMIT, MAX_QUERY_TOKENS, PartialDate, Query, SearchError, check_len, clean_document,
    pack_country, unpack_date,
};
use crate::score::{
    MAX_Q, MAX_SLOTS, Pairing, QueryToken, SimMatrix, Slot, combine, date_evidence, document_match,
    evidence_factor, pair, token_similarity,
};
use crate::text::NameRole;
use crate::text::query_tokens;
use umis_domain::person::fold_document_number;

/// At most this many candidates are scored precisely per round.
const MAX_SCORED: usize = 2_000;

/// A validated query.
#[derive(Debug)]
struct Parsed {
    tokens: Vec<QueryToken>,
    date: Option<PartialDate>,
    nationality: Option<u16>,
    /// Cleaned and OCR-folded document number.
    document: Option<(String, String)>,
    limit: usize,
}

fn present(field: &Option<String>) -> Option<&str> {
    field.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Parsed {
    fn new(q: &Query) -> Result<Parsed, SearchError> {
        let (name, date, nat, doc) = (
            present(&q.name),
            present(&q.birth_date),
            present(&q.nationality),
            present(&q.document_number),
        );
        if name.is_none() && date.is_none() && nat.is_none() && doc.is_none() {
            return Err(SearchError::EmptyQuery);
        }
        if q.limit == 0 || q.limit > MAX_LIMIT {
            return Err(SearchError::InvalidLimit { max: MAX_LIMIT });
        }
        let mut tokens = Vec::new();
        if let Some(name) = name {
            check_len("name", name)?;
            let analysed = query_tokens(name);
            if analysed.is_empty() {
                return Err(SearchError::UnreadableName);
            }
            // The name keys keep at most 12 words of a field: count the words as written.
            let words = umis_domain::names::transliterate(name)
                .split(' ')
                .filter(|w| !w.is_empty())
                .count();
            if analysed.len() > MAX_QUERY_TOKENS || words > MAX_QUERY_TOKENS + 2 {
                return Err(SearchError::TooManyNameTokens {
                    max: MAX_QUERY_TOKENS,
                });
            }
            tokens = analysed.iter().map(QueryToken::new).collect();
        }
        let date = match date {
            Some(d) => {
                check_len("birth_date", d)?;
                Some(
                    d.parse::<PartialDate>()
                        .map_err(|_| SearchError::InvalidBirthDate)?,
                )
            }
            None => None,
        };
        let nationality = match nat {
            Some(n) => Some(pack_country(n).ok_or(SearchError::InvalidNationality)?),
            None => None,
        };
        let document = match doc {
            Some(d) => {
                check_len("document_number", d)?;
                let cleaned = clean_document(d);
                if cleaned.is_empty() {
                    return Err(SearchError::InvalidDocumentNumber);
                }
                let folded = fold_document_number(&cleaned);
                Some((cleaned, folded))
            }
            None => None,
        };
        let searchable =
            tokens.iter().any(|t| t.latin.len() >= 2) || date.is_some() || document.is_some();
        if !searchable {
            return Err(SearchError::TooBroad);
        }
        Ok(Parsed {
            tokens,
            date,
            nationality,
            document,
            limit: q.limit,
        })
    }
}

/// Memoised token similarities of one query: vocab id → a row of (kind, similarity) per token.
#[derive(Debug, Default)]
struct SimCache {
    rows: IdMap<u32, u32>,
    kinds: Vec<MatchKind>,
    sims: Vec<f32>,
}

/// What one search did, for diagnostics and the benchmark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SearchStats {
    /// Records touched while walking postings (all rounds).
    pub touched: usize,
    /// Records that passed the hit rule (all rounds).
    pub candidates: usize,
    /// Records scored precisely (all rounds).
    pub scored: usize,
    /// Whether the search was widened to single hits.
    pub widened: bool,
}

impl PersonIndex {
    /// Ranked candidates for a query, best first, at most `query.limit`.
    pub fn search(&self, query: &Query) -> Result<Vec<Candidate>, SearchError> {
        self.search_with_stats(query).map(|(hits, _)| hits)
    }

    /// [`PersonIndex::search`], also telling how much work it took.
    pub fn search_with_stats(
        &self,
        query: &Query,
    ) -> Result<(Vec<Candidate>, SearchStats), SearchError> {
        let parsed = Parsed::new(query)?;
        let folded = parsed.document.as_ref().map(|(_, f)| f.as_str());
        let mut cache = SimCache::default();
        let mut stats = SearchStats::default();
        let mut generated = self.generate(&parsed.tokens, parsed.date, folded, parsed.limit, false);
        let (mut ranked, best_fit) = self.score_round(&parsed, &generated, &mut cache, &mut stats);
        // Widen when nothing fits well, judged before the evidence factor: a name-only query
        // that matched exactly needs no wider search.
        if generated.can_widen && best_fit < REFER_THRESHOLD {
            generated = self.generate(&parsed.tokens, parsed.date, folded, parsed.limit, true);
            (ranked, _) = self.score_round(&parsed, &generated, &mut cache, &mut stats);
        }
        stats.widened = generated.widened;
        let hits = ranked
            .into_iter()
            .take(parsed.limit)
            .map(|(score, rid)| self.candidate(&parsed, rid, score, &mut cache))
            .collect();
        Ok((hits, stats))
    }

    /// Scores the best-prescored candidates precisely; returns (score, record id), best first,
    /// and the best fit of the fields before the evidence factor.
    fn score_round(
        &self,
        parsed: &Parsed,
        generated: &Generated,
        cache: &mut SimCache,
        stats: &mut SearchStats,
    ) -> (Vec<(f32, u32)>, f32) {
        stats.touched += generated.touched;
        stats.candidates += generated.hits.len();
        let mut pre: Vec<(f32, u32)> = generated
            .hits
            .iter()
            .map(|&(rid, bits)| (prescore(bits, &generated.idf), rid))
            .collect();
        let keep = MAX_SCORED.max(parsed.limit * 4);
        if pre.len() > keep {
            pre.select_nth_unstable_by(keep - 1, |a, b| b.0.total_cmp(&a.0));
            pre.truncate(keep);
        }
        stats.scored += pre.len();
        let mut best_fit = 0.0f32;
        let mut scored: Vec<(f32, u32)> = pre
            .iter()
            .map(|&(_, rid)| {
                let (score, fit) =
                    self.score_record(parsed, &self.records[rid as usize], cache, None);
                best_fit = best_fit.max(fit);
                (score, rid)
            })
            .collect();
        scored.sort_unstable_by(|a, b| {
            b.0.total_cmp(&a.0).then_with(|| {
                self.records[a.1 as usize]
                    .person_id
                    .cmp(&self.records[b.1 as usize].person_id)
            })
        });
        (scored, best_fit)
    }

    /// The row of similarities of every query token against one vocab entry.
    fn sim_row(&self, parsed: &Parsed, vocab: u32, cache: &mut SimCache) -> usize {
        let n = parsed.tokens.len();
        if let Some(&row) = cache.rows.get(&vocab) {
            return row as usize;
        }
        let row = cache.sims.len() / n.max(1);
        let v = &self.vocab[vocab as usize];
        let key = &self.keys[v.key as usize].text;
        for q in &parsed.tokens {
            let (kind, sim) = token_similarity(q, &v.latin, key, v.abjad);
            cache.kinds.push(kind);
            cache.sims.push(sim);
        }
        cache
            .rows
            .insert(vocab, u32::try_from(row).unwrap_or(u32::MAX));
        row
    }

    /// The best name pairing over a record's variants: (pairing, variant, tokens of it).
    fn best_name(
        &self,
        parsed: &Parsed,
        rec: &Rec,
        cache: &mut SimCache,
    ) -> Option<(Pairing, usize, (usize, usize))> {
        let n = parsed.tokens.len().min(MAX_Q);
        if n == 0 {
            return None;
        }
        let tokens = self.tokens_of(rec);
        let mut best: Option<(Pairing, usize, (usize, usize))> = None;
        let mut sims: SimMatrix = [[0.0; MAX_SLOTS]; MAX_Q];
        let mut slots = [Slot {
            role: NameRole::Surname,
        }; MAX_SLOTS];
        let mut start = 0;
        while start < tokens.len() {
            let variant = token_variant(tokens[start]);
            let len = tokens[start..]
                .iter()
                .take_while(|&&t| token_variant(t) == variant)
                .count();
            let group = &tokens[start..start + len];
            let m = len.min(MAX_SLOTS);
            for (si, &t) in group.iter().take(m).enumerate() {
                let row = self.sim_row(parsed, token_vocab(t), cache);
                for (qi, sim_row) in sims.iter_mut().enumerate().take(n) {
                    sim_row[si] = cache.sims[row * parsed.tokens.len() + qi];
                }
                slots[si] = Slot {
                    role: token_role(t),
                };
            }
            let pairing = pair(&sims, &slots[..m], &parsed.tokens);
            if best
                .as_ref()
                .is_none_or(|b| pairing.similarity > b.0.similarity)
            {
                best = Some((pairing, variant, (start, start + m)));
            }
            start += len;
        }
        best
    }

    /// The overall score of a record and how well its fields fit before the evidence factor;
    /// fills `explain` when given.
    fn score_record(
        &self,
        parsed: &Parsed,
        rec: &Rec,
        cache: &mut SimCache,
        explain: Option<&mut Explanation>,
    ) -> (f32, f32) {
        let name = self.best_name(parsed, rec, cache);
        let date = parsed.date.map(|d| date_evidence(d, unpack_date(rec.date)));
        let nationality = parsed.nationality.map(|n| {
            let own = self.nationalities_of(rec);
            if own.is_empty() {
                NationalityMatch::Unknown
            } else if own.contains(&n) {
                NationalityMatch::Match
            } else {
                NationalityMatch::Mismatch
            }
        });
        let document = parsed
            .document
            .as_ref()
            .map(|(cleaned, folded)| document_match(cleaned, folded, self.documents_of(rec)));
        let fit = combine(
            name.as_ref().map(|n| n.0.similarity),
            date,
            nationality,
            document,
        );
        let score = fit * evidence_factor(date, document);
        if let Some(out) = explain {
            out.birth_date = date.map(|(m, _)| m);
            out.nationality = nationality;
            out.document = document;
            out.name = name.map(|(pairing, variant, (from, to))| {
                let group = self.tokens_of(rec).get(from..to).unwrap_or(&[]);
                self.name_match(parsed, &pairing, variant, group, cache)
            });
        }
        (score, fit)
    }

    fn name_match(
        &self,
        parsed: &Parsed,
        pairing: &Pairing,
        variant: usize,
        group: &[u32],
        cache: &mut SimCache,
    ) -> NameMatch {
        let n = parsed.tokens.len();
        let tokens: Vec<TokenMatch> = parsed
            .tokens
            .iter()
            .zip(&pairing.pairs)
            .enumerate()
            .map(|(qi, (q, slot))| {
                let matched = slot.and_then(|s| group.get(usize::from(s)).copied());
                let (kind, similarity) = matched.map_or((MatchKind::None, 0.0), |t| {
                    let row = self.sim_row(parsed, token_vocab(t), cache);
                    (cache.kinds[row * n + qi], cache.sims[row * n + qi])
                });
                TokenMatch {
                    query: q.latin.clone(),
                    matched: matched.map(|t| self.vocab[token_vocab(t) as usize].latin.to_string()),
                    role: matched.map(token_role),
                    kind,
                    similarity,
                }
            })
            .collect();
        let kind = tokens
            .iter()
            .filter(|t| t.kind != MatchKind::None)
            .map(|t| t.kind)
            .min()
            .unwrap_or(MatchKind::None);
        NameMatch {
            kind,
            similarity: pairing.similarity,
            variant,
            order_swapped: pairing.order_swapped,
            tokens,
        }
    }

    fn candidate(&self, parsed: &Parsed, rid: u32, score: f32, cache: &mut SimCache) -> Candidate {
        let rec = &self.records[rid as usize];
        let mut explanation = Explanation::default();
        self.score_record(parsed, rec, cache, Some(&mut explanation));
        Candidate {
            person_id: rec.person_id,
            external_id: rec.external_id.as_deref().map(str::to_owned),
            score,
            explanation,
        }
    }
}
