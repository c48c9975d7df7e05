//! Temporary debug.
use umis_matching::*;
fn main() {
    let people = synth::population(100_000, 42);
    let (index, _, _) = bench::build_index(&people);
    let target = people.iter().find(|p| p.record.names[0].given_names.as_deref() == Some("Nigar") && p.record.birth_date.map(|d| d.to_string()) == Some("1979-05-18".into())).unwrap();
    println!("target {}", target.record.person_id);
    for name in ["Mammadova Nar", "Mammadova Nigar", "Mammadova"] {
        let hits = index.search(&Query { name: Some(name.into()), birth_date: Some("1979-05-18".into()), limit: 1000, ..Default::default() }).unwrap();
        println!("{name}: {} hits, rank {:?}", hits.len(), hits.iter().position(|h| h.person_id == target.record.person_id));
    }
}
