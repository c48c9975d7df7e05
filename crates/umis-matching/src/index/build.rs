//! Writing to the index: upsert (insert or replace a person's entries) and remove.

use super::{KeyEntry, PersonIndex, Rec, Vocab, hash_str, pack_token};
use crate::record::{
    MAX_VARIANTS, PartialDate, PersonRecord, SearchError, check_len, clean_document, pack_country,
    pack_date, unpack_date,
};
use crate::text::{record_tokens, skeleton, skeleton_without_v};
use umis_domain::person::fold_document_number;

/// Vocabulary ids must fit the 26 bits a packed record token leaves them.
const MAX_VOCAB: usize = 1 << 26;
/// Document numbers are cut to this many characters.
const MAX_DOCUMENT_CHARS: usize = 40;
/// The most documents, nationalities or tokens one record keeps.
const MAX_PER_RECORD: usize = 255;

/// Date key families (bits 24..): a record is filed under its full date, its year-month and
/// its year, and under "only year-month" or "only year" when that is all that is known.
pub(crate) const DATE_FULL: u32 = 1 << 24;
pub(crate) const DATE_YM: u32 = 2 << 24;
pub(crate) const DATE_Y: u32 = 3 << 24;
pub(crate) const DATE_YM_ONLY: u32 = 4 << 24;
pub(crate) const DATE_Y_ONLY: u32 = 5 << 24;

/// The date index keys of a record's date.
fn date_keys(date: Option<PartialDate>) -> Vec<u32> {
    let packed = pack_date(date);
    if packed == 0 {
        return Vec::new();
    }
    let ym = packed & !31;
    let y = packed & !511;
    match date.map(|d| (d.month.is_some(), d.day.is_some())) {
        Some((true, true)) => vec![DATE_FULL | packed, DATE_YM | ym, DATE_Y | y],
        Some((true, false)) => vec![DATE_YM | ym, DATE_Y | y, DATE_YM_ONLY | ym],
        _ => vec![DATE_Y | y, DATE_Y_ONLY | y],
    }
}

fn insert_sorted(list: &mut Vec<u32>, rid: u32) {
    if let Err(pos) = list.binary_search(&rid) {
        list.insert(pos, rid);
    }
}

fn remove_sorted(list: &mut Vec<u32>, rid: u32) {
    if let Ok(pos) = list.binary_search(&rid) {
        list.remove(pos);
    }
}

/// One-letter deletions of an ASCII key (keys of one letter have none).
pub(crate) fn deletions(key: &str) -> impl Iterator<Item = String> + '_ {
    let n = if key.len() >= 2 { key.len() } else { 0 };
    (0..n).map(move |i| {
        let mut s = String::with_capacity(key.len());
        s.push_str(&key[..i]);
        s.push_str(&key[i + 1..]);
        s
    })
}

impl PersonIndex {
    /// Adds a person, or replaces every entry of a person already indexed.
    ///
    /// Variants that normalise to the same tokens are kept once; invalid nationality codes and
    /// empty document numbers are ignored.
    pub fn upsert(&mut self, record: &PersonRecord) -> Result<(), SearchError> {
        let invalid = SearchError::InvalidNames { max: MAX_VARIANTS };
        if record.names.is_empty() || record.names.len() > MAX_VARIANTS {
            return Err(invalid);
        }
        if let Some(e) = &record.external_id {
            check_len("external_id", e)?;
        }
        let mut tokens: Vec<u32> = Vec::new();
        let mut seen: Vec<Vec<(u32, u32)>> = Vec::new();
        for (vi, v) in record.names.iter().enumerate() {
            check_len("surname", &v.surname)?;
            check_len("given_names", v.given_names.as_deref().unwrap_or(""))?;
            check_len("patronymic", v.patronymic.as_deref().unwrap_or(""))?;
            let analysed = record_tokens(
                &v.surname,
                v.given_names.as_deref(),
                v.patronymic.as_deref(),
            );
            let mut sig = Vec::with_capacity(analysed.len());
            for t in analysed.iter().take(MAX_PER_RECORD) {
                sig.push((self.intern(&t.latin, &t.key, t.abjad)?, t.role.bits()));
            }
            if sig.is_empty() || seen.contains(&sig) {
                continue;
            }
            for &(vocab, role) in &sig {
                tokens.push(pack_token(
                    vocab,
                    vi,
                    crate::text::NameRole::from_bits(role),
                ));
            }
            seen.push(sig);
        }
        if tokens.is_empty() || tokens.len() > MAX_PER_RECORD {
            return Err(invalid);
        }
        let mut keys: Vec<u32> = tokens
            .iter()
            .map(|&t| self.vocab[(t >> 6) as usize].key)
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let mut nationalities: Vec<u16> = record
            .nationalities
            .iter()
            .filter_map(|c| pack_country(c))
            .take(MAX_PER_RECORD)
            .collect();
        nationalities.sort_unstable();
        nationalities.dedup();
        let mut documents: Vec<String> = record
            .documents
            .iter()
            .map(|d| {
                clean_document(d)
                    .chars()
                    .take(MAX_DOCUMENT_CHARS)
                    .collect::<String>()
            })
            .filter(|d| !d.is_empty())
            .take(MAX_PER_RECORD)
            .collect();
        documents.sort_unstable();
        documents.dedup();

        let rid = match self.by_person.get(&record.person_id) {
            Some(&rid) => {
                self.unlink(rid);
                rid
            }
            None => {
                let rid = u32::try_from(self.records.len()).map_err(|_| SearchError::IndexFull)?;
                self.records.push(Rec {
                    person_id: record.person_id,
                    external_id: None,
                    date: 0,
                    tokens: (0, 0),
                    keys: (0, 0),
                    nationalities: (0, 0),
                    documents: (0, 0),
                    alive: false,
                });
                self.by_person.insert(record.person_id, rid);
                rid
            }
        };
        let span = |start: usize, len: usize| -> Result<(u32, u16), SearchError> {
            Ok((
                u32::try_from(start).map_err(|_| SearchError::IndexFull)?,
                u16::try_from(len).map_err(|_| SearchError::IndexFull)?,
            ))
        };
        let rec = Rec {
            person_id: record.person_id,
            external_id: record.external_id.as_deref().map(Box::from),
            date: pack_date(record.birth_date),
            tokens: span(self.rec_tokens.len(), tokens.len())?,
            keys: span(self.rec_keys.len(), keys.len())?,
            nationalities: span(self.rec_nationalities.len(), nationalities.len())?,
            documents: span(self.doc_spans.len(), documents.len())?,
            alive: true,
        };
        self.rec_tokens.extend_from_slice(&tokens);
        self.rec_keys.extend_from_slice(&keys);
        self.rec_nationalities.extend_from_slice(&nationalities);
        for d in &documents {
            let at = span(self.doc_text.len(), d.len())?;
            self.doc_text.push_str(d);
            self.doc_spans.push(at);
        }
        if let Some(slot) = self.records.get_mut(rid as usize) {
            *slot = rec;
        }
        self.link(rid, &keys, record.birth_date, &documents);
        Ok(())
    }

