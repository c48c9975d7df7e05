//! The overstay list and the stay panel in the back office, on both backends: filters, paging
//! links that open the person, the CSV download, a bad filter shown as an error, and no access
//! for roles that may not read persons.

mod common;

use axum::http::StatusCode;
use common::apps;
use std::collections::HashMap;
use umis_service::{BorderEventInput, Ctx};

fn event(id: &str, dir: &str, at: &str, doc: &str, nat: &str, surname: &str) -> BorderEventInput {
    let mut fields = HashMap::new();
    for (k, v) in [
        ("event_id", id),
        ("direction", dir),
        ("occurred_at", at),
        ("bcp", "GYD"),
        ("travel_mode", "air"),
        ("document_number", doc),
        ("document_issuing_state", nat),
        ("nationality", nat),
        ("surname", surname),
        ("given_names", "TEST"),
        ("birth_date", "1980-05-06"),
    ] {
        fields.insert(k.to_owned(), v.to_owned());
    }
    BorderEventInput { fields }
}

/// Creates an inspector for each `(username, office)`.
/// The airport's border office (GYD), a regional office answering for its own crossing point.
async fn airport_office(app: &common::App) {
    app.services
        .upsert_office(
            &Ctx::system("test"),
            umis_store::Office {
                code: "GYD".into(),
                name: "Heydar Aliyev airport".into(),
                national: false,
            },
        )
        .await
        .expect("office");
}

async fn add_inspectors(app: &common::App, who: &[(&str, &str)]) {
    for (name, office) in who {
        app.services
            .create_user(
                &Ctx::system("test"),
                umis_service::NewUserInput {
                    username: (*name).into(),
                    role: "inspector".into(),
                    office_code: (*office).into(),
                    password: common::PASSWORD.into(),
                    mfa_exempt: false,
                    full_name: String::new(),
                },
            )
            .await
            .expect("user");
    }
}

