//! Temporary debug.
use umis_matching::*;
fn main() {
    let mut index = PersonIndex::new();
    for (id, doc) in [(1i64, "C55412850"), (2, "C11111111")] {
        index.upsert(&PersonRecord { person_id: id, names: vec![NameVariant { surname: "Hüseynov".into(), given_names: Some("Elçin".into()), patronymic: None }], documents: vec![doc.into()], ..Default::default() }).unwrap();
    }
    let hits = index.search(&Query { name: Some("Elchin Huseynov".into()), document_number: Some("C554128S0".into()), limit: 10, ..Default::default() }).unwrap();
    for h in hits { println!("{} {} {:?}", h.person_id, h.score, h.explanation.document); }
}
