//! Filing a record in the posting lists (phonetic keys, date keys, documents) and taking it out
//! again, with the date key families a record is filed under.

use super::{PersonIndex, hash_str};
use crate::record::{PartialDate, pack_date, unpack_date};
use umis_domain::person::fold_document_number;

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

impl PersonIndex {
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
    pub(super) fn link(
        &mut self,
        rid: u32,
        keys: &[u32],
        date: Option<PartialDate>,
        documents: &[String],
    ) {
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
    pub(super) fn unlink(&mut self, rid: u32) {
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
}
