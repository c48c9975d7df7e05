//! The person registry through the API on both backends: create with names in several scripts,
//! documents and nationalities; view (audited with its purpose); list with cursors; attach
//! documents; and every kind of bad input refused with the offending field named and nothing
//! stored.

mod common;

use axum::http::{Method, StatusCode};
use common::apps;
use serde_json::json;

fn person_body() -> serde_json::Value {
    json!({
        "surname": "Məmmədov",
        "given_names": "Elçin",
        "patronymic": "Əli oğlu",
        "sex": "M",
        "birth_date": "1985-03",
        "place_of_birth": "Bakı",
        "nationalities": ["AZE", "RUS"],
        "external_id": "mia-000123",
        "aliases": [{"surname": "Мамедов", "given_names": "Эльчин"}],
        "documents": [{"type": "passport", "issuing_state": "AZE", "number": "C01234567",
                        "expiry_date": "2031-05-01"}]
    })
}

#[tokio::test]
async fn create_view_list_and_attach_documents() {
    for app in apps().await {
        let b = app.backend;
        let token = app.token("mia", "persons:read,persons:write").await;
        let res = app
            .api(
                Method::POST,
                "/api/v1/persons",
                Some(&token),
                Some(&person_body().to_string()),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{b}: {}", res.body);
        let p = res.json();
        let id = p["person_id"].as_str().expect("id").to_owned();
        assert_eq!(id.len(), 11, "{b}");
        assert!(
            id.parse::<umis_domain::person::PersonId>().is_ok(),
            "{b}: check digit"
        );
        assert_eq!(
            res.header("location"),
            format!("/api/v1/persons/{id}"),
            "{b}"
        );
        assert_eq!(
            p["names"][0]["surname"], "Məmmədov",
            "{b}: original script kept"
        );
        assert_eq!(p["names"][1]["surname"], "Мамедов", "{b}");
        assert_eq!(p["nationalities"], json!(["AZE", "RUS"]), "{b}");
        assert_eq!(p["birth_date"], "1985-03", "{b}: partial date");
        assert_eq!(p["documents"][0]["number"], "C01234567", "{b}");
        assert_eq!(p["status"], "active", "{b}");

        let res = app
            .api(
                Method::GET,
                &format!("/api/v1/persons/{id}?purpose=border%20check%2017"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}");
        assert_eq!(
            res.json()["given_names"],
            serde_json::Value::Null,
            "{b}: names are nested"
        );
        let view = &app.audit().await[0];
        assert_eq!(view.entry.action, "person.view", "{b}");
        assert_eq!(view.entry.person_id.as_deref(), Some(id.as_str()), "{b}");
        assert_eq!(
            view.entry.purpose.as_deref(),
            Some("border check 17"),
            "{b}"
        );

        let res = app
            .api(
                Method::POST,
                &format!("/api/v1/persons/{id}/documents"),
                Some(&token),
                Some(r#"{"type":"id_card","issuing_state":"AZE","number":"AZE 1234567","status":"lost"}"#),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{b}: {}", res.body);
        let docs = &res.json()["documents"];
        assert_eq!(docs[1]["document_id"], 2, "{b}");
        assert_eq!(docs[1]["number"], "AZE1234567", "{b}");
        assert_eq!(docs[1]["status"], "lost", "{b}");
        assert_eq!(res.json()["version"], 2, "{b}");

        // Three more persons, then walk the list two at a time.
        for surname in ["Aliyev", "Huseynova", "Guliyev"] {
            let body = json!({"surname": surname}).to_string();
            let res = app
                .api(Method::POST, "/api/v1/persons", Some(&token), Some(&body))
                .await;
            assert_eq!(res.status, StatusCode::CREATED, "{b}");
        }
        let mut seen = Vec::new();
        let mut url = "/api/v1/persons?limit=2".to_owned();
        loop {
            let page = app.api(Method::GET, &url, Some(&token), None).await.json();
            for item in page["items"].as_array().expect("items") {
                seen.push(item["person_id"].as_str().expect("id").to_owned());
            }
            match page["next_cursor"].as_str() {
                Some(c) => url = format!("/api/v1/persons?limit=2&cursor={c}"),
                None => break,
            }
        }
        assert_eq!(seen.len(), 4, "{b}: {seen:?}");
        let mut sorted = seen.clone();
        sorted.sort();
        assert_eq!(seen, sorted, "{b}: person-number order");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn bad_persons_are_refused_with_the_field_named_and_nothing_stored() {
    for app in apps().await {
        let b = app.backend;
        let token = app.token("mia", "persons:read,persons:write").await;
        let long = "x".repeat(201);
        let cases = [
            (json!({"surname": ""}), "surname"),
            (json!({"surname": long}), "surname"),
            (json!({"surname": "12345"}), "surname"),
            (json!({"surname": "A", "sex": "Q"}), "sex"),
            (
                json!({"surname": "A", "birth_date": "1985-02-30"}),
                "birth_date",
            ),
            (json!({"surname": "A", "birth_date": "2999"}), "birth_date"),
            (
                json!({"surname": "A", "nationalities": ["ZZZ"]}),
                "nationality",
            ),
            (
                json!({"surname": "A", "documents": [{"issuing_state": "AZE", "number": "??"}]}),
                "document_number",
            ),
            (
                json!({"surname": "A", "documents": [{"issuing_state": "QQQ", "number": "C1"}]}),
                "document_issuing_state",
            ),
            (
                json!({"surname": "A", "documents": [{"type": "banana", "issuing_state": "AZE", "number": "C1"}]}),
                "doc_type",
            ),
        ];
        for (body, field) in cases {
            let res = app
                .api(
                    Method::POST,
                    "/api/v1/persons",
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
            assert_eq!(res.json()["errors"][0]["field"], field, "{b}: {body}");
        }
        let res = app
            .api(
                Method::POST,
                "/api/v1/persons",
                Some(&token),
                Some(r#"{"surname":"A","colour":"blue"}"#),
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{b}: unknown field"
        );
        assert_eq!(
            app.services.store().count_persons().await.expect("count"),
            0,
            "{b}: nothing stored"
        );

        let ok = json!({"surname": "Aliyev", "external_id": "x-1"}).to_string();
        assert_eq!(
            app.api(Method::POST, "/api/v1/persons", Some(&token), Some(&ok))
                .await
                .status,
            StatusCode::CREATED,
            "{b}"
        );
        let res = app
            .api(Method::POST, "/api/v1/persons", Some(&token), Some(&ok))
            .await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{b}: external_id reused");

        for (path, status, code) in [
            (
                "/api/v1/persons/123",
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
            ),
            (
                "/api/v1/persons/12345678901",
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
            ),
            (
                "/api/v1/persons?cursor=bogus",
                StatusCode::BAD_REQUEST,
                "invalid_cursor",
            ),
        ] {
            let res = app.api(Method::GET, path, Some(&token), None).await;
            assert_eq!(res.status, status, "{b}: {path}: {}", res.body);
            assert_eq!(res.json()["code"], code, "{b}: {path}");
        }
        let unknown = umis_domain::person::PersonId::from_random(99).to_string();
        let res = app
            .api(
                Method::GET,
                &format!("/api/v1/persons/{unknown}"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{b}");
        let res = app
            .api(
                Method::POST,
                &format!("/api/v1/persons/{unknown}/documents"),
                Some(&token),
                Some(r#"{"issuing_state":"AZE","number":"C1"}"#),
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn mrz_parse_over_the_api() {
    for app in apps().await {
        let b = app.backend;
        let token = app.token("sbs", "screening:read").await;
        let body = json!({"mrz": "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"});
        let res = app
            .api(
                Method::POST,
                "/api/v1/mrz/parse",
                Some(&token),
                Some(&body.to_string()),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        let r = res.json();
        assert_eq!(
            (r["valid"].as_bool(), r["format"].as_str()),
            (Some(true), Some("TD3")),
            "{b}"
        );
        assert_eq!(r["document_number"], "L898902C3", "{b}");
        let bad = json!({"mrz": "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C37UTO7408122F1204159ZE184226B<<<<<10"});
        let r = app
            .api(
                Method::POST,
                "/api/v1/mrz/parse",
                Some(&token),
                Some(&bad.to_string()),
            )
            .await
            .json();
        assert_eq!(r["valid"], false, "{b}");
        assert_eq!(r["checks"]["document_number"], false, "{b}");
        let res = app
            .api(
                Method::POST,
                "/api/v1/mrz/parse",
                None,
                Some(&bad.to_string()),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{b}");
        assert_eq!(
            app.audit()
                .await
                .iter()
                .filter(|e| e.entry.action == "mrz.parse")
                .count(),
            2,
            "{b}"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn corrections_need_the_current_version_and_are_kept_in_the_history() {
    for app in apps().await {
        let b = app.backend;
        let token = app.token("mia", "persons:read,persons:write").await;
        let res = app
            .api(
                Method::POST,
                "/api/v1/persons",
                Some(&token),
                Some(&person_body().to_string()),
            )
            .await;
        let id = res.json()["person_id"].as_str().expect("id").to_owned();
        let edit = json!({"version": 1, "surname": "Məmmədov", "given_names": "Elçin", "patronymic": "Əli oğlu",
                          "sex": "M", "birth_date": "1985-03-17", "place_of_birth": "Bakı", "nationalities": ["AZE"]});
        let res = app
            .api(
                Method::PUT,
                &format!("/api/v1/persons/{id}"),
                Some(&token),
                Some(&edit.to_string()),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        assert_eq!(
            (
                res.json()["version"].as_i64(),
                res.json()["birth_date"].as_str()
            ),
            (Some(2), Some("1985-03-17")),
            "{b}"
        );
        // The same edit based on version 1 again is a conflict, not a silent overwrite.
        let stale = json!({"version": 1, "surname": "Mamedov"});
        let res = app
            .api(
                Method::PUT,
                &format!("/api/v1/persons/{id}"),
                Some(&token),
                Some(&stale.to_string()),
            )
            .await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{b}");
        let history = app
            .services
            .store()
            .person_history(id.parse::<i64>().expect("number"))
            .await
            .expect("history");
        let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
        assert_eq!(actions, ["create", "update"], "{b}");
        let changes: serde_json::Value = serde_json::from_str(&history[1].changes).expect("json");
        assert_eq!(
            changes["birth_date"],
            json!({"before": "1985-03", "after": "1985-03-17"}),
            "{b}"
        );
        assert_eq!(
            changes["nationalities"]["before"],
            json!(["AZE", "RUS"]),
            "{b}"
        );
        assert!(
            changes.get("surname").is_none(),
            "{b}: unchanged fields are not listed"
        );
        assert_eq!(history[1].actor, "mia", "{b}");
        let bad = json!({"version": 2, "surname": "", "nationalities": []});
        let res = app
            .api(
                Method::PUT,
                &format!("/api/v1/persons/{id}"),
                Some(&token),
                Some(&bad.to_string()),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn merging_keeps_everything_resolves_the_old_number_and_can_be_undone() {
    for app in apps().await {
        let b = app.backend;
        let token = app.token("mia", "persons:read,persons:write").await;
        let create = |body: serde_json::Value| {
            let app = &app;
            let token = token.clone();
            async move {
                let res = app
                    .api(
                        Method::POST,
                        "/api/v1/persons",
                        Some(&token),
                        Some(&body.to_string()),
                    )
                    .await;
                assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
                res.json()["person_id"].as_str().expect("id").to_owned()
            }
        };
        let survivor = create(person_body()).await;
        let dup = create(
            json!({"surname": "MAMMADOV", "given_names": "ELCHIN", "nationalities": ["GEO"],
            "documents": [{"issuing_state": "AZE", "number": "P7654321"}]}),
        )
        .await;
        let merge = |target: &str, merged: &str| {
            let (app, token) = (&app, token.clone());
            let (target, body) = (target.to_owned(), json!({ "merged": merged }).to_string());
            async move {
                app.api(
                    Method::POST,
                    &format!("/api/v1/persons/{target}/merge"),
                    Some(&token),
                    Some(&body),
                )
                .await
            }
        };
        let res = merge(&survivor, &dup).await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        let p = res.json();
        let surnames: Vec<&str> = p["names"]
            .as_array()
            .expect("names")
            .iter()
            .filter_map(|n| n["surname"].as_str())
            .collect();
        assert!(
            surnames.contains(&"MAMMADOV") && surnames.contains(&"Məmmədov"),
            "{b}: {surnames:?}"
        );
        assert_eq!(p["documents"].as_array().map(Vec::len), Some(2), "{b}");
        assert_eq!(p["nationalities"], json!(["AZE", "GEO", "RUS"]), "{b}");

        // The merged number resolves to the survivor.
        let res = app
            .api(
                Method::GET,
                &format!("/api/v1/persons/{dup}"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(
            res.json()["person_id"],
            survivor.as_str(),
            "{b}: {}",
            res.body
        );

        // Refusals: into itself, again, or into a merged record.
        let res = merge(&survivor, &survivor).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert_eq!(
            merge(&survivor, &dup).await.status,
            StatusCode::CONFLICT,
            "{b}"
        );
        assert_eq!(
            merge(&dup, &survivor).await.status,
            StatusCode::CONFLICT,
            "{b}"
        );
        let unknown = umis_domain::person::PersonId::from_random(3).to_string();
        assert_eq!(
            merge(&survivor, &unknown).await.status,
            StatusCode::NOT_FOUND,
            "{b}"
        );

        // Only an administrator (or an operator) undoes a merge.
        let (officer_jar, _) = app.login("officer").await;
        drop(officer_jar);
        let officer = umis_service::Ctx::new(
            umis_service::Actor::User(umis_service::UserActor {
                id: 0,
                username: "officer".into(),
                role: umis_domain::Role::CaseOfficer,
                office_code: "HQ".into(),
                lang: None,
                totp_enabled: false,
                must_enrol_mfa: false,
            }),
            None,
        );
        assert!(
            matches!(
                app.services
                    .unmerge_persons(&officer, &survivor, &dup)
                    .await,
                Err(umis_service::ServiceError::Forbidden(_))
            ),
            "{b}"
        );
        app.services
            .unmerge_persons(&umis_service::Ctx::system("cli"), &survivor, &dup)
            .await
            .expect("unmerge");
        let back = app
            .api(
                Method::GET,
                &format!("/api/v1/persons/{survivor}"),
                Some(&token),
                None,
            )
            .await
            .json();
        assert_eq!(
            back["names"].as_array().map(Vec::len),
            Some(2),
            "{b}: copies removed"
        );
        assert_eq!(back["nationalities"], json!(["AZE", "RUS"]), "{b}");
        let again = app
            .api(
                Method::GET,
                &format!("/api/v1/persons/{dup}"),
                Some(&token),
                None,
            )
            .await
            .json();
        assert_eq!(
            (again["person_id"].as_str(), again["status"].as_str()),
            (Some(dup.as_str()), Some("active")),
            "{b}"
        );
        let actions: Vec<String> = app
            .audit()
            .await
            .iter()
            .map(|r| r.entry.action.clone())
            .collect();
        assert!(
            actions.contains(&"person.merge".to_owned())
                && actions.contains(&"person.unmerge".to_owned()),
            "{b}"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn search_finds_a_person_across_scripts_and_is_audited() {
    for app in apps().await {
        let b = app.backend;
        let token = app.token("mia", "persons:read,persons:write").await;
        let res = app
            .api(
                Method::POST,
                "/api/v1/persons",
                Some(&token),
                Some(&person_body().to_string()),
            )
            .await;
        let id = res.json()["person_id"].as_str().expect("id").to_owned();
        for other in [
            json!({"surname": "Mahmudov", "given_names": "Rauf", "birth_date": "1970"}),
            json!({"surname": "Əliyev", "given_names": "Rəşad", "birth_date": "1991-02-03"}),
        ] {
            app.api(
                Method::POST,
                "/api/v1/persons",
                Some(&token),
                Some(&other.to_string()),
            )
            .await;
        }
        for query in [
            "name=MAMEDOV%20ELCHIN",
            "name=%D0%9C%D0%B0%D0%BC%D0%B5%D0%B4%D0%BE%D0%B2%20%D0%AD%D0%BB%D1%8C%D1%87%D0%B8%D0%BD", // Мамедов Эльчин
            "name=Elchin%20Mammadov&birth_date=1985",
            "document_number=CO1234567",
        ] {
            let res = app
                .api(
                    Method::GET,
                    &format!("/api/v1/persons/search?{query}"),
                    Some(&token),
                    None,
                )
                .await;
            assert_eq!(res.status, StatusCode::OK, "{b}: {query}: {}", res.body);
            let items = res.json()["items"].clone();
            assert_eq!(items[0]["person_id"], id.as_str(), "{b}: {query}: {items}");
            assert_eq!(items[0]["external_id"], "mia-000123", "{b}");
            assert!(
                items[0]["score"].as_f64().unwrap_or(0.0) > 0.8,
                "{b}: {query}"
            );
            assert!(items[0]["explanation"].is_object(), "{b}");
        }
        let audit = app.audit().await;
        assert_eq!(audit[0].entry.action, "person.search", "{b}");
        assert_eq!(
            audit[0].entry.details["document_number"], "CO1234567",
            "{b}: what was asked is recorded"
        );
        for (query, status) in [
            ("", StatusCode::UNPROCESSABLE_ENTITY),
            ("birth_date=1985-13", StatusCode::UNPROCESSABLE_ENTITY),
            ("name=x&limit=0", StatusCode::BAD_REQUEST),
        ] {
            let res = app
                .api(
                    Method::GET,
                    &format!("/api/v1/persons/search?{query}"),
                    Some(&token),
                    None,
                )
                .await;
            assert_eq!(res.status, status, "{b}: {query}: {}", res.body);
        }
        let stats = app.token("labour", "stats:read").await;
        let res = app
            .api(
                Method::GET,
                "/api/v1/persons/search?name=x",
                Some(&stats),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}");
        app.cleanup().await;
    }
}
