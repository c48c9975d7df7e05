//! Writing to the index: upsert (insert or replace a person's entries) and remove.

use super::{PersonIndex, Rec, pack_token};
use crate::record::{
    MAX_VARIANTS, PersonRecord, SearchError, check_len, clean_document, pack_country, pack_date,
};
use crate::text::record_tokens;

/// Document numbers are cut to this many characters.
const MAX_DOCUMENT_CHARS: usize = 40;
/// The most documents, nationalities or tokens one record keeps.
const MAX_PER_RECORD: usize = 255;

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
}
