//! Screening through the API on both backends: entry bans by MRZ or name and date of birth,
//! stolen documents with OCR-confused numbers, lifted and expired bans, and bad input.

mod common;

use axum::http::{Method, StatusCode};
use common::apps;
use serde_json::json;
use umis_domain::mrz::{Date, MrzBuilder, MrzFormat, PartialDate, Sex};
use umis_service::{Ctx, WatchInput};

fn mrz(surname: &str, given: &str, born: (i32, u8, u8)) -> String {
    MrzBuilder::new(MrzFormat::Td3)
        .document_code("P")
        .issuing_state("AZE")
        .name(surname, given)
        .document_number("C77712345")
        .nationality("AZE")
        .birth_date(PartialDate {
            year: born.0,
            month: Some(born.1),
            day: Some(born.2),
        })
        .sex(Sex::Male)
        .expiry_date(Date {
            year: 2031,
            month: 1,
            day: 1,
        })
        .build()
        .expect("mrz")
}

fn ban(surname: &str, given: &str, born: &str, valid_to: &str) -> WatchInput {
    WatchInput {
        list: "entry_ban".into(),
        surname: Some(surname.into()),
        given_names: Some(given.into()),
        birth_date: Some(born.into()),
        nationality: Some("AZE".into()),
        ground: Some("prior_expulsion".into()),
        issuing_body: Some("SMS".into()),
        valid_from: Some("2026-01-01".into()),
        valid_to: Some(valid_to.into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn bans_and_stolen_documents_are_found_and_explained() {
    for app in apps().await {
        let b = app.backend;
        let cli = Ctx::system("cli");
        // The test clock stands at 2027-01-15.
        let id = app
            .services
            .add_watch_entry(&cli, &ban("Aliyev", "Rashad", "1980-05-05", "2031-01-01"))
            .await
            .expect("ban");
        let expired = ban("Huseynov", "Orkhan", "1990-01-01", "2026-06-30");
        app.services
            .add_watch_entry(&cli, &expired)
            .await
            .expect("old ban");
        let token = app.token("sbs", "screening:read").await;
        let screen = |body: serde_json::Value| {
            let (app, token) = (&app, token.clone());
            async move {
                app.api(
                    Method::POST,
                    "/api/v1/screening",
                    Some(&token),
                    Some(&body.to_string()),
                )
                .await
            }
        };

        let res = screen(json!({ "mrz": mrz("ALIYEV", "RASHAD", (1980, 5, 5)) })).await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        let r = res.json();
        assert_eq!(r["decision"], "refer", "{b}: {r}");
        assert_eq!(r["hits"][0]["entry_id"], id, "{b}");
        assert_eq!(r["hits"][0]["ground"], "prior_expulsion", "{b}");
        assert!(
            r["hits"][0]["reasons"]
                .to_string()
                .contains("birth date: exact"),
            "{b}: {r}"
        );

        // The same ban is found from another script and spelling.
        let r = screen(
            json!({ "surname": "Алиев", "given_names": "Рашад", "birth_date": "1980-05-05" }),
        )
        .await
        .json();
        assert_eq!(r["decision"], "refer", "{b}: Cyrillic: {r}");
        // Same name, other date of birth: shown, but not a reason to stop the traveller.
        let r = screen(
            json!({ "surname": "Aliyev", "given_names": "Rashad", "birth_date": "1991-02-03" }),
        )
        .await
        .json();
        assert_eq!(r["decision"], "clear", "{b}: {r}");
        assert_eq!(r["hits"].as_array().map(Vec::len), Some(1), "{b}");
        // A ban past its end date no longer counts.
        let r = screen(
            json!({ "surname": "Huseynov", "given_names": "Orkhan", "birth_date": "1990-01-01" }),
        )
        .await
        .json();
        assert_eq!(
            (r["decision"].as_str(), r["hits"].as_array().map(Vec::len)),
            (Some("clear"), Some(0)),
            "{b}"
        );

        // A stolen passport is found even with O typed for 0.
        let writer = app.token("mia", "persons:write").await;
        let person = json!({"surname": "Quliyev", "documents": [{"issuing_state": "AZE", "number": "C01234567", "status": "stolen"}]});
        let res = app
            .api(
                Method::POST,
                "/api/v1/persons",
                Some(&writer),
                Some(&person.to_string()),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{b}");
        let r = screen(json!({ "document_number": "CO1234567" }))
            .await
            .json();
        assert_eq!(r["decision"], "refer", "{b}: {r}");
        assert_eq!(r["hits"][0]["list"], "stolen_document", "{b}");
        assert_eq!(r["hits"][0]["person_id"], res.json()["person_id"], "{b}");

        // Lifting the ban clears the traveller.
        app.services.lift_watch_entry(&cli, id).await.expect("lift");
        let r = screen(json!({ "mrz": mrz("ALIYEV", "RASHAD", (1980, 5, 5)) }))
            .await
            .json();
        assert_eq!(r["decision"], "clear", "{b}: {r}");
        let checks = app
            .audit()
            .await
            .iter()
            .filter(|e| e.entry.action == "screening.check")
            .count();
        assert_eq!(checks, 6, "{b}: every screening is audited");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn bad_screenings_and_bad_bans_are_refused() {
    for app in apps().await {
        let b = app.backend;
        let token = app.token("sbs", "screening:read").await;
        for (body, field) in [
            (json!({}), "surname"),
            (json!({ "mrz": "P<AZE\nbroken" }), "mrz"),
            (json!({ "surname": "x".repeat(300) }), "surname"),
        ] {
            let res = app
                .api(
                    Method::POST,
                    "/api/v1/screening",
                    Some(&token),
                    Some(&body.to_string()),
                )
                .await;
            assert_eq!(
                res.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{b}: {body}: {}",
                res.body
            );
            assert_eq!(res.json()["errors"][0]["field"], field, "{b}");
        }
        let reader = app.token("mia", "persons:read").await;
        let res = app
            .api(
                Method::POST,
                "/api/v1/screening",
                Some(&reader),
                Some(r#"{"surname":"A"}"#),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}");

        let cli = Ctx::system("cli");
        let mut no_ground = ban("Aliyev", "Rashad", "1980", "2030-01-01");
        no_ground.ground = Some("bad_mood".into());
        let mut no_end = ban("Aliyev", "Rashad", "1980", "2030-01-01");
        no_end.valid_to = None;
        let mut reversed = ban("Aliyev", "Rashad", "1980", "2025-01-01");
        reversed.valid_from = Some("2026-01-01".into());
        for (input, field) in [
            (no_ground, "ground"),
            (no_end, "valid_to"),
            (reversed, "valid_to"),
        ] {
            match app.services.add_watch_entry(&cli, &input).await {
                Err(umis_service::ServiceError::Validation { field: f, .. }) => {
                    assert_eq!(f, field, "{b}")
                }
                other => panic!("{b}: {field}: {other:?}"),
            }
        }
        assert!(
            app.services
                .store()
                .list_watch_entries(None, 10)
                .await
                .expect("list")
                .is_empty(),
            "{b}"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_ban_on_a_registered_person_is_found_under_another_script() {
    for app in apps().await {
        let b = app.backend;
        let writer = app.token("registry", "persons:read,persons:write").await;
        let res = app
            .api(
                Method::POST,
                "/api/v1/persons",
                Some(&writer),
                Some(
                    &json!({"surname": "Məmmədov", "given_names": "Elçin", "sex": "M",
                            "birth_date": "1979-03-21", "nationalities": ["AZE"]})
                    .to_string(),
                ),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{b}: {}", res.body);
        let person = res.json()["person_id"].as_str().expect("id").to_owned();
        // The ban names the person only by number.
        let cli = Ctx::system("cli");
        let entry = app
            .services
            .add_watch_entry(
                &cli,
                &WatchInput {
                    list: "entry_ban".into(),
                    person_id: Some(person.clone()),
                    ground: Some("prior_expulsion".into()),
                    issuing_body: Some("SMS".into()),
                    valid_from: Some("2026-01-01".into()),
                    valid_to: Some("2031-01-01".into()),
                    ..Default::default()
                },
            )
            .await
            .expect("ban");
        let token = app.token("sbs", "screening:read").await;
        let screen = |body: serde_json::Value| {
            let (app, token) = (&app, token.clone());
            async move {
                app.api(
                    Method::POST,
                    "/api/v1/screening",
                    Some(&token),
                    Some(&body.to_string()),
                )
                .await
            }
        };
        for body in [
            json!({"surname": "Мамедов", "given_names": "Эльчин", "birth_date": "1979-03-21"}),
            json!({ "mrz": mrz("MAMMADOV", "ELCHIN", (1979, 3, 21)) }),
        ] {
            let res = screen(body.clone()).await;
            assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
            let out = res.json();
            assert_eq!(out["decision"], "refer", "{b}: {body} → {out}");
            let hit = &out["hits"][0];
            assert_eq!(hit["entry_id"], entry, "{b}");
            assert_eq!(hit["person_id"], person.as_str(), "{b}");
            assert!(
                hit["reasons"].to_string().contains("registered person"),
                "{b}: {hit}"
            );
        }
        // A namesake born decades later is not that person.
        let res = screen(
            json!({"surname": "Mamedov", "given_names": "Elchin", "birth_date": "2004-11-02"}),
        )
        .await;
        assert_eq!(res.json()["decision"], "clear", "{b}: {}", res.body);
        app.cleanup().await;
    }
}
