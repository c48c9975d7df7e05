//! `umis demo`: demo offices, one demo user per role, and the synthetic data each capability
//! registers in [`SEEDERS`].

use crate::config::Config;
use anyhow::Context;
use std::future::Future;
use std::io::Write;
use std::pin::Pin;
use umis_domain::Role;
use umis_service::{Ctx, NewUserInput, Services};
use umis_store::Office;

/// A capability's demo-data seeder: runs on every `umis demo` start and must be idempotent.
pub type Seeder = for<'a> fn(
    &'a Services,
    &'a Ctx,
) -> Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>>;

/// The seeders of every capability, in order.
pub const SEEDERS: &[(&str, Seeder)] = &[
    ("offices", seed_offices),
    ("persons", seed_persons),
    ("border events", seed_border_events),
    ("applications", seed_applications),
];

fn seed_applications<'a>(
    services: &'a Services,
    ctx: &'a Ctx,
) -> Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>> {
    Box::pin(crate::demo_cases::seed(services, ctx))
}

/// A year of border crossings by the demo persons up to today: trips in every season through
/// the airports, land, rail and sea crossings, e-visas for visa nationals, and stays that ran
/// past their period (the overstay list has work in it).
fn seed_border_events<'a>(
    services: &'a Services,
    ctx: &'a Ctx,
) -> Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>> {
    Box::pin(async move {
        let store = services.store();
        if store
            .count_border_events()
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
            > 0
        {
            return Ok(());
        }
        let mut travellers = Vec::new();
        let mut after = None;
        loop {
            let page = store
                .list_persons(after, 500, Some("active"))
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let Some(last) = page.last() else { break };
            after = Some(last.person_id);
            for p in &page {
                let (Some(doc), Some(name), Some(nat)) = (
                    p.documents.first(),
                    p.names.first(),
                    p.nationalities.first(),
                ) else {
                    continue;
                };
                if nat == "AZE" {
                    continue;
                }
                travellers.push(umis_bench::traffic::Traveller {
                    document_number: doc.number.clone(),
                    issuing_state: doc.issuing_state.clone(),
                    nationality: nat.clone(),
                    surname: name.surname.clone(),
                    given_names: name.given_names.clone(),
                    birth_date: p.birth_date.clone(),
                });
            }
        }
        let events =
            umis_bench::traffic::year_of_traffic(&travellers, services.local_today(), 2026, "DEMO");
        let rows: Vec<(usize, umis_service::BorderEventInput)> = events
            .into_iter()
            .enumerate()
            .map(|(i, e)| (i + 1, e))
            .collect();
        for chunk in rows.chunks(umis_service::MAX_BATCH_EVENTS) {
            let report = services
                .ingest_border_events(ctx, chunk.to_vec())
                .await
                .map_err(|e| anyhow::anyhow!("demo border events: {e}"))?;
            if !report.rejected.is_empty() {
                tracing::debug!(rejected = report.rejected.len(), "demo events skipped");
            }
        }
        services
            .settle_stays()
            .await
            .map_err(|e| anyhow::anyhow!("demo stays: {e}"))?;
        crate::demo_enforcement::seed_enforcement(services, ctx).await
    })
}

/// How many synthetic persons a new demo registry gets.
const DEMO_PERSONS: usize = 500;

/// How many of them are registered a second time under another spelling.
const DEMO_SECOND_RECORDS: usize = 12;

