//! The duplicate-review queue on both backends: pairs queued as persons are registered, the
//! queue and decisions over the API, the side-by-side review and merge in the back office, and
//! an administrator undoing the merge.

mod common;

use axum::http::{Method, StatusCode};
use common::{App, apps};
use serde_json::json;

/// Registers a person over the API and returns the number.
async fn create(app: &App, token: &str, body: serde_json::Value) -> String {
    let res = app
        .api(
            Method::POST,
            "/api/v1/persons",
            Some(token),
            Some(&body.to_string()),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    res.json()["person_id"]
        .as_str()
        .expect("person_id")
        .to_owned()
}

/// Two records of one man (Azerbaijani Latin and Russian Cyrillic) and an unrelated woman.
async fn seed(app: &App, token: &str) -> (String, String, String) {
    let a = create(
        app,
        token,
        json!({"surname": "Məmmədov", "given_names": "Elçin", "sex": "M",
               "birth_date": "1990-05-12", "nationalities": ["AZE"]}),
    )
    .await;
    let b = create(
        app,
        token,
        json!({"surname": "Мамедов", "given_names": "Эльчин", "sex": "M",
               "birth_date": "1990-05-12", "nationalities": ["RUS"]}),
    )
    .await;
    let c = create(
        app,
        token,
        json!({"surname": "Əliyeva", "given_names": "Günel", "sex": "F",
               "birth_date": "1985-01-30", "nationalities": ["AZE"]}),
    )
    .await;
    (a, b, c)
}

fn ordered(x: &str, y: &str) -> (String, String) {
    let (xi, yi): (i64, i64) = (x.parse().expect("n"), y.parse().expect("n"));
    if xi < yi {
        (x.to_owned(), y.to_owned())
    } else {
        (y.to_owned(), x.to_owned())
    }
}

#[tokio::test]
async fn pairs_are_queued_on_registration_and_decided_over_the_api() {
    for app in apps().await {
        let b = app.backend;
        let token = app.token("dedup", "persons:read,persons:write").await;
        let reader = app.token("reader", "persons:read").await;
        let (p1, p2, p3) = seed(&app, &token).await;
        let (a, bb) = ordered(&p1, &p2);

        let res = app
            .api(
                Method::GET,
                "/api/v1/persons/duplicates",
                Some(&reader),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        let items = res.json()["items"].as_array().expect("items").clone();
        assert_eq!(items.len(), 1, "{b}: exactly the one pair: {items:?}");
        assert_eq!(
            (items[0]["person_a"].as_str(), items[0]["person_b"].as_str()),
            (Some(a.as_str()), Some(bb.as_str())),
            "{b}"
        );
        assert_eq!(items[0]["status"], "open", "{b}");
        assert!(items[0]["score"].as_f64().expect("score") >= 0.85, "{b}");
        assert!(
            !res.body.contains(&p3),
            "{b}: the unrelated person is in no pair"
        );

        // Bad decisions: each refused precisely, nothing recorded.
        let decide = |body: serde_json::Value, tok: &str| {
            let (app, tok) = (&app, tok.to_owned());
            async move {
                app.api(
                    Method::POST,
                    "/api/v1/persons/duplicates/decisions",
                    Some(&tok),
                    Some(&body.to_string()),
                )
                .await
            }
        };
        let unknown = umis_domain::person::PersonId::from_random(7).to_string();
        for (body, status, code) in [
            (
                json!({"person_a": a, "person_b": bb, "decision": "maybe", "reason": "x"}),
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
            ),
            (
                json!({"person_a": a, "person_b": bb, "decision": "not_duplicate", "reason": "  "}),
                StatusCode::UNPROCESSABLE_ENTITY,
                Some("required"),
            ),
            (
                json!({"person_a": a, "person_b": bb, "decision": "not_duplicate",
                       "reason": "x".repeat(501)}),
                StatusCode::UNPROCESSABLE_ENTITY,
                Some("too_long"),
            ),
            (
                json!({"person_a": a, "person_b": a, "decision": "not_duplicate", "reason": "x"}),
                StatusCode::UNPROCESSABLE_ENTITY,
                Some("same_person"),
            ),
            (
                json!({"person_a": "12345678901", "person_b": a, "decision": "not_duplicate",
                       "reason": "x"}),
                StatusCode::UNPROCESSABLE_ENTITY,
                Some("invalid_person_id"),
            ),
            (
                json!({"person_a": unknown, "person_b": a, "decision": "not_duplicate",
                       "reason": "x"}),
                StatusCode::NOT_FOUND,
                None,
            ),
        ] {
            let res = decide(body.clone(), &token).await;
            assert_eq!(res.status, status, "{b}: {body} → {}", res.body);
            if let Some(code) = code {
                assert!(res.body.contains(code), "{b}: {code} in {}", res.body);
            }
        }
        let ok = json!({"person_a": bb, "person_b": a, "decision": "not_duplicate",
                        "reason": "different fathers, per birth certificates"});
        assert_eq!(
            decide(ok.clone(), &reader).await.status,
            StatusCode::FORBIDDEN,
            "{b}: persons:read cannot decide"
        );
        let still = app
            .services
            .store()
            .find_duplicate_candidate(a.parse().expect("n"), bb.parse().expect("n"))
            .await
            .expect("pair")
            .expect("stored");
        assert_eq!(still.status, "open", "{b}: refusals changed nothing");

        let res = decide(ok.clone(), &token).await;
        assert_eq!(res.status, StatusCode::CREATED, "{b}: {}", res.body);
        let pair = res.json();
        assert_eq!(pair["status"], "not_duplicate", "{b}");
        assert_eq!(pair["person_a"], a.as_str(), "{b}: stored in order");
        assert_eq!(pair["decided_by"], "dedup", "{b}");
        assert_eq!(
            decide(ok, &token).await.status,
            StatusCode::CONFLICT,
            "{b}: decided once"
        );

        let res = app
            .api(
                Method::GET,
                "/api/v1/persons/duplicates",
                Some(&reader),
                None,
            )
            .await;
        assert_eq!(res.json()["items"], json!([]), "{b}: the queue is empty");
        let res = app
            .api(
                Method::GET,
                "/api/v1/persons/duplicates?cursor=abc",
                Some(&reader),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{b}");

        // The report leaves the decided pair out unless asked, and then marks it.
        let ctx = umis_service::Ctx::system("test");
        let report = app
            .services
            .duplicate_pairs(&ctx, 0.85, 100, false)
            .await
            .expect("report");
        assert!(report.is_empty(), "{b}: {report:?}");
        let report = app
            .services
            .duplicate_pairs(&ctx, 0.85, 100, true)
            .await
            .expect("report");
        assert_eq!(report.len(), 1, "{b}");
        assert_eq!(report[0].status, "not_duplicate", "{b}");

        let audit = app.audit().await;
        let decision = audit
            .iter()
            .find(|r| r.entry.action == "person.not_duplicate")
            .expect("decision audited");
        assert_eq!(decision.entry.actor, "dedup", "{b}");
        assert!(
            audit
                .iter()
                .any(|r| r.entry.action == "person.duplicate_queue"),
            "{b}: reading the queue is audited"
        );

        // Withdrawn, the pair is back in the queue; a scan does not duplicate it.
        app.services
            .reopen_duplicate(&ctx, &a, &bb)
            .await
            .expect("reopen");
        assert_eq!(
            app.services
                .scan_duplicates(&ctx, 0.85)
                .await
                .expect("scan"),
            1,
            "{b}"
        );
        let (queue, total) = app
            .services
            .duplicate_queue(&ctx, 0, 10)
            .await
            .expect("queue");
        assert_eq!((queue.len(), total), (1, 1), "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn an_officer_reviews_and_merges_and_an_administrator_undoes_it() {
    for app in apps().await {
        let b = app.backend;
        let token = app.token("dedup", "persons:read,persons:write").await;
        let (p1, p2, _) = seed(&app, &token).await;
        let (a, bb) = ordered(&p1, &p2);
        let (mut jar, csrf) = app.login("officer").await;

        let queue = app.get("/persons/duplicates", &mut jar).await;
        assert_eq!(queue.status, StatusCode::OK, "{b}: {}", queue.body);
        assert!(
            queue.body.contains(&format!("data-pair=\"{a}-{bb}\"")),
            "{b}"
        );
        assert!(queue.body.contains("Məmmədov"), "{b}: names shown");
        // The records shown beside the pairs are a read of personal data, audited by name.
        let shown = &app.audit().await[0].entry;
        assert_eq!(shown.action, "person.list", "{b}");
        let listed = shown.details["persons"].to_string();
        assert!(
            listed.contains(a.as_str()) && listed.contains(bb.as_str()),
            "{b}: {listed}"
        );

        let path = format!("/persons/duplicates/{a}/{bb}");
        let cmp = app.get(&path, &mut jar).await;
        assert_eq!(cmp.status, StatusCode::OK, "{b}: {}", cmp.body);
        assert!(
            cmp.body.contains("Мамедов") && cmp.body.contains("Məmmədov"),
            "{b}"
        );
        assert!(
            cmp.body
                .contains("data-differs=\"true\" data-row=\"person-nationalities\""),
            "{b}: differing nationalities marked"
        );
        let views = app
            .audit()
            .await
            .iter()
            .filter(|r| {
                r.entry.action == "person.view"
                    && r.entry.purpose.as_deref() == Some("duplicate review")
            })
            .count();
        assert_eq!(views, 2, "{b}: both records' views audited");
        assert_eq!(
            app.get(&format!("/persons/duplicates/{a}/{a}"), &mut jar)
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{b}"
        );

        // Without the anti-forgery token nothing happens; without a reason, the form says so.
        let res = app
            .post_form(
                &format!("{path}/dismiss"),
                &[("reason", "different")],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}");
        let res = app
            .post_form(
                &format!("{path}/dismiss"),
                &[("csrf", &csrf), ("reason", "")],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(res.body.contains("id=\"compare-error\""), "{b}");
        let res = app
            .post_form(
                &format!("{path}/merge"),
                &[("csrf", &csrf), ("survivor", "12345678903")],
                &mut jar,
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::BAD_REQUEST,
            "{b}: survivor not of the pair"
        );

        let res = app
            .post_form(
                &format!("{path}/merge"),
                &[("csrf", &csrf), ("survivor", &bb)],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let queue = app.get("/persons/duplicates?done=merged", &mut jar).await;
        assert!(queue.body.contains("id=\"duplicates-empty\""), "{b}");
        let pair = app
            .services
            .store()
            .find_duplicate_candidate(a.parse().expect("n"), bb.parse().expect("n"))
            .await
            .expect("pair")
            .expect("stored");
        assert_eq!(pair.status, "merged", "{b}");
        let view = app.get(&format!("/persons/{a}"), &mut jar).await;
        assert!(
            view.body.contains(&format!("data-person=\"{bb}\"")),
            "{b}: the merged number resolves to the survivor"
        );

        // Officers cannot undo; administrators see numbers only and can.
        assert_eq!(
            app.get("/admin/merges", &mut jar).await.status,
            StatusCode::FORBIDDEN,
            "{b}"
        );
        let (mut admin, admin_csrf) = app.login("admin").await;
        let merges = app.get("/admin/merges", &mut admin).await;
        assert_eq!(merges.status, StatusCode::OK, "{b}: {}", merges.body);
        assert!(merges.body.contains(&format!("data-merged=\"{a}\"")), "{b}");
        assert!(
            !merges.body.contains("Məmmədov"),
            "{b}: no personal data for administrators"
        );
        let res = app
            .post_form(
                &format!("/admin/merges/{a}/undo"),
                &[("csrf", &admin_csrf), ("survivor", &a)],
                &mut admin,
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::BAD_REQUEST,
            "{b}: wrong survivor refused"
        );
        let res = app
            .post_form(
                &format!("/admin/merges/{a}/undo"),
                &[("csrf", &admin_csrf), ("survivor", &bb)],
                &mut admin,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let merges = app.get("/admin/merges?done=undone", &mut admin).await;
        assert!(merges.body.contains("id=\"merges-empty\""), "{b}");
        let queue = app.get("/persons/duplicates", &mut jar).await;
        assert!(
            queue.body.contains(&format!("data-pair=\"{a}-{bb}\"")),
            "{b}: the pair is open again"
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
