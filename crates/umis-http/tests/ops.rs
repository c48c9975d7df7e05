//! Operations endpoints: liveness, readiness, metrics, and the headers every answer carries.

mod common;

use axum::http::StatusCode;
use common::{Jar, apps};

#[tokio::test]
async fn health_readiness_and_metrics() {
    for app in apps().await {
        let b = app.backend;
        let mut jar = Jar::default();
        let res = app.get("/healthz", &mut jar).await;
        assert_eq!(
            (res.status, res.body.as_str()),
            (StatusCode::OK, "ok"),
            "{b}"
        );
        let res = app.get("/readyz", &mut jar).await;
        assert_eq!(res.status, StatusCode::OK, "{b}");
        assert!(!res.header("x-request-id").is_empty(), "{b}: request id");
        let _ = app.get("/login", &mut jar).await;
        let res = app.get("/metrics", &mut jar).await;
        assert_eq!(res.status, StatusCode::OK, "{b}");
        assert!(
            res.body.contains("umis_http_requests_total"),
            "{b}: {}",
            res.body
        );
        assert!(res.body.contains("route=\"/login\""), "{b}");

        app.services.store().db().close().await;
        let res = app.get("/readyz", &mut jar).await;
        assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn pages_carry_security_headers_and_assets_are_embedded() {
    for app in apps().await {
        let b = app.backend;
        let mut jar = Jar::default();
        let res = app.get("/login", &mut jar).await;
        assert!(
            res.header("content-security-policy")
                .contains("default-src 'self'"),
            "{b}"
        );
        assert_eq!(res.header("x-frame-options"), "DENY", "{b}");
        assert_eq!(res.header("cache-control"), "no-store", "{b}");
        let css = app.get("/assets/umis.css", &mut jar).await;
        assert_eq!(css.status, StatusCode::OK, "{b}");
        assert!(css.header("content-type").starts_with("text/css"), "{b}");
        let js = app.get("/assets/htmx.min.js", &mut jar).await;
        assert_eq!(js.status, StatusCode::OK, "{b}");
        assert!(js.body.contains("htmx"), "{b}");
        let missing = app.get("/assets/nope.js", &mut jar).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND, "{b}");
        app.cleanup().await;
    }
}
