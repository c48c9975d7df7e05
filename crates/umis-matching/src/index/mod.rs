//! The in-memory person index: interned name tokens, postings by phonetic key, a typo map over
//! the key vocabulary, dates and OCR-folded document numbers, and compact per-record data.
//!
//! Layout (all ids are `u32`): a record's tokens are packed `vocab id << 6 | variant << 2 |
//! role` in one arena; each distinct phonetic key has a sorted posting list of record ids; the
//! typo map sends every key and each of its one-letter deletions to the keys that produce it
//! (SymSpell over the key vocabulary, not over records, so it stays small); skeleton maps do the
//! same for vowel-free Persian/Arabic spellings. Upserting a known person rewrites its postings
//! in place and appends its new tokens to the arenas (the old ones become garbage, counted in
//! [`PersonIndex::approx_memory_bytes`]).

mod arena;
mod build;
mod candidates;
mod memory;
mod postings;
mod search;
mod vocab;

pub use search::SearchStats;

use arena::{pack_token, token_role, token_variant, token_vocab};

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, DefaultHasher, Hash, Hasher};

use crate::hash::IdHasher;

/// A map keyed by small integers, hashed cheaply.
pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// One distinct normalised token.
#[derive(Debug, Clone)]
struct Vocab {
    /// Lowercase ASCII form.
    latin: Box<str>,
    /// Phonetic key id.
    key: u32,
    /// Written in Arabic/Persian script.
    abjad: bool,
}

/// One distinct phonetic key and the records holding it.
#[derive(Debug, Clone)]
struct KeyEntry {
    /// The key.
    text: Box<str>,
    /// Sorted record ids.
    postings: Vec<u32>,
}

/// Per-record data; ranges point into the arenas of [`PersonIndex`].
#[derive(Debug, Clone)]
struct Rec {
    person_id: i64,
    external_id: Option<Box<str>>,
    /// Packed partial date (0 = unknown).
    date: u32,
    tokens: (u32, u16),
    keys: (u32, u16),
    nationalities: (u32, u16),
    documents: (u32, u16),
    alive: bool,
}

/// An in-memory index over persons for fuzzy search by name, date of birth, nationality and
/// document number.
#[derive(Default)]
pub struct PersonIndex {
    vocab: Vec<Vocab>,
    vocab_ids: HashMap<Box<str>, u32>,
    keys: Vec<KeyEntry>,
    key_ids: HashMap<Box<str>, u32>,
    /// Hash of a key or of a one-letter deletion of it → key ids.
    typo: IdMap<u64, Vec<u32>>,
    /// Hash of a key's consonant skeleton (with and without v) → key ids.
    skeletons: IdMap<u64, Vec<u32>>,
    /// Packed date key (see `build::date_keys`) → sorted record ids.
    dates: IdMap<u32, Vec<u32>>,
    /// Hash of an OCR-folded document number → record ids.
    documents: IdMap<u64, Vec<u32>>,
    records: Vec<Rec>,
    rec_tokens: Vec<u32>,
    rec_keys: Vec<u32>,
    rec_nationalities: Vec<u16>,
    /// Cleaned document numbers, one after the other.
    doc_text: String,
    /// Byte ranges of each document number in `doc_text`.
    doc_spans: Vec<(u32, u16)>,
    by_person: IdMap<i64, u32>,
    /// Arena entries no live record points at any more.
    garbage: usize,
}

impl std::fmt::Debug for PersonIndex {
    /// Sizes only: the index holds names and document numbers.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PersonIndex")
            .field("persons", &self.len())
            .field("tokens", &self.vocab.len())
            .field("keys", &self.keys.len())
            .field("garbage", &self.garbage)
            .finish_non_exhaustive()
    }
}

/// The hash used for the typo, skeleton and document maps.
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

impl PersonIndex {
    /// An empty index.
    pub fn new() -> PersonIndex {
        PersonIndex::default()
    }

    /// How many persons the index holds.
    pub fn len(&self) -> usize {
        self.by_person.len()
    }

    /// Whether the index holds no person.
    pub fn is_empty(&self) -> bool {
        self.by_person.is_empty()
    }

    /// Whether a person is indexed.
    pub fn contains(&self, person_id: i64) -> bool {
        self.by_person.contains_key(&person_id)
    }

    /// Arena entries left behind by updates and removals (a rebuild reclaims them).
    pub fn garbage_entries(&self) -> usize {
        self.garbage
    }
}