    /// Removes a person; returns whether it was indexed.
    pub fn remove(&mut self, person_id: i64) -> bool {
        let Some(rid) = self.by_person.remove(&person_id) else {
            return false;
        };
        self.unlink(rid);
        if let Some(rec) = self.records.get_mut(rid as usize) {
            rec.alive = false;
            rec.external_id = None;
        }
        true
    }

    /// Files a record under its keys, date keys and documents.
    fn link(&mut self, rid: u32, keys: &[u32], date: Option<PartialDate>, documents: &[String]) {
        for &k in keys {
            if let Some(entry) = self.keys.get_mut(k as usize) {
                insert_sorted(&mut entry.postings, rid);
            }
        }
        for dk in date_keys(date) {
            insert_sorted(self.dates.entry(dk).or_default(), rid);
        }
        for d in documents {
            insert_sorted(
                self.documents
                    .entry(hash_str(&fold_document_number(d)))
                    .or_default(),
                rid,
            );
        }
    }

    /// Takes a record out of every posting list and counts its arena entries as garbage.
    fn unlink(&mut self, rid: u32) {
        let Some(rec) = self.records.get(rid as usize).cloned() else {
            return;
        };
        if !rec.alive {
            return;
        }
        let keys = self.keys_of(&rec).to_vec();
        for k in keys {
            if let Some(entry) = self.keys.get_mut(k as usize) {
                remove_sorted(&mut entry.postings, rid);
            }
        }
        for dk in date_keys(unpack_date(rec.date)) {
            if let Some(list) = self.dates.get_mut(&dk) {
                remove_sorted(list, rid);
            }
        }
        let documents: Vec<String> = self.documents_of(&rec).map(fold_document_number).collect();
        for d in documents {
            if let Some(list) = self.documents.get_mut(&hash_str(&d)) {
                remove_sorted(list, rid);
            }
        }
        self.garbage +=
            usize::from(rec.tokens.1) + usize::from(rec.keys.1) + usize::from(rec.documents.1);
    }

    /// The vocab id of a token, adding it (and its key) on first sight.
    fn intern(&mut self, latin: &str, key: &str, abjad: bool) -> Result<u32, SearchError> {
        let lookup = if abjad {
            format!("#{latin}")
        } else {
            latin.to_owned()
        };
        if let Some(&id) = self.vocab_ids.get(lookup.as_str()) {
            return Ok(id);
        }
        if self.vocab.len() >= MAX_VOCAB {
            return Err(SearchError::IndexFull);
        }
        let key_id = self.intern_key(key)?;
        let id = u32::try_from(self.vocab.len()).map_err(|_| SearchError::IndexFull)?;
        self.vocab.push(Vocab {
            latin: latin.into(),
            key: key_id,
            abjad,
        });
        self.vocab_ids.insert(lookup.into_boxed_str(), id);
        Ok(id)
    }

    /// The id of a phonetic key, filing a new key in the typo and skeleton maps.
    fn intern_key(&mut self, key: &str) -> Result<u32, SearchError> {
        if let Some(&id) = self.key_ids.get(key) {
            return Ok(id);
        }
        let id = u32::try_from(self.keys.len()).map_err(|_| SearchError::IndexFull)?;
        self.keys.push(KeyEntry {
            text: key.into(),
            postings: Vec::new(),
        });
        self.key_ids.insert(key.into(), id);
        self.typo.entry(hash_str(key)).or_default().push(id);
        for d in deletions(key) {
            let list = self.typo.entry(hash_str(&d)).or_default();
            if list.last() != Some(&id) {
                list.push(id);
            }
        }
        let (sk, skv) = (skeleton(key), skeleton_without_v(key));
        if !sk.is_empty() {
            self.skeletons.entry(hash_str(&sk)).or_default().push(id);
        }
        if !skv.is_empty() && skv != sk {
            self.skeletons.entry(hash_str(&skv)).or_default().push(id);
        }
        Ok(id)
    }
}
