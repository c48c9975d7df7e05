//! The index's estimate of its own heap memory.

use super::{IdMap, KeyEntry, PersonIndex, Rec, Vocab};

impl PersonIndex {
    /// An estimate of the heap memory the index uses, in bytes (capacities of every vector and
    /// map, string contents, allocator overhead not counted).
    pub fn approx_memory_bytes(&self) -> usize {
        use std::mem::size_of;
        let map = |len: usize, entry: usize| len * (entry + 1) * 8 / 7;
        let lists = |m: &IdMap<u64, Vec<u32>>| -> usize {
            map(m.capacity(), 8 + size_of::<Vec<u32>>())
                + m.values().map(|v| v.capacity() * 4).sum::<usize>()
        };
        let vocab = self.vocab.capacity() * size_of::<Vocab>()
            + self.vocab.iter().map(|v| v.latin.len()).sum::<usize>() * 2
            + map(self.vocab_ids.capacity(), size_of::<(Box<str>, u32)>());
        let keys = self.keys.capacity() * size_of::<KeyEntry>()
            + self
                .keys
                .iter()
                .map(|k| k.text.len() * 2 + k.postings.capacity() * 4)
                .sum::<usize>()
            + map(self.key_ids.capacity(), size_of::<(Box<str>, u32)>());
        let dates = map(self.dates.capacity(), 4 + size_of::<Vec<u32>>())
            + self.dates.values().map(|v| v.capacity() * 4).sum::<usize>();
        let records = self.records.capacity() * size_of::<Rec>()
            + self
                .records
                .iter()
                .filter_map(|r| r.external_id.as_ref())
                .map(|e| e.len())
                .sum::<usize>();
        let arenas = self.rec_tokens.capacity() * 4
            + self.rec_keys.capacity() * 4
            + self.rec_nationalities.capacity() * 2
            + self.doc_text.capacity()
            + self.doc_spans.capacity() * size_of::<(u32, u16)>();
        vocab
            + keys
            + lists(&self.typo)
            + lists(&self.skeletons)
            + dates
            + lists(&self.documents)
            + records
            + arenas
            + map(self.by_person.capacity(), 12)
    }
}
