//! The vocabulary of the index: interning tokens and phonetic keys, and filing each new key in
//! the typo map (with its one-letter deletions) and the skeleton maps.

use super::{KeyEntry, PersonIndex, Vocab, hash_str};
use crate::record::SearchError;
use crate::text::{skeleton, skeleton_without_v};

/// Vocabulary ids must fit the 26 bits a packed record token leaves them.
const MAX_VOCAB: usize = 1 << 26;
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
    /// The vocab id of a token, adding it (and its key) on first sight.
    pub(super) fn intern(
        &mut self,
        latin: &str,
        key: &str,
        abjad: bool,
    ) -> Result<u32, SearchError> {
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
