//! A record's slices of the index's arenas, and the packed form of a record token (vocab id,
//! name variant, role).

use super::{PersonIndex, Rec};
use crate::text::NameRole;

impl PersonIndex {
    pub(super) fn tokens_of(&self, rec: &Rec) -> &[u32] {
        let (start, len) = rec.tokens;
        self.rec_tokens
            .get(start as usize..start as usize + usize::from(len))
            .unwrap_or(&[])
    }

    pub(super) fn keys_of(&self, rec: &Rec) -> &[u32] {
        let (start, len) = rec.keys;
        self.rec_keys
            .get(start as usize..start as usize + usize::from(len))
            .unwrap_or(&[])
    }

    pub(super) fn nationalities_of(&self, rec: &Rec) -> &[u16] {
        let (start, len) = rec.nationalities;
        self.rec_nationalities
            .get(start as usize..start as usize + usize::from(len))
            .unwrap_or(&[])
    }

    pub(super) fn documents_of<'a>(&'a self, rec: &Rec) -> impl Iterator<Item = &'a str> + 'a {
        let (start, len) = rec.documents;
        let spans = self
            .doc_spans
            .get(start as usize..start as usize + usize::from(len))
            .unwrap_or(&[]);
        spans.iter().map(|&(at, n)| {
            self.doc_text
                .get(at as usize..at as usize + usize::from(n))
                .unwrap_or("")
        })
    }
}

/// Packs a record token: vocab id, name variant, role.
pub(super) fn pack_token(vocab: u32, variant: usize, role: NameRole) -> u32 {
    (vocab << 6) | ((variant as u32 & 15) << 2) | role.bits()
}

/// The vocab id of a packed record token.
pub(super) fn token_vocab(packed: u32) -> u32 {
    packed >> 6
}

/// The name variant of a packed record token.
pub(super) fn token_variant(packed: u32) -> usize {
    ((packed >> 2) & 15) as usize
}

/// The role of a packed record token.
pub(super) fn token_role(packed: u32) -> NameRole {
    NameRole::from_bits(packed)
}
