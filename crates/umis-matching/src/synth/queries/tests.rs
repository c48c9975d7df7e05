//! Synthetic queries: seeded, reproducible and varied in script, spelling, order and date.

use super::*;
use crate::synth::population;

#[test]
fn seeded_and_varied() {
    let persons = population(500, 7);
    let a = queries(&persons, 200, 7);
    let b = queries(&persons, 200, 7);
    assert_eq!(a.len(), 200);
    assert_eq!(
        a.iter().map(|q| &q.query).collect::<Vec<_>>(),
        b.iter().map(|q| &q.query).collect::<Vec<_>>()
    );
    for tag in [
        "script:ru",
        "script:mrz",
        "typo:1",
        "date:year",
        "order:given-first",
    ] {
        assert!(a.iter().any(|q| q.tags.iter().any(|t| t == tag)), "{tag}");
    }
}
