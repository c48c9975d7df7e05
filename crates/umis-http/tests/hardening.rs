//! Holes an outside probe found, each closed and kept closed, on both backends: bounded metrics
//! labels, bounded forecasts, redirects only to same-origin paths, no 500 on odd input, the
//! problem+json contract on every API error, unknown query parameters refused, no answer
//! that tells whether a username exists, and the bearer header read as documented.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{PASSWORD, Res, apps};

fn assert_problem(res: &Res, status: StatusCode, what: &str) {
    assert_eq!(res.status, status, "{what}: {}", res.body);
    assert!(
        res.header("content-type")
            .starts_with("application/problem+json"),
        "{what}: {} {}",
        res.header("content-type"),
        res.body
    );
    assert!(
        !res.json()["code"].as_str().unwrap_or("").is_empty(),
        "{what}"
    );
}

#[tokio::test]
async fn unknown_methods_are_refused_before_metrics_and_labels_stay_bounded() {
    for app in apps().await {
        let b = app.backend;
        for i in 0..5 {
            let method = Method::from_bytes(format!("Q{i}{}", "X".repeat(3000)).as_bytes())
                .expect("a token is a method");
            let req = Request::builder()
                .method(method)
                .uri("/api/v1/me")
                .body(Body::empty())
                .expect("request");
            let res = app.send(req).await;
            assert_problem(&res, StatusCode::METHOD_NOT_ALLOWED, b);
            let req = Request::builder()
                .method(Method::from_bytes(b"PROPFIND").expect("method"))
                .uri("/persons")
                .body(Body::empty())
                .expect("request");
            assert_eq!(app.send(req).await.status, StatusCode::METHOD_NOT_ALLOWED);
        }
        let metrics = app
            .send(Request::get("/metrics").body(Body::empty()).expect("req"))
            .await;
        assert!(
            !metrics.body.contains("XXXXXXXX"),
            "{b}: a method became a label"
        );
        assert!(!metrics.body.contains("PROPFIND"), "{b}");
        assert!(!metrics.body.contains("unmatched"), "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn min_days_out_of_range_is_a_validation_error() {
    for app in apps().await {
        let b = app.backend;
        let reader = app.token("reader", "persons:read").await;
        for days in ["-2147483648", "-1", "36501", "9223372036854775807"] {
            let res = app
                .api(
                    Method::GET,
                    &format!("/api/v1/reports/overstays?as_of=2026-12-05&min_days={days}"),
                    Some(&reader),
                    None,
                )
                .await;
            assert_problem(
                &res,
                StatusCode::UNPROCESSABLE_ENTITY,
                &format!("{b} {days}"),
            );
        }
        let res = app
            .api(
                Method::GET,
                "/api/v1/reports/overstays?as_of=2026-12-05&min_days=0",
                Some(&reader),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        app.cleanup().await;
    }
}

fn daily_csv(points: usize) -> String {
    let mut s = String::from("period,value\n");
    let start = time::macros::date!(2000 - 01 - 01);
    for i in 0..points {
        let day = start + time::Duration::days(i as i64);
        s.push_str(&format!("{day},{}\n", 100 + (i % 7) * 10 + (i % 13)));
    }
    s
}

async fn post_csv(app: &common::App, token: &str, query: &str, csv: String) -> Res {
    let req = Request::post(format!("/api/v1/forecasts?{query}"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "text/csv")
        .body(Body::from(csv))
        .expect("request");
    app.send(req).await
}

#[tokio::test]
async fn forecasts_are_bounded_in_size_horizon_and_concurrency() {
    for app in apps().await {
        let b = app.backend;
        let analyst = app.token("analysis", "stats:read").await;
        let res = post_csv(&app, &analyst, "horizon=7", daily_csv(5_001)).await;
        assert_problem(&res, StatusCode::PAYLOAD_TOO_LARGE, b);
        assert_eq!(res.json()["code"], "series_too_long", "{b}");
        // Daily series: three weekly seasons at most.
        let res = post_csv(&app, &analyst, "horizon=22", daily_csv(400)).await;
        assert_problem(&res, StatusCode::UNPROCESSABLE_ENTITY, b);
        assert_eq!(res.json()["code"], "horizon_too_long", "{b}");
        let res = post_csv(&app, &analyst, "horizon=21", daily_csv(400)).await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);

        // Four at once from one client: two run, the others are told to come back.
        let mut sent = Vec::new();
        for _ in 0..4 {
            let router = app.router.clone();
            let req = Request::post("/api/v1/forecasts?horizon=21")
                .header(header::AUTHORIZATION, format!("Bearer {analyst}"))
                .header(header::CONTENT_TYPE, "text/csv")
                .body(Body::from(daily_csv(1_000)))
                .expect("request");
            sent.push(tokio::spawn(async move {
                use tower::ServiceExt;
                let res = router.oneshot(req).await.expect("infallible");
                (
                    res.status(),
                    res.headers().get(header::RETRY_AFTER).cloned(),
                )
            }));
        }
        let mut ok = 0;
        let mut busy = 0;
        for s in sent {
            match s.await.expect("task") {
                (StatusCode::OK, _) => ok += 1,
                (StatusCode::TOO_MANY_REQUESTS, Some(_)) => busy += 1,
                other => panic!("{b}: {other:?}"),
            }
        }
        assert!(
            ok >= 2 && busy >= 1 && ok + busy == 4,
            "{b}: {ok} ok, {busy} busy"
        );
        app.cleanup().await;
    }
}

async fn login_with_next(app: &common::App, next: &str) -> Res {
    let mut jar = common::Jar::default();
    let page = app.get("/login", &mut jar).await;
    let csrf = page.csrf();
    app.post_form(
        "/login",
        &[
            ("csrf", &csrf),
            ("username", "officer"),
            ("password", PASSWORD),
            ("next", next),
        ],
        &mut jar,
    )
    .await
}

#[tokio::test]
async fn after_login_only_same_origin_paths_are_followed() {
    for app in apps().await {
        let b = app.backend;
        for next in [
            "/\t/evil.example/",
            "//evil.example/",
            "/\\evil.example/",
            "https://evil.example/",
            "/\n/x",
            "/\u{b}/x",
            "/\0/x",
        ] {
            let res = login_with_next(&app, next).await;
            assert_eq!(
                res.status,
                StatusCode::SEE_OTHER,
                "{b} {next:?}: {}",
                res.body
            );
            assert_eq!(res.header("location"), "/", "{b} {next:?}");
        }
        let res = login_with_next(&app, "/persons?q=x").await;
        assert_eq!(res.header("location"), "/persons?q=x", "{b}");

        // The language switch's way back is held to the same rule.
        let mut jar = common::Jar::default();
        let page = app.get("/login", &mut jar).await;
        let csrf = page.csrf();
        let res = app
            .post_form(
                "/lang",
                &[("lang", "ru"), ("csrf", &csrf), ("back", "/\n/x")],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        assert_eq!(res.header("location"), "/", "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn every_api_error_is_a_problem() {
    for app in apps().await {
        let b = app.backend;
        let reader = app.token("reader", "persons:read,applications:read").await;
        let sbs = app.token("sbs", "border-events:write").await;
        for path in [
            "/api/v1/applications/abc",
            "/api/v1/persons/%FF%FE",
            "/api/v1/applications?limit=0",
            "/api/v1/applications?limit=201",
            "/api/v1/applications?offset=-1",
            "/api/v1/applications?offset=10001",
            "/api/v1/applications?limit=abc",
            "/api/v1/checks?limit=501",
            "/api/v1/checks?limit=-1",
            "/api/v1/expulsion-orders?limit=0",
            "/api/v1/expulsion-orders?limit=1001",
            "/api/v1/applications?stat=open",
            "/api/v1/expulsion-orders?overdu=true",
            "/api/v1/me?x=1",
            "/api/v1/persons/AZ0000000/stay?as_off=2026-01-01",
        ] {
            let res = app.api(Method::GET, path, Some(&reader), None).await;
            assert_problem(&res, StatusCode::BAD_REQUEST, &format!("{b} {path}"));
        }
        let res = app
            .api(
                Method::GET,
                "/api/v1/applications?stat=open",
                Some(&reader),
                None,
            )
            .await;
        assert!(
            res.body.contains("'stat'"),
            "{b}: names the parameter: {}",
            res.body
        );

        // Oversized bodies.
        let big = format!("[{}]", vec!["{}"; 2_000_000].join(","));
        let req = Request::post("/api/v1/border-events")
            .header(header::AUTHORIZATION, format!("Bearer {sbs}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(big))
            .expect("request");
        let res = app.send(req).await;
        assert_problem(&res, StatusCode::PAYLOAD_TOO_LARGE, b);
        // A JSON body that is not JSON.
        let res = app
            .api(Method::POST, "/api/v1/persons", Some(&reader), Some("{"))
            .await;
        assert!(res.status.is_client_error(), "{b}");
        assert!(
            res.header("content-type")
                .starts_with("application/problem+json"),
            "{b}: {}",
            res.header("content-type")
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn documented_parameters_are_accepted() {
    for app in apps().await {
        let b = app.backend;
        let reader = app.token("reader", "persons:read,applications:read").await;
        for path in [
            "/api/v1/applications?limit=200&offset=10000&status=all",
            "/api/v1/expulsion-orders?limit=1000&overdue=true",
            "/api/v1/persons?limit=5&purpose=case%20check",
        ] {
            let res = app.api(Method::GET, path, Some(&reader), None).await;
            assert_eq!(res.status, StatusCode::OK, "{b} {path}: {}", res.body);
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_guessed_username_is_throttled_like_a_real_one() {
    for app in apps().await {
        let b = app.backend;
        let mut answers = Vec::new();
        for name in ["officer", "no.such.officer"] {
            let mut statuses = Vec::new();
            for _ in 0..4 {
                let mut jar = common::Jar::default();
                let res = app.try_login(&mut jar, name, "wrong password").await;
                statuses.push(res.status);
            }
            answers.push(statuses);
        }
        assert_eq!(answers[0], answers[1], "{b}: the answers tell names apart");
        assert_eq!(
            answers[0].last(),
            Some(&StatusCode::TOO_MANY_REQUESTS),
            "{b}: {:?}",
            answers[0]
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn the_bearer_header_is_read_as_documented() {
    for app in apps().await {
        let b = app.backend;
        let token = app.token("reader", "persons:read").await;
        for value in [format!("Bearer  {token}"), format!("Bearer {token} ")] {
            let req = Request::get("/api/v1/me")
                .header(header::AUTHORIZATION, value.as_str())
                .body(Body::empty())
                .expect("request");
            let res = app.send(req).await;
            assert_problem(&res, StatusCode::UNAUTHORIZED, b);
        }
        let req = Request::get("/api/v1/me")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .expect("request");
        assert_eq!(app.send(req).await.status, StatusCode::OK, "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn concurrent_small_border_posts_each_get_their_own_report() {
    for app in apps().await {
        let b = app.backend;
        let sbs = app.token("sbs", "border-events:write").await;
        let mut sent = Vec::new();
        for i in 0..20 {
            let bcp = if i == 7 { "??" } else { "GYD" };
            let body = format!(
                r#"[{{"event_id":"MERGE-{i}","direction":"entry","occurred_at":"2026-11-0{}T10:00:00Z","bcp":"{bcp}","travel_mode":"air","document_number":"M{i:07}","document_issuing_state":"KAZ","nationality":"KAZ","surname":"MERGED","given_names":"ROW","birth_date":"1980-05-06"}}]"#,
                1 + i % 9
            );
            let router = app.router.clone();
            let req = Request::post("/api/v1/border-events")
                .header(header::AUTHORIZATION, format!("Bearer {sbs}"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body))
                .expect("request");
            sent.push(tokio::spawn(async move {
                use http_body_util::BodyExt;
                use tower::ServiceExt;
                let res = router.oneshot(req).await.expect("infallible");
                let status = res.status();
                let bytes = res.into_body().collect().await.expect("body").to_bytes();
                let json: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
                (status, json)
            }));
        }
        for (i, s) in sent.into_iter().enumerate() {
            let (status, report) = s.await.expect("task");
            assert_eq!(status, StatusCode::OK, "{b} {i}: {report}");
            assert_eq!(report["received"], 1, "{b} {i}: {report}");
            if i == 7 {
                assert_eq!(report["accepted"], 0, "{b}: {report}");
                assert_eq!(report["rejected"][0]["row"], 1, "{b}: {report}");
                assert_eq!(
                    report["rejected"][0]["code"], "invalid_bcp",
                    "{b}: {report}"
                );
            } else {
                assert_eq!(report["accepted"], 1, "{b} {i}: {report}");
                assert_eq!(report["rejected"].as_array().map(Vec::len), Some(0), "{b}");
            }
        }
        let stored = app
            .services
            .store()
            .count_border_events()
            .await
            .expect("count");
        assert_eq!(stored, 19, "{b}");
        app.cleanup().await;
    }
}

/// Concurrent writes that read before they write (a registration numbers itself after the
/// person's last one) never fail with "database is locked": each takes the write lock first.
#[tokio::test]
async fn concurrent_registrations_of_one_person_all_land() {
    for app in apps().await {
        let b = app.backend;
        let token = app
            .token("hotel", "persons:write,stay-registrations:write")
            .await;
        let res = app
            .api(
                Method::POST,
                "/api/v1/persons",
                Some(&token),
                Some(r#"{"surname": "Quliyev"}"#),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{b}: {}", res.body);
        let person = res.json()["person_id"].as_str().expect("id").to_owned();
        let body = serde_json::json!({"person_id": person, "host_kind": "hotel",
            "host_name": "Old City Inn", "address": "Kichik Qala 5", "arrival_date": "2026-12-01"})
        .to_string();
        let register = || {
            app.api(
                Method::POST,
                "/api/v1/stay-registrations",
                Some(&token),
                Some(&body),
            )
        };
        let mut numbers = Vec::new();
        for _ in 0..5 {
            let (r1, r2, r3, r4, r5, r6, r7, r8) = tokio::join!(
                register(),
                register(),
                register(),
                register(),
                register(),
                register(),
                register(),
                register()
            );
            for r in [r1, r2, r3, r4, r5, r6, r7, r8] {
                assert_eq!(r.status, StatusCode::CREATED, "{b}: {}", r.body);
                numbers.push(r.json()["registration_id"].as_i64().expect("number"));
            }
        }
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=40).collect::<Vec<i64>>(), "{b}");
    }
}

/// A value the OpenAPI document does not allow is refused, also where the operation would not
/// use it: nothing is silently ignored or widened.
#[tokio::test]
async fn values_outside_the_documented_schema_are_refused() {
    for app in apps().await {
        let b = app.backend;
        let token = app
            .token(
                "probe",
                "stats:read,screening:read,persons:read,border-events:write",
            )
            .await;
        for (method, path, body, status) in [
            (
                Method::GET,
                "/api/v1/stats/overstays?nationality=ZZZ",
                None,
                422,
            ),
            (
                Method::GET,
                "/api/v1/stats/flows?as_of=2026-02-30",
                None,
                422,
            ),
            (
                Method::GET,
                "/api/v1/forecasts/entries?app_type=work_permit",
                None,
                422,
            ),
            (
                Method::GET,
                "/api/v1/forecasts/applications?app_type=visa",
                None,
                422,
            ),
            (
                Method::GET,
                "/api/v1/persons/duplicates?limit=201",
                None,
                400,
            ),
            (
                Method::POST,
                "/api/v1/screening",
                Some(r#"{"document_number": "C01X00T47", "nationality": "ZZZ"}"#),
                422,
            ),
            (
                Method::POST,
                "/api/v1/border-events",
                Some(r#"[{"event_id": "E-1"}, 5]"#),
                400,
            ),
        ] {
            let res = app.api(method, path, Some(&token), body).await;
            assert_eq!(res.status.as_u16(), status, "{b}: {path}: {}", res.body);
        }
        let res = app
            .api(
                Method::GET,
                "/api/v1/persons/duplicates?limit=200",
                Some(&token),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
    }
}

/// A control character in a query parameter (a purpose, a filter) is refused with 400 before
/// it reaches the database, which refuses NUL in text on PostgreSQL.
#[tokio::test]
async fn a_control_character_in_a_query_parameter_is_refused() {
    for app in apps().await {
        let b = app.backend;
        let token = app.token("probe", "applications:read").await;
        for path in [
            "/api/v1/applications?purpose=case%00x",
            "/api/v1/applications?assigned=a%00b",
            "/api/v1/applications?assigned=a%0Ab",
        ] {
            let res = app.api(Method::GET, path, Some(&token), None).await;
            assert_eq!(
                res.status,
                StatusCode::BAD_REQUEST,
                "{b}: {path}: {}",
                res.body
            );
            assert_eq!(res.json()["code"], "invalid_parameter", "{b}");
        }
        let long = format!("/api/v1/applications?purpose={}", "p".repeat(201));
        let res = app.api(Method::GET, &long, Some(&token), None).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{b}: {}", res.body);
        // An empty or blank value means "not given".
        let longest = format!("/api/v1/applications?purpose={}", "p".repeat(200));
        for path in [
            "/api/v1/applications?assigned=a%20b",
            "/api/v1/applications?status=&app_type=+&purpose=",
            &longest,
        ] {
            let res = app.api(Method::GET, path, Some(&token), None).await;
            assert_eq!(res.status, StatusCode::OK, "{b}: {path}: {}", res.body);
        }
    }
}