/// A synthetic population (Azerbaijani, Russian, Turkish, Iranian, Georgian, Indian, Chinese
/// and other names, in their own scripts), registered once into an empty registry.
fn seed_persons<'a>(
    services: &'a Services,
    ctx: &'a Ctx,
) -> Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>> {
    Box::pin(async move {
        if services
            .store()
            .count_persons()
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
            > 0
        {
            return Ok(());
        }
        let population = umis_matching::synth::population(DEMO_PERSONS, 2026);
        // A few persons also arrive a second time from another source, under another spelling
        // (an airline's MRZ form, a Russian-language document): the duplicate-review queue
        // has real work in it.
        let second_records: Vec<umis_service::NewPersonInput> = population
            .iter()
            .filter(|p| p.record.birth_date.is_some_and(|d| d.day.is_some()))
            .filter_map(|p| {
                let primary = p.record.names.first()?;
                let other = p.renderings.iter().find(|r| {
                    r.name.surname != primary.surname && !r.name.surname.trim().is_empty()
                })?;
                Some(umis_service::NewPersonInput {
                    surname: other.name.surname.clone(),
                    given_names: other.name.given_names.clone(),
                    birth_date: p.record.birth_date.map(|d| d.to_string()),
                    nationalities: p.record.nationalities.clone(),
                    ..Default::default()
                })
            })
            .take(DEMO_SECOND_RECORDS)
            .collect();
        for p in population {
            let r = p.record;
            let mut names = r.names.into_iter();
            let Some(primary) = names.next() else {
                continue;
            };
            // A passport of the first nationality (stateless persons: an Azerbaijani travel
            // document).
            let issuing_state = r
                .nationalities
                .first()
                .filter(|n| !n.starts_with("XX"))
                .cloned()
                .unwrap_or_else(|| "AZE".into());
            let input = umis_service::NewPersonInput {
                surname: primary.surname,
                given_names: primary.given_names,
                patronymic: primary.patronymic,
                birth_date: r.birth_date.map(|d| d.to_string()),
                nationalities: r.nationalities,
                aliases: names
                    .map(|n| umis_service::NameInput {
                        surname: n.surname,
                        given_names: n.given_names,
                        patronymic: n.patronymic,
                    })
                    .collect(),
                documents: r
                    .documents
                    .into_iter()
                    .take(1)
                    .map(|number| {
                        // Issued in 2017–2025, valid ten years.
                        let spread: u32 = number.bytes().map(u32::from).sum();
                        let year = 2017 + spread % 9;
                        let (month, day) = (1 + spread % 12, 1 + spread % 28);
                        umis_service::DocumentInput {
                            doc_type: "passport".into(),
                            issuing_state: issuing_state.clone(),
                            number,
                            issue_date: Some(format!("{year}-{month:02}-{day:02}")),
                            expiry_date: Some(format!("{}-{month:02}-{day:02}", year + 10)),
                            ..Default::default()
                        }
                    })
                    .collect(),
                ..Default::default()
            };
            // A synthetic record the registry's rules refuse is skipped, not fatal.
            if let Err(e) = services.create_person(ctx, &input).await {
                tracing::debug!(error = %e, "demo person skipped");
            }
        }
        for input in &second_records {
            if let Err(e) = services.create_person(ctx, input).await {
                tracing::debug!(error = %e, "demo second record skipped");
            }
        }
        Ok(())
    })
}

fn seed_offices<'a>(
    services: &'a Services,
    ctx: &'a Ctx,
) -> Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>> {
    Box::pin(async move {
        // (code, official name (in the state language, as on the office's own letterhead),
        // national, the crossing points whose alerts its officers see, the regions whose
        // registered foreigners it answers for)
        type Seed<'s> = (&'s str, &'s str, bool, &'s [&'s str], &'s [&'s str]);
        let offices: [Seed; 4] = [
            (
                "BAKU",
                "Bakı şəhəri üzrə Baş İdarə",
                false,
                &["BAKU-PORT"],
                &["Baku", "Sumqayit"],
            ),
            (
                "GANJA",
                "Gəncə Regional İdarəsi",
                false,
                &["GNJ"],
                &["Ganja"],
            ),
            (
                "GYD-BCP",
                "Heydər Əliyev Beynəlxalq Aeroportu buraxılış məntəqəsi",
                false,
                &["GYD"],
                &[],
            ),
            (
                "ASTARA-BCP",
                "Astara sərhəd buraxılış məntəqəsi",
                false,
                &["ASTARA"],
                &[],
            ),
        ];
        let existing = services
            .list_offices()
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        for (code, name, national, bcps, regions) in offices {
            if existing.iter().all(|o| o.code != code) {
                let office = Office {
                    code: code.into(),
                    name: name.into(),
                    national,
                };
                let bcps: Vec<String> = bcps.iter().map(|b| (*b).to_owned()).collect();
                let regions: Vec<String> = regions.iter().map(|r| (*r).to_owned()).collect();
                services
                    .save_office(ctx, office, Some(&bcps), Some(&regions))
                    .await
                    .map_err(|e| anyhow::anyhow!("office {code}: {e}"))?;
            }
        }
        Ok(())
    })
}

fn demo_office(role: Role) -> &'static str {
    match role {
        Role::CaseOfficer | Role::DecisionMaker => "BAKU",
        Role::Inspector => "GYD-BCP",
        Role::Analyst | Role::Auditor | Role::Admin => "HQ",
    }
}

fn random_password() -> anyhow::Result<String> {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut buf = [0u8; 16];
    getrandom::fill(&mut buf).map_err(|e| anyhow::anyhow!("random source: {e}"))?;
    Ok(buf
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect())
}

/// The demo officers' (invented) full names, as decision letters sign them.
fn demo_full_name(role: Role) -> &'static str {
    match role {
        Role::CaseOfficer => "Aynur Həsənova",
        Role::DecisionMaker => "Rəşad Quliyev",
        Role::Inspector => "Elvin Məmmədov",
        Role::Analyst => "Nigar Əliyeva",
        Role::Auditor => "Tural İsmayılov",
        Role::Admin => "Səbinə Rzayeva",
    }
}

