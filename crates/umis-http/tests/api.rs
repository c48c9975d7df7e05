//! The REST API through the router on both backends: authentication, scopes, problem+json
//! errors for every kind of bad input, pagination parameters, and the OpenAPI document.

mod common;

use axum::http::{Method, StatusCode};
use common::apps;

#[tokio::test]
async fn persons_read_needs_a_valid_token_with_the_scope() {
    for app in apps().await {
        let b = app.backend;
        // No token at all.
        let res = app.api(Method::GET, "/api/v1/persons", None, None).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{b}");
        assert_eq!(
            res.header("content-type"),
            "application/problem+json",
            "{b}"
        );
        assert!(res.header("www-authenticate").starts_with("Bearer"), "{b}");
        assert_eq!(res.json()["code"], "unauthenticated", "{b}");

        // A malformed header.
        let res = app
            .send(
                axum::http::Request::get("/api/v1/persons")
                    .header("authorization", "Basic dXNlcjpwYXNz")
                    .body(axum::body::Body::empty())
                    .expect("request"),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{b}");
        assert_eq!(res.json()["code"], "invalid_token", "{b}");

        // A forged token is refused and the attempt is audited.
        let forged = format!("umis_{}", "ab".repeat(32));
        let res = app
            .api(Method::GET, "/api/v1/persons", Some(&forged), None)
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{b}");
        assert_eq!(res.json()["code"], "invalid_token", "{b}");
        let last = &app.audit().await[0];
        assert_eq!(last.entry.action, "auth.token", "{b}");
        assert_eq!(last.entry.outcome, umis_domain::AuditOutcome::Denied, "{b}");

        // The right scope: an empty first page, and the read is audited under the client.
        let token = app.token("sbs-border", "persons:read").await;
        let res = app
            .api(Method::GET, "/api/v1/persons", Some(&token), None)
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        let body = res.json();
        assert_eq!(body["items"], serde_json::json!([]), "{b}");
        assert!(body["next_cursor"].is_null(), "{b}");
        let last = &app.audit().await[0];
        assert_eq!(last.entry.action, "person.list", "{b}");
        assert_eq!(last.entry.actor, "sbs-border", "{b}");
        assert_eq!(
            last.entry.actor_kind,
            umis_domain::AuditActor::Client,
            "{b}"
        );

        // A token without persons:read.
        let stats = app.token("labour", "stats:read").await;
        let res = app
            .api(Method::GET, "/api/v1/persons", Some(&stats), None)
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}");
        assert_eq!(res.json()["code"], "missing_scope", "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn writing_persons_needs_persons_write_and_a_well_formed_body() {
    for app in apps().await {
        let b = app.backend;
        let reader = app.token("mia", "persons:read").await;
        let before = app.services.store().audit_head().await.expect("head").seq;
        let res = app
            .api(
                Method::POST,
                "/api/v1/persons",
                Some(&reader),
                Some("{\"surname\":\"Aliyev\"}"),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}");
        let problem = res.json();
        assert_eq!(problem["code"], "missing_scope", "{b}");
        assert_eq!(problem["status"], 403, "{b}");
        assert!(
            problem["detail"]
                .as_str()
                .unwrap_or_default()
                .contains("persons:write"),
            "{b}"
        );
        // Even without a body the answer is 403, not a body error.
        let res = app
            .api(Method::POST, "/api/v1/persons", Some(&reader), None)
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}");
        let audit = app.audit().await;
        assert_eq!(audit[0].entry.action, "person.create", "{b}");
        assert_eq!(
            audit[0].entry.outcome,
            umis_domain::AuditOutcome::Denied,
            "{b}"
        );
        assert_eq!(audit[0].seq, before + 2, "{b}");

        let writer = app.token("mia-writer", "persons:read,persons:write").await;
        let cases: [(Option<&str>, StatusCode, &str); 4] = [
            (
                Some("{\"surname\": "),
                StatusCode::BAD_REQUEST,
                "malformed_json",
            ),
            (
                Some("{\"surname\": 5}"),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_body",
            ),
            (
                Some("{\"surname\": \"  \"}"),
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
            ),
            (
                None,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
            ),
        ];
        for (body, status, code) in cases {
            let res = app
                .api(Method::POST, "/api/v1/persons", Some(&writer), body)
                .await;
            assert_eq!(res.status, status, "{b}: {body:?}: {}", res.body);
            assert_eq!(res.json()["code"], code, "{b}: {body:?}");
        }
        let huge = format!("{{\"surname\": \"{}\"}}", "x".repeat(2 * 1024 * 1024));
        let res = app
            .api(Method::POST, "/api/v1/persons", Some(&writer), Some(&huge))
            .await;
        assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{b}");
        assert_eq!(res.json()["code"], "payload_too_large", "{b}");
        let res = app
            .api(
                Method::POST,
                "/api/v1/persons",
                Some(&writer),
                Some("{\"surname\":\"Aliyev\"}"),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{b}: {}", res.body);
        assert!(
            res.header("location").starts_with("/api/v1/persons/"),
            "{b}"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn revoked_and_expired_tokens_stop_at_once() {
    for app in apps().await {
        let b = app.backend;
        let token = app.token("mfa", "persons:read").await;
        let ok = app.api(Method::GET, "/api/v1/me", Some(&token), None).await;
        assert_eq!(ok.status, StatusCode::OK, "{b}");
        assert_eq!(ok.json()["client"], "mfa", "{b}");
        assert_eq!(
            ok.json()["scopes"],
            serde_json::json!(["persons:read"]),
            "{b}"
        );

        app.services
            .revoke_tokens(&umis_service::Ctx::system("test"), "mfa")
            .await
            .expect("revoke");
        let res = app
            .api(Method::GET, "/api/v1/persons", Some(&token), None)
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{b}");
        assert_eq!(res.json()["code"], "token_revoked", "{b}");

        let short = app.token("security", "screening:read").await;
        app.clock.advance_secs(31 * 86_400);
        let res = app.api(Method::GET, "/api/v1/me", Some(&short), None).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{b}");
        assert_eq!(res.json()["code"], "token_expired", "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn bad_parameters_unknown_routes_and_methods_answer_problems() {
    for app in apps().await {
        let b = app.backend;
        let token = app.token("mfa", "persons:read").await;
        for (query, code) in [
            ("status=deceased", "invalid_parameter"),
            ("limit=0", "invalid_parameter"),
            ("limit=501", "invalid_parameter"),
            ("limit=ten", "invalid_parameter"),
            ("cursor=%27%3B--", "invalid_cursor"),
        ] {
            let res = app
                .api(
                    Method::GET,
                    &format!("/api/v1/persons?{query}"),
                    Some(&token),
                    None,
                )
                .await;
            assert_eq!(
                res.status,
                StatusCode::BAD_REQUEST,
                "{b}: {query}: {}",
                res.body
            );
            assert_eq!(
                res.header("content-type"),
                "application/problem+json",
                "{b}: {query}"
            );
            assert_eq!(res.json()["code"], code, "{b}: {query}");
        }
        let res = app
            .api(
                Method::GET,
                "/api/v1/persons?status=merged&limit=10",
                Some(&token),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}");

        let res = app
            .api(Method::GET, "/api/v1/no-such-thing", Some(&token), None)
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{b}");
        assert_eq!(res.json()["code"], "not_found", "{b}");
        let res = app
            .api(Method::DELETE, "/api/v1/persons", Some(&token), None)
            .await;
        assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED, "{b}");
        assert_eq!(res.json()["code"], "method_not_allowed", "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn openapi_document_describes_the_api() {
    for app in apps().await {
        let b = app.backend;
        let res = app
            .api(Method::GET, "/api/v1/openapi.json", None, None)
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}");
        let doc = res.json();
        assert!(
            doc["openapi"]
                .as_str()
                .unwrap_or_default()
                .starts_with("3.1"),
            "{b}"
        );
        assert!(doc["paths"]["/persons"]["get"].is_object(), "{b}");
        assert!(doc["paths"]["/persons"]["post"].is_object(), "{b}");
        assert!(doc["paths"]["/me"]["get"].is_object(), "{b}");
        assert_eq!(
            doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer",
            "{b}"
        );
        assert!(doc["components"]["schemas"]["Problem"].is_object(), "{b}");
        app.cleanup().await;
    }
}