#[tokio::test]
async fn officers_list_overstays_and_open_the_person() {
    for app in apps().await {
        let b = app.backend;
        let report = app
            .services
            .ingest_border_events(
                &Ctx::system("test"),
                vec![
                    (
                        1,
                        event(
                            "U-1",
                            "entry",
                            "2026-06-01T10:00:00+04:00",
                            "R1",
                            "RUS",
                            "ORLOV",
                        ),
                    ),
                    (
                        2,
                        event(
                            "U-2",
                            "entry",
                            "2026-10-01T10:00:00+04:00",
                            "K1",
                            "KAZ",
                            "NURLANOV",
                        ),
                    ),
                    (
                        3,
                        event(
                            "U-3",
                            "entry",
                            "2026-12-20T10:00:00+04:00",
                            "G1",
                            "GEO",
                            "BERIDZE",
                        ),
                    ),
                ],
            )
            .await
            .expect("ingest");
        assert_eq!(report.accepted, 3, "{b}");
        let (mut jar, _) = app.login("officer").await;

        // On 15 January 2027 the June and October arrivals are past 90 days.
        let page = app
            .get("/control/overstays?as_of=2027-01-15", &mut jar)
            .await;
        assert_eq!(page.status, StatusCode::OK, "{b}: {}", page.body);
        assert_eq!(page.body.matches("data-overstay=").count(), 2, "{b}");
        assert!(
            page.body.contains("29.08.2026"),
            "{b}: the June arrival was lawful through 29 August (in the page's format)"
        );
        let kaz = app
            .get(
                "/control/overstays?as_of=2027-01-15&nationality=kaz&min_days=10",
                &mut jar,
            )
            .await;
        assert_eq!(kaz.body.matches("data-overstay=").count(), 1, "{b}");
        assert!(
            kaz.body.contains("<abbr title=\"KAZ\">Qazaxstan</abbr>"),
            "{b}: the citizenship by its name in the officer's language"
        );
        let none = app
            .get("/control/overstays?as_of=2027-01-15&min_days=200", &mut jar)
            .await;
        assert!(none.body.contains("id=\"overstays-empty\""), "{b}");
        let bad = app
            .get(
                "/control/overstays?as_of=2027-01-15&nationality=QQQ",
                &mut jar,
            )
            .await;
        assert_eq!(bad.status, StatusCode::OK, "{b}");
        assert!(bad.body.contains("id=\"overstays-error\""), "{b}");
        let bad = app
            .get("/control/overstays?as_of=2027-01-15&min_days=x", &mut jar)
            .await;
        assert!(bad.body.contains("id=\"overstays-error\""), "{b}");

        // The CSV download has the report's header and both rows.
        let csv = app
            .get("/control/overstays.csv?as_of=2027-01-15", &mut jar)
            .await;
        assert_eq!(csv.status, StatusCode::OK, "{b}");
        assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8", "{b}");
        assert!(
            csv.header("content-disposition")
                .contains("overstays-2027-01-15.csv"),
            "{b}"
        );
        assert_eq!(csv.body.lines().count(), 3, "{b}: {}", csv.body);

        // The row opens the person, whose page shows the stay and the crossing.
        let row = page.body.find("data-overstay=").expect("a row");
        let start =
            row + page.body[row..].find("href=\"").expect("a person link") + "href=\"".len();
        let link: String = page.body[start..]
            .chars()
            .take_while(|c| *c != '"')
            .collect();
        let person = app.get(&link.replace("&amp;", "&"), &mut jar).await;
        assert_eq!(person.status, StatusCode::OK, "{b}: {}", person.body);
        assert!(
            person.body.contains("id=\"stay-facts\""),
            "{b}: {}",
            &person.body[person.body.find("<main").unwrap_or(0)..]
        );
        assert!(person.body.contains("data-event=\"U-"), "{b}");

        // All three have stayed past 15 days unregistered on 15 January.
        let overdue = app
            .get("/control/registrations?as_of=2027-01-15", &mut jar)
            .await;
        assert_eq!(overdue.status, StatusCode::OK, "{b}: {}", overdue.body);
        assert_eq!(overdue.body.matches("data-overdue=").count(), 3, "{b}");
        let early = app
            .get("/control/registrations?as_of=2026-12-25", &mut jar)
            .await;
        assert_eq!(
            early.body.matches("data-overdue=").count(),
            2,
            "{b}: the Georgian arrived on 20 December"
        );
        let bad = app
            .get("/control/registrations?as_of=someday", &mut jar)
            .await;
        assert!(bad.body.contains("id=\"registrations-error\""), "{b}");

        // An expulsion past its deadline shows among the alerts and links to the person.
        let orlov = app
            .services
            .store()
            .document_holders("RUS", "R1")
            .await
            .expect("doc")[0];
        let orlov = umis_domain::person::PersonId::from_stored(orlov).to_string();
        app.services
            .order_expulsion(
                &Ctx::system("test"),
                &umis_service::ExpulsionInput {
                    person_id: orlov.clone(),
                    issuing_body: "SMS".into(),
                    grounds: "Overstay".into(),
                    informed_at: Some("2027-01-01T10:00:00+04:00".into()),
                    ..Default::default()
                },
            )
            .await
            .expect("order");
        let alerts = app.get("/control/alerts", &mut jar).await;
        assert_eq!(alerts.status, StatusCode::OK, "{b}: {}", alerts.body);
        assert!(
            alerts
                .body
                .contains(&format!("data-expulsion=\"{orlov}-1\"")),
            "{b}"
        );
        assert!(
            alerts.body.contains(&format!("href=\"/persons/{orlov}?")),
            "{b}"
        );
        assert!(alerts.body.contains("id=\"alerts-banned-empty\""), "{b}");

        // An administrator may not see personal data.
        let (mut admin, _) = app.login("admin").await;
        let denied = app.get("/control/overstays", &mut admin).await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN, "{b}");
        let denied = app
            .get("/control/overstays.csv?as_of=2027-01-15", &mut admin)
            .await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN, "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn inspectors_plan_an_inspection_record_persons_found_and_settle_fines() {
    for app in apps().await {
        let b = app.backend;
        app.services
            .create_user(
                &Ctx::system("test"),
                umis_service::NewUserInput {
                    username: "inspector".into(),
                    role: "inspector".into(),
                    office_code: "HQ".into(),
                    password: common::PASSWORD.into(),
                    mfa_exempt: false,
                    full_name: String::new(),
                },
            )
            .await
            .expect("user");
        let report = app
            .services
            .ingest_border_events(
                &Ctx::system("test"),
                vec![(
                    1,
                    event(
                        "I-1",
                        "entry",
                        "2026-08-01T10:00:00+04:00",
                        "UZ1",
                        "UZB",
                        "TOSHEV",
                    ),
                )],
            )
            .await
            .expect("ingest");
        assert_eq!(report.accepted, 1, "{b}");
        let holder = app
            .services
            .store()
            .document_holders("UZB", &umis_domain::person::fold_document_number("UZ1"))
            .await
            .expect("doc")[0];
        let person = umis_domain::person::PersonId::from_stored(holder).to_string();
        let (mut jar, csrf) = app.login("inspector").await;

        // Plan: a missing place is refused beside the form; then planned.
        let bad = app
            .post_form(
                "/control/inspections",
                &[
                    ("csrf", &csrf),
                    ("place", " "),
                    ("planned_on", "2027-01-15"),
                    ("inspectors", "inspector"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(bad.body.contains("id=\"plan-error\""), "{b}");
        let bad = app
            .post_form(
                "/control/inspections",
                &[
                    ("csrf", &csrf),
                    ("place", "Construction site, Xətai"),
                    ("planned_on", "2027-01-15"),
                    ("inspectors", "nobody"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(
            bad.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{b}: unknown inspector"
        );
        let res = app
            .post_form(
                "/control/inspections",
                &[
                    ("csrf", &csrf),
                    ("place", "Construction site, Xətai"),
                    ("employer", "Build LLC"),
                    ("employer_tax_id", "1700000001"),
                    ("planned_on", "2027-01-15"),
                    ("inspectors", "inspector"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let at = res.header("location");
        assert!(at.starts_with("/control/inspections/"), "{b}: {at}");
        let done = app
            .post_form(&format!("{at}/complete"), &[("csrf", &csrf)], &mut jar)
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{b}");

        // A fine without an amount is refused; with one it is recorded with the person's status.
        let no_amount = app
            .post_form(
                &format!("{at}/findings"),
                &[
                    ("csrf", &csrf),
                    ("person_id", &person),
                    ("violation_article", "575.1"),
                    ("decision", "fine"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(no_amount.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(no_amount.body.contains("id=\"finding-error\""), "{b}");
        let res = app
            .post_form(
                &format!("{at}/findings"),
                &[
                    ("csrf", &csrf),
                    ("person_id", &person),
                    ("violation_article", "575.1"),
                    ("violation_text", "Working without a permit, stay expired"),
                    ("decision", "fine"),
                    ("fine_amount", "350"),
                    ("fine_due", "2027-02-15"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let page = app.get(&at, &mut jar).await;
        assert!(
            page.body.contains(&format!("data-finding=\"{person}-1\"")),
            "{b}"
        );
        assert!(page.body.contains("350 AZN"), "{b}");
        let (id, ..) = app
            .services
            .inspection(
                &Ctx::system("test"),
                at.rsplit('/').next().unwrap_or("0").parse().expect("id"),
            )
            .await
            .expect("view");
        let findings = app
            .services
            .store()
            .findings_of(id.inspection_id)
            .await
            .expect("findings");
        assert_eq!(
            findings[0].basis, "none",
            "{b}: 1 August + 90 days ended on 29 October"
        );
        assert_eq!(findings[0].overstay_days, 78, "{b}");
        let paid = app
            .post_form(
                &format!("{at}/findings/{person}/1/paid"),
                &[("csrf", &csrf)],
                &mut jar,
            )
            .await;
        assert_eq!(paid.status, StatusCode::SEE_OTHER, "{b}");
        let again = app
            .post_form(
                &format!("{at}/findings/{person}/1/paid"),
                &[("csrf", &csrf)],
                &mut jar,
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{b}: paid once");
        // A refused expulsion finding issues no order.
        let long = "x".repeat(2001);
        let refused = app
            .post_form(
                &format!("{at}/findings"),
                &[
                    ("csrf", &csrf),
                    ("person_id", &person),
                    ("violation_article", "578.2"),
                    ("violation_text", &long),
                    ("decision", "expulsion"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(
            app.services
                .store()
                .expulsion_orders_of(holder)
                .await
                .expect("orders")
                .is_empty(),
            "{b}: nothing ordered"
        );
        // An expulsion decision issues the order and its ban.
        let res = app
            .post_form(
                &format!("{at}/findings"),
                &[
                    ("csrf", &csrf),
                    ("person_id", &person),
                    ("violation_article", "578.2"),
                    ("decision", "expulsion"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let orders = app
            .services
            .store()
            .expulsion_orders_of(holder)
            .await
            .expect("orders");
        assert_eq!(orders.len(), 1, "{b}");
        assert!(orders[0].ban_entry_id.is_some(), "{b}");
        // A path that names no inspection is the translated not-found page.
        let missing = app.get("/control/inspections/abc", &mut jar).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND, "{b}");
        assert!(missing.body.contains("id=\"error-page\""), "{b}");
        let missing = app
            .post_form(
                &format!("{at}/findings/{person}/x/paid"),
                &[("csrf", &csrf)],
                &mut jar,
            )
            .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND, "{b}");
        // A case officer may read but not record.
        let (mut officer, officer_csrf) = app.login("officer").await;
        let view = app.get(&at, &mut officer).await;
        assert_eq!(view.status, StatusCode::OK, "{b}");
        assert!(!view.body.contains("id=\"finding-form\""), "{b}");
        let denied = app
            .post_form(
                &format!("{at}/findings"),
                &[("csrf", &officer_csrf), ("person_id", &person)],
                &mut officer,
            )
            .await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN, "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn officers_of_a_border_office_see_the_alerts_and_inspections_of_their_office() {
    for app in apps().await {
        let b = app.backend;
        let sys = Ctx::system("test");
        airport_office(&app).await;
        add_inspectors(&app, &[("gyd.inspector", "GYD"), ("hq.inspector", "HQ")]).await;
        // Two banned persons come back: one through the airport, one by land at Astara.
        let mut events = Vec::new();
        for (i, (doc, nat)) in [("BAN1", "IRN"), ("BAN2", "IRN")].iter().enumerate() {
            events.push((
                i + 1,
                event(
                    &format!("P-{i}"),
                    "entry",
                    "2026-06-01T10:00:00+04:00",
                    doc,
                    nat,
                    "BANNED",
                ),
            ));
        }
        let r = app
            .services
            .ingest_border_events(&sys, events)
            .await
            .expect("ingest");
        assert_eq!(r.accepted, 2, "{b}");
        for doc in ["BAN1", "BAN2"] {
            let id = app
                .services
                .store()
                .document_holders("IRN", &umis_domain::person::fold_document_number(doc))
                .await
                .expect("doc")[0];
            app.services
                .order_expulsion(
                    &sys,
                    &umis_service::ExpulsionInput {
                        person_id: umis_domain::person::PersonId::from_stored(id).to_string(),
                        issuing_body: "MIA".into(),
                        grounds: "Overstay".into(),
                        informed_at: Some("2026-07-01T10:00:00+04:00".into()),
                        ..Default::default()
                    },
                )
                .await
                .expect("order");
        }
        let mut returns = Vec::new();
        for (i, (doc, bcp)) in [("BAN1", "GYD"), ("BAN2", "ASTARA")].iter().enumerate() {
            let mut e = event(
                &format!("Q-{i}"),
                "exit",
                "2026-07-02T10:00:00+04:00",
                doc,
                "IRN",
                "BANNED",
            );
            e.fields.insert("bcp".into(), (*bcp).into());
            returns.push((2 * i + 1, e));
            let mut e = event(
                &format!("R-{i}"),
                "entry",
                "2027-01-15T10:00:00+04:00",
                doc,
                "IRN",
                "BANNED",
            );
            e.fields.insert("bcp".into(), (*bcp).into());
            returns.push((2 * i + 2, e));
        }
        let r = app
            .services
            .ingest_border_events(&sys, returns)
            .await
            .expect("ingest");
        assert_eq!(r.accepted, 4, "{b}");

        let (mut hq, _) = app.login("hq.inspector").await;
        let page = app.get("/control/alerts", &mut hq).await;
        assert_eq!(
            page.body.matches("data-banned=").count(),
            2,
            "{b}: HQ sees every crossing point"
        );
        let (mut gyd, gyd_csrf) = app.login("gyd.inspector").await;
        let page = app.get("/control/alerts", &mut gyd).await;
        assert_eq!(
            page.body.matches("data-banned=").count(),
            1,
            "{b}: the airport sees its own"
        );
        assert!(
            page.body
                .contains("<abbr title=\"GYD\">Heydər Əliyev Beynəlxalq Aeroportu (Bakı)</abbr>"),
            "{b}: the crossing point by its name"
        );

        // Two more travellers arrive, one through the airport, one at Astara; the police
        // order both out and the deadlines pass. Each office sees the overdue order of the
        // person it answers for (entered through its crossing point), although another body
        // made it.
        let mut arrivals = Vec::new();
        for (i, (doc, nat, name, bcp)) in [
            ("OVR1", "TUR", "STAYER", "GYD"),
            ("OVR2", "GEO", "WALKER", "ASTARA"),
        ]
        .iter()
        .enumerate()
        {
            let mut e = event(
                &format!("S-{i}"),
                "entry",
                "2027-01-05T10:00:00+04:00",
                doc,
                nat,
                name,
            );
            e.fields.insert("bcp".into(), (*bcp).into());
            arrivals.push((i + 1, e));
        }
        let r = app
            .services
            .ingest_border_events(&sys, arrivals)
            .await
            .expect("ingest");
        assert_eq!(r.accepted, 2, "{b}");
        let mut ids = Vec::new();
        for (nat, doc) in [("TUR", "OVR1"), ("GEO", "OVR2")] {
            let id = app
                .services
                .store()
                .document_holders(nat, &umis_domain::person::fold_document_number(doc))
                .await
                .expect("doc")[0];
            let id = umis_domain::person::PersonId::from_stored(id).to_string();
            app.services
                .order_expulsion(
                    &sys,
                    &umis_service::ExpulsionInput {
                        person_id: id.clone(),
                        issuing_body: "MIA".into(),
                        grounds: "Overstay".into(),
                        informed_at: Some("2027-01-12T10:00:00+04:00".into()),
                        ..Default::default()
                    },
                )
                .await
                .expect("order");
            ids.push(id);
        }
        let page = app.get("/control/alerts", &mut gyd).await;
        assert!(
            page.body.contains(&format!("data-expulsion=\"{}-", ids[0])),
            "{b}: the airport sees the overdue order of the person who entered there"
        );
        assert!(
            page.body.contains("<bdi class=\"name\">STAYER"),
            "{b}: the person is named beside the number"
        );
        assert!(
            !page.body.contains(&format!("data-expulsion=\"{}-", ids[1])),
            "{b}: not the one who entered at Astara"
        );
        let page = app.get("/control/alerts", &mut hq).await;
        assert_eq!(
            page.body.matches("data-expulsion=").count(),
            2,
            "{b}: HQ sees both"
        );

        // The administrator lets the airport office answer for Astara too; a bad list is
        // refused and changes nothing.
        let (mut admin, admin_csrf) = app.login("admin").await;
        let bad = app
            .post_form(
                "/admin/offices",
                &[
                    ("csrf", &admin_csrf),
                    ("code", "GYD"),
                    ("name", "Heydar Aliyev airport and Astara"),
                    ("crossing_points", "GYD, Astara!"),
                ],
                &mut admin,
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(bad.body.contains("id=\"of-bcps-error\""), "{b}");
        let office = app.services.store().find_office("GYD").await.expect("find");
        assert_eq!(
            office.map(|o| o.name),
            Some("Heydar Aliyev airport".to_owned()),
            "{b}: nothing saved"
        );
        let res = app
            .post_form(
                "/admin/offices",
                &[
                    ("csrf", &admin_csrf),
                    ("code", "GYD"),
                    ("name", "Heydar Aliyev airport and Astara"),
                    ("crossing_points", "gyd, astara ,GYD"),
                ],
                &mut admin,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let offices = app.get("/admin/offices", &mut admin).await;
        assert!(
            offices
                .body
                .contains("<td data-crossing-points>ASTARA, GYD</td>"),
            "{b}: {}",
            offices.body
        );
        let page = app.get("/control/alerts", &mut gyd).await;
        assert_eq!(
            page.body.matches("data-banned=").count(),
            2,
            "{b}: the airport office now answers for Astara too"
        );
        let only = app
            .services
            .set_office_crossing_points(&sys, "GYD", &["ASTARA".to_owned()])
            .await
            .expect("crossing points");
        assert_eq!(only, vec!["ASTARA".to_owned()], "{b}");
        let page = app.get("/control/alerts", &mut gyd).await;
        assert_eq!(page.body.matches("data-banned=").count(), 1, "{b}");
        assert!(
            page.body
                .contains("<abbr title=\"ASTARA\">Astara (avtomobil)</abbr>"),
            "{b}"
        );
        // An empty list returns the office to the crossing point with its own code.
        app.services
            .set_office_crossing_points(&sys, "GYD", &[])
            .await
            .expect("cleared");
        let page = app.get("/control/alerts", &mut gyd).await;
        assert!(
            page.body
                .contains("<abbr title=\"GYD\">Heydər Əliyev Beynəlxalq Aeroportu (Bakı)</abbr>"),
            "{b}: the crossing point by its name"
        );
        assert!(!page.body.contains("title=\"ASTARA\""), "{b}");
        // Only administrators set them; an unknown office is not found.
        let denied = app
            .post_form(
                "/admin/offices",
                &[
                    ("csrf", &gyd_csrf),
                    ("code", "GYD"),
                    ("name", "Airport"),
                    ("crossing_points", "GYD,ASTARA,SAMUR"),
                ],
                &mut gyd,
            )
            .await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN, "{b}");
        let missing = app
            .services
            .set_office_crossing_points(&sys, "NOWHERE", &[])
            .await;
        assert!(
            matches!(missing, Err(umis_service::ServiceError::NotFound)),
            "{b}"
        );

        // Inspections: the airport's officers see the airport's.
        let planned = app
            .services
            .plan_inspection(
                &sys,
                &umis_service::InspectionInput {
                    place: "HQ operation".into(),
                    planned_on: "2027-01-15".into(),
                    inspectors: "hq.inspector".into(),
                    ..Default::default()
                },
            )
            .await
            .expect("plan");
        let res = app
            .post_form(
                "/control/inspections",
                &[
                    ("csrf", &gyd_csrf),
                    ("place", "Arrivals hall"),
                    ("planned_on", "2027-01-15"),
                    ("inspectors", "gyd.inspector"),
                ],
                &mut gyd,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let list = app.get("/control/inspections", &mut gyd).await;
        assert_eq!(list.body.matches("data-inspection=").count(), 1, "{b}");
        assert!(list.body.contains("Arrivals hall"), "{b}");
        let other = app
            .get(&format!("/control/inspections/{planned}"), &mut gyd)
            .await;
        assert_eq!(other.status, StatusCode::NOT_FOUND, "{b}");
        // Planned by a partner system for the airport's inspector: the airport sees it.
        let assigned = app
            .services
            .plan_inspection(
                &sys,
                &umis_service::InspectionInput {
                    place: "Cargo terminal".into(),
                    planned_on: "2027-01-16".into(),
                    inspectors: "gyd.inspector".into(),
                    ..Default::default()
                },
            )
            .await
            .expect("plan");
        let list = app.get("/control/inspections", &mut gyd).await;
        assert!(
            list.body
                .contains(&format!("data-inspection=\"{assigned}\"")),
            "{b}: the inspection assigned to the airport's inspector"
        );
        assert_eq!(list.body.matches("data-inspection=").count(), 2, "{b}");
        let all = app.get("/control/inspections", &mut hq).await;
        assert_eq!(all.body.matches("data-inspection=").count(), 3, "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn officers_of_a_regional_office_see_the_overstays_and_overdue_registrations_of_their_region()
{
    for app in apps().await {
        let b = app.backend;
        let sys = Ctx::system("test");
        // Ganja's department answers for the region; the airport office for its crossing point.
        let (_, regions) = app
            .services
            .save_office(
                &sys,
                umis_store::Office {
                    code: "GANJA".into(),
                    name: "Ganja Regional Department".into(),
                    national: false,
                },
                None,
                Some(&[" Ganja ".to_owned(), String::new()]),
            )
            .await
            .expect("office");
        assert_eq!(regions, Some(vec!["Ganja".to_owned()]), "{b}");
        let baku = umis_store::Office {
            code: "BAKU".into(),
            name: "Baku City Main Department".into(),
            national: false,
        };
        app.services
            .save_office(&sys, baku.clone(), None, Some(&["Baku".to_owned()]))
            .await
            .expect("office");
        airport_office(&app).await;
        add_inspectors(
            &app,
            &[
                ("ganja.inspector", "GANJA"),
                ("gyd.inspector", "GYD"),
                ("hq.inspector", "HQ"),
            ],
        )
        .await;
        // Three arrivals at the airport: one registered in Ganja, one in Baku, one nowhere.
        let report = app
            .services
            .ingest_border_events(
                &sys,
                vec![
                    (
                        1,
                        event(
                            "G-1",
                            "entry",
                            "2026-06-01T10:00:00+04:00",
                            "GA1",
                            "RUS",
                            "GANJALI",
                        ),
                    ),
                    (
                        2,
                        event(
                            "G-2",
                            "entry",
                            "2026-06-01T11:00:00+04:00",
                            "BA1",
                            "RUS",
                            "BAKULI",
                        ),
                    ),
                    (
                        3,
                        event(
                            "G-3",
                            "entry",
                            "2026-10-01T10:00:00+04:00",
                            "NO1",
                            "KAZ",
                            "NOWHERE",
                        ),
                    ),
                ],
            )
            .await
            .expect("ingest");
        assert_eq!(report.accepted, 3, "{b}");
        for (doc, region) in [("GA1", "ganja"), ("BA1", "Baku")] {
            app.services
                .register_stay(
                    &sys,
                    &umis_service::RegistrationInput {
                        document_number: Some(doc.into()),
                        document_issuing_state: Some("RUS".into()),
                        host_kind: "hotel".into(),
                        host_name: "Hotel".into(),
                        address: "1 Main street".into(),
                        region: Some(region.into()),
                        arrival_date: "2026-06-02".into(),
                        ..Default::default()
                    },
                )
                .await
                .expect("registration");
        }
        let rows = |body: &str, marker: &str| body.matches(marker).count();
        let (mut hq, _) = app.login("hq.inspector").await;
        let (mut ganja, _) = app.login("ganja.inspector").await;
        let (mut gyd, _) = app.login("gyd.inspector").await;
        let overstays = "/control/overstays?as_of=2027-01-15";
        let page = app.get(overstays, &mut hq).await;
        assert_eq!(page.status, StatusCode::OK, "{b}: {}", page.body);
        assert_eq!(rows(&page.body, "data-overstay="), 3, "{b}: HQ sees all");
        let page = app.get(overstays, &mut ganja).await;
        assert_eq!(rows(&page.body, "data-overstay="), 1, "{b}: {}", page.body);
        assert!(
            page.body.contains("GA1"),
            "{b}: registered in Ganja (any case)"
        );
        let page = app.get(overstays, &mut gyd).await;
        assert_eq!(rows(&page.body, "data-overstay="), 1, "{b}: {}", page.body);
        assert!(
            page.body.contains("NO1"),
            "{b}: the unregistered traveller belongs to the crossing point of entry"
        );
        // Registered in a region no office lists, a person belongs to the crossing point again.
        app.services
            .save_office(&sys, baku, None, Some(&[]))
            .await
            .expect("office");
        let page = app.get(overstays, &mut gyd).await;
        assert_eq!(rows(&page.body, "data-overstay="), 2, "{b}: {}", page.body);
        assert!(page.body.contains("BA1"), "{b}");
        // On 15 November the unregistered traveller is past the registration deadline.
        let overdue = "/control/registrations?as_of=2026-11-15";
        let page = app.get(overdue, &mut hq).await;
        assert_eq!(rows(&page.body, "data-overdue="), 1, "{b}: {}", page.body);
        let page = app.get(overdue, &mut gyd).await;
        assert_eq!(rows(&page.body, "data-overdue="), 1, "{b}: {}", page.body);
        let page = app.get(overdue, &mut ganja).await;
        assert_eq!(rows(&page.body, "data-overdue="), 0, "{b}: {}", page.body);
        // Through the administrator's form: a region name too long is refused with the field's
        // message, and nothing is saved.
        let (mut admin, admin_csrf) = app.login("admin").await;
        let long = "R".repeat(101);
        let bad = app
            .post_form(
                "/admin/offices",
                &[
                    ("csrf", &admin_csrf),
                    ("code", "GANJA"),
                    ("name", "Ganja and beyond"),
                    ("crossing_points", ""),
                    ("regions", &format!("Ganja; {long}")),
                ],
                &mut admin,
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(bad.body.contains("id=\"of-regions-error\""), "{b}");
        let office = app
            .services
            .store()
            .find_office("GANJA")
            .await
            .expect("find");
        assert_eq!(
            office.map(|o| o.name),
            Some("Ganja Regional Department".to_owned()),
            "{b}: nothing saved"
        );
        let res = app
            .post_form(
                "/admin/offices",
                &[
                    ("csrf", &admin_csrf),
                    ("code", "GANJA"),
                    ("name", "Ganja Regional Department"),
                    ("crossing_points", ""),
                    ("regions", "ganja ;Goygol;"),
                ],
                &mut admin,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let offices = app.get("/admin/offices", &mut admin).await;
        assert!(
            offices.body.contains("<td data-regions>Goygol; ganja</td>"),
            "{b}: {}",
            offices.body
        );
        // A region list with a control character is refused and leaves the stored one.
        let bad = app
            .services
            .save_office(
                &sys,
                umis_store::Office {
                    code: "GANJA".into(),
                    name: "Ganja Regional Department".into(),
                    national: false,
                },
                None,
                Some(&["Gan\u{7}ja".to_owned()]),
            )
            .await;
        assert!(
            matches!(
                bad,
                Err(umis_service::ServiceError::Validation {
                    field: "regions",
                    ..
                })
            ),
            "{b}"
        );
        let page = app.get(overstays, &mut ganja).await;
        assert_eq!(rows(&page.body, "data-overstay="), 1, "{b}");
        app.cleanup().await;
    }
}