/// One user per role, unless they exist: `(username, role, password)` of those created.
async fn demo_users(services: &Services, ctx: &Ctx) -> anyhow::Result<Vec<(String, Role, String)>> {
    let existing = services
        .list_users(ctx)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut created = Vec::new();
    for role in Role::ALL {
        let username = format!("demo.{}", role.as_str().replace('_', "-"));
        if existing.iter().any(|u| u.username == username) {
            continue;
        }
        let password = random_password()?;
        services
            .create_user(
                ctx,
                NewUserInput {
                    username: username.clone(),
                    role: role.as_str().into(),
                    office_code: demo_office(role).into(),
                    password: password.clone(),
                    // Demo accounts skip the mandatory second factor so the demo opens at once.
                    mfa_exempt: true,
                    full_name: demo_full_name(role).into(),
                },
            )
            .await
            .map_err(|e| anyhow::anyhow!("demo user {username}: {e}"))?;
        created.push((username, role, password));
    }
    Ok(created)
}

/// Seeds the demo: offices, users (passwords printed once and kept in the data directory),
/// then every registered seeder.
pub async fn seed(config: &Config, services: &Services) -> anyhow::Result<()> {
    let ctx = Ctx::system("demo");
    let mut created = Vec::new();
    for (name, seeder) in SEEDERS {
        seeder(services, &ctx)
            .await
            .with_context(|| format!("seeding {name}"))?;
        // The demo users exist before the data that names them (inspectors of inspections).
        if *name == "offices" {
            created = demo_users(services, &ctx).await?;
        }
    }
    let file = config.data_dir.join("demo-users.txt");
    if created.is_empty() {
        eprintln!(
            "Demo users exist already; their passwords are in {} (or reset one with \
             `umis user reset-password NAME --password-stdin`).",
            file.display()
        );
        return Ok(());
    }
    let mut text =
        String::from("UMIS demo users (exempt from the mandatory second factor; demo only):\n");
    for (username, role, password) in &created {
        text.push_str(&format!(
            "  {username:<24} {:<16} {password}\n",
            role.as_str()
        ));
    }
    eprint!("{text}");
    std::fs::create_dir_all(&config.data_dir).ok();
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(&file) {
        Ok(mut f) => {
            let _ = f.write_all(text.as_bytes());
            eprintln!("(also saved in {})", file.display());
        }
        Err(e) => eprintln!(
            "could not save the demo passwords in {}: {e}",
            file.display()
        ),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[tokio::test]
    async fn the_demo_has_a_year_of_border_traffic_with_overstays_and_seeds_once() {
        let db = umis_store::testing::sqlite().await;
        let services = Services::new(
            db.store.clone(),
            Arc::new(umis_service::SystemClock),
            umis_service::SecurityConfig::default(),
        );
        let ctx = Ctx::system("demo");
        // `umis demo` opens the database through `server::open`, which creates HQ.
        services
            .upsert_office(
                &ctx,
                Office {
                    code: "HQ".into(),
                    name: "Headquarters".into(),
                    national: true,
                },
            )
            .await
            .expect("HQ");
        for (name, seeder) in SEEDERS {
            seeder(&services, &ctx).await.expect("seed");
            if *name == "offices" {
                demo_users(&services, &ctx).await.expect("users");
            }
        }
        let events = services.store().count_border_events().await.expect("count");
        assert!(events > 500, "{events} events");
        // The border offices answer for the crossing points the traffic uses.
        let points = services.office_crossing_points().await.expect("points");
        assert_eq!(points.get("GYD-BCP"), Some(&vec!["GYD".to_owned()]));
        assert_eq!(points.get("ASTARA-BCP"), Some(&vec!["ASTARA".to_owned()]));
        // The regional departments answer for the regions the demo's hosts register in.
        let regions = services.office_regions().await.expect("regions");
        assert_eq!(regions.get("GANJA"), Some(&vec!["Ganja".to_owned()]));
        assert_eq!(
            regions.get("BAKU"),
            Some(&vec!["Baku".to_owned(), "Sumqayit".to_owned()])
        );
        // The traffic's stays are rebuilt before the demo starts.
        assert_eq!(
            services
                .store()
                .count_pending_stays()
                .await
                .expect("pending"),
            0
        );
        let today = services.local_today().to_string();
        let overstays = services
            .overstays(&ctx, &today, None, 1000)
            .await
            .expect("report");
        assert!(!overstays.is_empty(), "the demo has overstayers");
        assert!(
            overstays.len() < 100,
            "but only a sprinkling: {}",
            overstays.len()
        );
        // Applications of all seven types are open in the queue, some past their deadline.
        let open = services
            .application_queue(
                &ctx,
                &umis_service::QueueQuery {
                    limit: Some(200),
                    ..Default::default()
                },
            )
            .await
            .expect("queue");
        let types: std::collections::BTreeSet<&str> =
            open.items.iter().map(|c| c.app_type.as_str()).collect();
        assert_eq!(types.len(), 7, "{types:?}");
        assert!(
            open.items.iter().any(|c| c.clock == "overdue"),
            "some overdue"
        );
        let states: std::collections::BTreeSet<&str> =
            open.items.iter().map(|c| c.state.as_str()).collect();
        assert!(states.len() >= 7, "{states:?}");
        // What the demo's office users see: the inspector at the airport has inspections
        // (one carried out, counted by the analytics, one planned) and some officer of a
        // regional office (Baku's case officer) sees the overdue expulsion among their alerts.
        let as_user = |name: &str| {
            let services = services.clone();
            let name = name.to_owned();
            async move {
                let u = services
                    .store()
                    .find_user(&name)
                    .await
                    .expect("find")
                    .expect("demo user");
                Ctx::new(
                    umis_service::Actor::User(umis_service::UserActor {
                        id: u.id,
                        username: u.username,
                        role: u.role,
                        office_code: u.office_code,
                        lang: None,
                        totp_enabled: false,
                        must_enrol_mfa: false,
                    }),
                    None,
                )
            }
        };
        let inspector = as_user("demo.inspector").await;
        let inspections = services
            .inspections(&inspector, 50)
            .await
            .expect("inspections");
        assert_eq!(inspections.len(), 2, "{inspections:?}");
        assert!(inspections.iter().any(|i| i.carried_out_on.is_some()));
        let alerts = services
            .control_alerts(&as_user("demo.case-officer").await)
            .await
            .expect("alerts");
        assert!(
            alerts.overdue_expulsions.iter().any(|o| o.overdue),
            "the Baku case officer sees the overdue expulsion"
        );
        let applications = open.total;
        for (_, seeder) in SEEDERS {
            seeder(&services, &ctx).await.expect("seed again");
        }
        assert_eq!(
            services
                .application_queue(&ctx, &Default::default())
                .await
                .expect("queue")
                .total,
            applications,
            "a second start files nothing"
        );
        assert_eq!(
            services.store().count_border_events().await.expect("count"),
            events,
            "a second start adds nothing"
        );
    }
}
