//! The demo's enforcement cases: hotel registrations of long stays, expulsion orders for the
//! oldest overstayers (one past its deadline), and inspections at the airport.

use umis_service::{Ctx, Services};

/// Hotels register most long stays (some late, a few never); the oldest overstayers get
/// expulsion orders, one of which is past its departure deadline; an inspection found one.
pub(crate) async fn seed_enforcement(services: &Services, ctx: &Ctx) -> anyhow::Result<()> {
    let today = services.local_today();
    let err = |e: umis_service::ServiceError| anyhow::anyhow!("demo enforcement: {e}");
    // Stays that have needed a registration: present persons past 15 days, by number.
    let overdue = services
        .overdue_registrations(ctx, &today.to_string(), None, 1000)
        .await
        .map_err(err)?;
    let hotels = [
        "Old City Inn",
        "Caspian Plaza",
        "Ganja Palace",
        "Seaside Suites",
    ];
    for (i, o) in overdue.iter().enumerate() {
        if i % 5 == 4 {
            continue; // never registered
        }
        let Some(entry) = o.entry_date.clone() else {
            continue;
        };
        let input = umis_service::RegistrationInput {
            person_id: Some(o.person_id.clone()),
            host_kind: "hotel".into(),
            host_name: hotels[i % hotels.len()].into(),
            address: format!(
                "{} street {}",
                ["Nizami", "Istiqlaliyyat", "Azadliq"][i % 3],
                10 + i
            ),
            region: Some(["Baku", "Ganja", "Sumqayit"][i % 3].into()),
            arrival_date: entry,
            external_ref: Some(format!("DEMO-REG-{i}")),
            ..Default::default()
        };
        if let Err(e) = services.register_stay(ctx, &input).await {
            tracing::debug!(error = %e, "demo registration skipped");
        }
    }
    let overstays = services
        .overstays(ctx, &today.to_string(), None, 1000)
        .await
        .map_err(err)?;
    // The Baku department's overstayers come first, so that the demo's case officer (of that
    // department) finds the overdue order among their alerts.
    let baku: std::collections::HashSet<String> = services
        .store()
        .list_overstays(&today.to_string(), None, None, Some("BAKU"), None, 1000)
        .await
        .map_err(|e| anyhow::anyhow!("demo enforcement: {e}"))?
        .into_iter()
        .map(|o| umis_domain::person::PersonId::from_stored(o.person_id).to_string())
        .collect();
    let mut oldest: Vec<&umis_service::OverstayLine> = overstays.iter().collect();
    oldest.sort_by_key(|o| {
        (
            !baku.contains(&o.person_id),
            std::cmp::Reverse(o.overstay_days),
        )
    });
    for (i, o) in oldest.iter().take(3).enumerate() {
        // Informed an hour ago (still within its 48 hours), or five days ago for the first
        // order, which is past its deadline and shows among the alerts. Taken from the clock,
        // not from a fixed hour of the local day, so it is never in the future.
        let informed = time::OffsetDateTime::now_utc()
            - if i == 0 {
                time::Duration::days(5)
            } else {
                time::Duration::hours(1)
            };
        let informed = informed
            .replace_nanosecond(0)
            .unwrap_or(informed)
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(|e| anyhow::anyhow!("time format: {e}"))?;
        let input = umis_service::ExpulsionInput {
            person_id: o.person_id.clone(),
            issuing_body: if i == 2 { "COURT" } else { "SMS" }.into(),
            grounds: format!("Stay without lawful basis for {} days", o.overstay_days),
            decision_ref: Some(format!("DEMO-EXP-{}", i + 1)),
            informed_at: Some(informed),
            ..Default::default()
        };
        services.order_expulsion(ctx, &input).await.map_err(err)?;
    }
    if let Some(found) = oldest.get(3) {
        let id = services
            .plan_inspection(
                ctx,
                &umis_service::InspectionInput {
                    place: "Construction site, Xətai district".into(),
                    employer: Some("Demo Build LLC".into()),
                    employer_tax_id: Some("1700000001".into()),
                    planned_on: today.to_string(),
                    inspectors: "demo.inspector".into(),
                    notes: None,
                },
            )
            .await
            .map_err(err)?;
        services
            .record_finding(
                ctx,
                id,
                &umis_service::FindingInput {
                    person_id: found.person_id.clone(),
                    violation_article: Some("575.1".into()),
                    violation_text: Some("Stay without lawful basis".into()),
                    decision: Some("fine".into()),
                    fine_amount: Some(350),
                    fine_due: Some((today + time::Duration::days(30)).to_string()),
                },
            )
            .await
            .map_err(err)?;
        // Carried out today: it counts in the analytics' inspections.
        services
            .complete_inspection(ctx, id, Some(&today.to_string()))
            .await
            .map_err(err)?;
        // And the next one on the inspector's list.
        services
            .plan_inspection(
                ctx,
                &umis_service::InspectionInput {
                    place: "Hotel row, Nizami street".into(),
                    employer: None,
                    employer_tax_id: None,
                    planned_on: (today + time::Duration::days(3)).to_string(),
                    inspectors: "demo.inspector".into(),
                    notes: None,
                },
            )
            .await
            .map_err(err)?;
    }
    Ok(())
}
