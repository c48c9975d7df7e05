//! The synthetic travellers of the control benchmarks, registered in bulk so that events link by document.

use super::BenchDb;
use crate::traffic::{Traveller, year_of_traffic};
use anyhow::Context;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::sync::Arc;
use time::Date;
use umis_domain::person::{PersonId, fold_document_number};
use umis_service::{BorderEventInput, Ctx, SecurityConfig, Services, SystemClock};
use umis_store::{Db, NewDocument, NewPersonRow, PersonName, Store};

/// Nationalities of the synthetic travellers with their weights.
pub(super) const MIX: [(&str, u32); 14] = [
    ("RUS", 24),
    ("TUR", 14),
    ("IRN", 10),
    ("GEO", 10),
    ("IND", 7),
    ("KAZ", 5),
    ("UKR", 5),
    ("CHN", 4),
    ("ISR", 3),
    ("DEU", 3),
    ("GBR", 3),
    ("PAK", 4),
    ("UZB", 5),
    ("SAU", 3),
];

/// Travellers with passports of their nationality.
pub(crate) fn travellers(n: usize, seed: u64) -> Vec<Traveller> {
    let mut rng = StdRng::seed_from_u64(seed);
    let total: u32 = MIX.iter().map(|(_, w)| w).sum();
    (0..n)
        .map(|i| {
            let mut pick = rng.random_range(0..total);
            let nat = MIX
                .iter()
                .find(|(_, w)| {
                    if pick < *w {
                        true
                    } else {
                        pick -= w;
                        false
                    }
                })
                .map_or("RUS", |(c, _)| c);
            Traveller {
                document_number: format!("B{i:08}"),
                issuing_state: nat.into(),
                nationality: nat.into(),
                surname: format!("TRAVELLER{}", letters(i)),
                given_names: Some(letters(i.wrapping_mul(7919))),
                birth_date: Some(format!(
                    "{}-{:02}-{:02}",
                    1950 + rng.random_range(0..55),
                    rng.random_range(1..13),
                    rng.random_range(1..29)
                )),
            }
        })
        .collect()
}

pub(super) fn letters(mut n: usize) -> String {
    let mut s = String::new();
    for _ in 0..5 {
        s.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    s
}

/// About `n` events by enough travellers, in the order they happened.
pub(super) fn traffic(n: usize, seed: u64) -> (Vec<Traveller>, Vec<BorderEventInput>) {
    let end = Date::from_calendar_date(2026, time::Month::June, 30).unwrap_or(Date::MIN);
    let people = travellers((n / 3).max(10), seed);
    let mut events = year_of_traffic(&people, end, seed, "BENCH");
    events.sort_by(|a, b| a.fields["occurred_at"].cmp(&b.fields["occurred_at"]));
    events.truncate(n);
    (people, events)
}

/// A valid passport of `state` numbered `number`, as benchmark persons hold.
pub(crate) fn passport(state: &str, number: &str) -> NewDocument {
    NewDocument {
        doc_type: "passport".into(),
        issuing_state: state.to_owned(),
        number: number.to_owned(),
        number_folded: fold_document_number(number),
        issue_date: None,
        expiry_date: None,
        status: "valid".into(),
        mrz: None,
    }
}

pub(crate) fn person_rows(people: &[Traveller], now: i64) -> Vec<(NewPersonRow, String)> {
    people
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let id = PersonId::from_random(0x5eed_0000_0000 + i as u64).as_i64();
            let row = NewPersonRow {
                person_id: id,
                external_id: None,
                sex: None,
                birth_date: t.birth_date.clone(),
                birth_year: t.birth_date.as_ref().and_then(|b| b[..4].parse().ok()),
                place_of_birth: None,
                names: vec![PersonName {
                    kind: "primary".into(),
                    surname: t.surname.clone(),
                    given_names: t.given_names.clone(),
                    patronymic: None,
                }],
                nationalities: vec![t.nationality.clone()],
                documents: vec![passport(&t.issuing_state, &t.document_number)],
                created_at: now,
                created_by: "bench".into(),
            };
            (row, t.document_number.clone())
        })
        .collect()
}

pub(crate) async fn open(db: &BenchDb) -> anyhow::Result<Services> {
    let conn = Db::connect(&db.url)
        .await
        .context("opening the benchmark database")?;
    conn.migrate().await.context("migrating")?;
    Ok(Services::new(
        Store::new(conn),
        Arc::new(SystemClock),
        SecurityConfig::default(),
    ))
}

/// Registers the travellers (in bulk) so events link by document.
pub(crate) async fn register(
    services: &Services,
    people: &[Traveller],
) -> anyhow::Result<Vec<(i64, String)>> {
    let rows = person_rows(people, services.now());
    for chunk in rows.chunks(10_000) {
        let persons: Vec<NewPersonRow> = chunk.iter().map(|(r, _)| r.clone()).collect();
        services
            .store()
            .create_persons_bulk(
                &persons,
                Ctx::system("bench").audit(
                    services.now(),
                    "person.bulk_create",
                    umis_domain::AuditOutcome::Ok,
                ),
            )
            .await
            .map_err(|e| anyhow::anyhow!("registering travellers: {e}"))?;
    }
    // A registry loaded in bulk is analysed, as `umis import` does after a load.
    services
        .after_bulk_load()
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(rows.into_iter().map(|(r, d)| (r.person_id, d)).collect())
}
