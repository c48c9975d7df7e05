//! Temporary: slowest queries.
use umis_matching::*;
fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let people = synth::population(n, 42);
    let qs = synth::queries(&people, 2000, 42);
    let (index, _, _) = bench::build_index(&people);
    let mut rows = Vec::new();
    for q in &qs {
        let t = std::time::Instant::now();
        let (hits, st) = index.search_with_stats(&q.query).unwrap();
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        rows.push((ms, st, q.query.name.clone(), q.query.birth_date.clone(), q.tags.join(","), hits.first().map(|h| h.score)));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    for r in rows.iter().take(30) { println!("{:.2}ms {:?} {:?} {:?} {} top={:?}", r.0, r.1, r.2, r.3, r.4, r.5); }
    let widened = rows.iter().filter(|r| r.1.widened).count();
    println!("widened {widened}");
}
