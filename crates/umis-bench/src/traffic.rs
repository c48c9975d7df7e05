//! Synthetic border traffic for the demo and the benchmarks: trips by known travellers over a
//! year, with summer and New Year peaks, the crossing points each nationality uses, e-visas for
//! visa nationals, and a few stays that run past their period or never end.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashMap;
use time::{Date, Duration};
use umis_service::BorderEventInput;

/// A traveller the traffic is made for.
#[derive(Debug, Clone)]
pub struct Traveller {
    /// Document number.
    pub document_number: String,
    /// Issuing state of the document.
    pub issuing_state: String,
    /// Nationality.
    pub nationality: String,
    /// Surname (sent so an unknown traveller can be registered).
    pub surname: String,
    /// Given names.
    pub given_names: Option<String>,
    /// Date of birth.
    pub birth_date: Option<String>,
}

/// Relative arrivals per month, January first: summer and New Year peaks.
const SEASON: [f64; 12] = [0.7, 0.6, 0.8, 0.9, 1.0, 1.3, 1.7, 1.6, 1.1, 0.9, 0.7, 1.0];

/// Nationalities that enter without a visa (the default stay rules).
const VISA_FREE: &[&str] = &[
    "BLR", "GEO", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UKR", "UZB", "TUR",
];

/// The crossing point and travel mode a traveller of `nationality` uses.
fn crossing(nationality: &str, rng: &mut StdRng) -> (&'static str, &'static str) {
    let air = ["GYD", "GYD", "GYD", "GNJ", "NAJ"];
    let by_land = rng.random_bool(0.45);
    match nationality {
        "RUS" | "BLR" | "UKR" if by_land => ("SAMUR", "land"),
        "GEO" if by_land => {
            if rng.random_bool(0.2) {
                ("BOYUK-KASIK", "rail")
            } else {
                ("RED-BRIDGE", "land")
            }
        }
        "IRN" if by_land => ("ASTARA", "land"),
        "KAZ" | "TKM" if rng.random_bool(0.2) => ("BAKU-PORT", "sea"),
        _ => (air[rng.random_range(0..air.len())], "air"),
    }
}

fn seasonal_day(rng: &mut StdRng, from: Date, days: i64) -> Date {
    // Rejection sampling against the month weights.
    loop {
        let d = from + Duration::days(rng.random_range(0..days.max(1)));
        let w = SEASON[usize::from(u8::from(d.month())) - 1] / 1.7;
        if rng.random_bool(w.clamp(0.0, 1.0)) {
            return d;
        }
    }
}

fn event(
    t: &Traveller,
    id: String,
    direction: &str,
    day: Date,
    hour: u8,
    crossing: (&str, &str),
    permitted_days: Option<u32>,
) -> BorderEventInput {
    let mut fields = HashMap::new();
    let mut put = |k: &str, v: String| {
        fields.insert(k.to_owned(), v);
    };
    put("event_id", id);
    put("direction", direction.into());
    put(
        "occurred_at",
        format!("{day}T{hour:02}:{:02}:00+04:00", (hour as usize * 7) % 60),
    );
    put("bcp", crossing.0.into());
    put("travel_mode", crossing.1.into());
    put("document_number", t.document_number.clone());
    put("document_issuing_state", t.issuing_state.clone());
    put("nationality", t.nationality.clone());
    put("surname", t.surname.clone());
    if let Some(g) = &t.given_names {
        put("given_names", g.clone());
    }
    if let Some(b) = &t.birth_date {
        put("birth_date", b.clone());
    }
    if let Some(p) = permitted_days {
        put("permitted_days", p.to_string());
        put("visa_ref", format!("EV-{}", t.document_number));
    }
    BorderEventInput { fields }
}

/// A year of trips by `travellers` ending on `end` (no event after it), in time order per
/// traveller; event ids start with `prefix` and are stable for a seed.
pub fn year_of_traffic(
    travellers: &[Traveller],
    end: Date,
    seed: u64,
    prefix: &str,
) -> Vec<BorderEventInput> {
    let mut rng = StdRng::seed_from_u64(seed);
    let start = end - Duration::days(365);
    let mut out = Vec::new();
    for (i, t) in travellers.iter().enumerate() {
        let trips = match rng.random_range(0..100) {
            0..15 => 0,
            15..50 => 1,
            50..75 => 2,
            75..90 => 3,
            _ => 4,
        };
        let visa = !VISA_FREE.contains(&t.nationality.as_str());
        let mut day = seasonal_day(&mut rng, start, 200);
        for trip in 0..trips {
            if day > end {
                break;
            }
            let len: i64 = match rng.random_range(0..100) {
                0..70 => rng.random_range(2..15),
                70..90 => rng.random_range(15..61),
                90..97 => rng.random_range(61..150),
                _ => 10_000, // never leaves
            };
            let permitted = visa.then(|| if rng.random_bool(0.8) { 30 } else { 90 });
            let way = crossing(&t.nationality, &mut rng);
            out.push(event(
                t,
                format!("{prefix}-{i}-{trip}-in"),
                "entry",
                day,
                rng.random_range(0..24),
                way,
                permitted,
            ));
            let exit = day + Duration::days(len - 1);
            if exit > end {
                break;
            }
            let back = crossing(&t.nationality, &mut rng);
            out.push(event(
                t,
                format!("{prefix}-{i}-{trip}-out"),
                "exit",
                exit,
                rng.random_range(0..24),
                back,
                None,
            ));
            day = exit + Duration::days(rng.random_range(20..120));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn travellers() -> Vec<Traveller> {
        ["RUS", "IND", "GEO", "IRN", "TUR", "CHN"]
            .iter()
            .cycle()
            .take(300)
            .enumerate()
            .map(|(i, n)| Traveller {
                document_number: format!("D{i:06}"),
                issuing_state: (*n).into(),
                nationality: (*n).into(),
                surname: "TEST".into(),
                given_names: None,
                birth_date: None,
            })
            .collect()
    }

    #[test]
    fn a_year_of_trips_in_order_and_never_after_the_end() {
        let end = Date::from_calendar_date(2026, time::Month::June, 30).unwrap_or(Date::MIN);
        let events = year_of_traffic(&travellers(), end, 7, "T");
        assert!(events.len() > 300, "{} events", events.len());
        let mut ids = std::collections::HashSet::new();
        let mut last: HashMap<String, String> = HashMap::new();
        let (mut entries, mut exits, mut evisas, mut land) = (0, 0, 0, 0);
        for e in &events {
            let f = &e.fields;
            assert!(ids.insert(f["event_id"].clone()), "unique ids");
            let at = f["occurred_at"].clone();
            assert!(
                at[..10] <= *"2026-06-30" && at[..10] >= *"2025-06-30",
                "{at}"
            );
            let doc = f["document_number"].clone();
            if let Some(prev) = last.insert(doc, at.clone()) {
                assert!(prev <= at, "in time order per traveller");
            }
            match f["direction"].as_str() {
                "entry" => entries += 1,
                _ => exits += 1,
            }
            if f.contains_key("permitted_days") {
                evisas += 1;
                assert!(!VISA_FREE.contains(&f["nationality"].as_str()));
            }
            if f["travel_mode"] != "air" {
                land += 1;
            }
        }
        assert!(entries > exits, "some are still in the country");
        assert!(evisas > 0 && land > 0);
        // Same seed, same traffic.
        let again = year_of_traffic(&travellers(), end, 7, "T");
        assert_eq!(again.len(), events.len());
    }
}
