//! Temporary: prints failed queries.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let filter = args.get(1).cloned().unwrap_or_default();
    let people = umis_matching::synth::population(n, 42);
    let qs = umis_matching::synth::queries(&people, 2000, 42);
    let (index, _, _) = umis_matching::bench::build_index(&people);
    let by_id: std::collections::HashMap<i64, usize> = people.iter().enumerate().map(|(i, p)| (p.record.person_id, i)).collect();
    let mut shown = 0;
    for q in &qs {
        if !filter.is_empty() && !q.tags.iter().any(|t| t.contains(&filter)) { continue; }
        let hits = index.search(&q.query).unwrap();
        let rank = hits.iter().position(|c| c.person_id == q.person_id);
        if rank.is_some_and(|r| r < 10) || q.tags.iter().any(|t| t == "date:none") { continue; }
        shown += 1;
        if shown > 25 { break; }
        let p = &people[by_id[&q.person_id]];
        println!("=== rank {:?} tags {:?}", rank, q.tags);
        println!("Q name={:?} date={:?} nat={:?} doc={:?}", q.query.name, q.query.birth_date, q.query.nationality, q.query.document_number);
        println!("T {:?} {:?} docs={:?}", p.record.names.iter().map(|v| format!("{} {} {}", v.surname, v.given_names.clone().unwrap_or_default(), v.patronymic.clone().unwrap_or_default())).collect::<Vec<_>>(), p.record.birth_date.map(|d| d.to_string()), p.record.documents);
        for h in hits.iter().take(3) {
            let hp = &people[by_id[&h.person_id]];
            println!("  {:.3} {} {:?} {:?} {}", h.score, h.person_id == q.person_id, hp.record.names.first().map(|v| format!("{} {}", v.surname, v.given_names.clone().unwrap_or_default())), hp.record.birth_date.map(|d| d.to_string()), serde_json::to_string(&h.explanation.name.as_ref().map(|n| (n.similarity, n.kind))).unwrap());
        }
    }
}
