//! The back office's login, sessions, anti-forgery checks, lockout and language handling,
//! through the router on both backends.

mod common;

use axum::http::StatusCode;
use common::{Jar, PASSWORD, apps, apps_with};
use umis_domain::AuditOutcome;

#[tokio::test]
async fn anonymous_visitors_are_sent_to_login_in_their_language() {
    for app in apps().await {
        let b = app.backend;
        let mut jar = Jar::default();
        let res = app.get("/audit?actor=x", &mut jar).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}");
        assert_eq!(
            res.header("location"),
            "/login?next=%2Faudit%3Factor%3Dx",
            "{b}"
        );

        let az = app.get("/login", &mut jar).await;
        assert!(
            az.body.contains("<html lang=\"az\">"),
            "{b}: Azerbaijani is the default"
        );
        assert!(az.body.contains("Sistemə giriş"), "{b}");
        let cookie = az.header("set-cookie");
        assert!(cookie.starts_with("umis_csrf="), "{b}: {cookie}");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{b}"
        );

        let ru = app
            .get_with(
                "/login",
                &mut Jar::default(),
                &[("accept-language", "ru-RU,ru;q=0.9")],
            )
            .await;
        assert!(
            ru.body.contains("<html lang=\"ru\">") && ru.body.contains("Вход"),
            "{b}"
        );
        let en = app
            .get_with(
                "/login",
                &mut Jar::default(),
                &[("accept-language", "de, en;q=0.5")],
            )
            .await;
        assert!(en.body.contains("Sign in"), "{b}");

        // The switch on the login page sets the language cookie.
        let csrf = az.csrf();
        let res = app
            .post_form(
                "/lang",
                &[("lang", "en"), ("csrf", &csrf), ("back", "/login")],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}");
        assert_eq!(res.header("location"), "/login", "{b}");
        assert_eq!(
            jar.0.get("umis_lang").map(String::as_str),
            Some("en"),
            "{b}"
        );
        assert!(
            app.get("/login", &mut jar).await.body.contains("Sign in"),
            "{b}"
        );
        // An unknown language is a translated 400, in the current language.
        let res = app
            .post_form(
                "/lang",
                &[("lang", "xx"), ("csrf", &csrf), ("back", "/")],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{b}");
        assert!(res.body.contains("Unknown language"), "{b}: {}", res.body);

        let res = app.get("/no/such/page", &mut jar).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{b}");
        assert!(res.body.contains("The page does not exist"), "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn login_logout_and_session_cookie() {
    for app in apps_with(umis_http::HttpConfig {
        secure_cookies: true,
        ..Default::default()
    })
    .await
    {
        let b = app.backend;
        let mut jar = Jar::default();
        let res = app.try_login(&mut jar, "officer", PASSWORD).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let cookie = res.header("set-cookie");
        assert!(cookie.starts_with("umis_session="), "{b}: {cookie}");
        for flag in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
            assert!(cookie.contains(flag), "{b}: {flag} missing in {cookie}");
        }
        let home = app.get("/", &mut jar).await;
        assert_eq!(home.status, StatusCode::OK, "{b}");
        assert!(home.body.contains("data-user=\"officer\""), "{b}");
        let login = &app.audit().await[0];
        assert_eq!(login.entry.action, "auth.login", "{b}");
        assert_eq!(login.entry.outcome, AuditOutcome::Ok, "{b}");

        // Logout needs the session's anti-forgery token.
        let res = app
            .post_form("/logout", &[("csrf", "forged")], &mut jar)
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}");
        assert_eq!(app.audit().await[0].entry.action, "security.csrf", "{b}");
        let csrf = home.csrf();
        let res = app.post_form("/logout", &[("csrf", &csrf)], &mut jar).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}");
        assert_eq!(res.header("location"), "/login?bye=1", "{b}");
        assert!(!jar.0.contains_key("umis_session"), "{b}: cookie cleared");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn an_old_session_cookie_stops_working_after_logout() {
    for app in apps().await {
        let b = app.backend;
        let (mut jar, csrf) = app.login("officer").await;
        let stolen = jar.clone();
        app.post_form("/logout", &[("csrf", &csrf)], &mut jar).await;
        let res = app.get("/", &mut stolen.clone()).await;
        assert_eq!(
            res.status,
            StatusCode::SEE_OTHER,
            "{b}: replayed cookie must not work"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn wrong_password_missing_csrf_and_cross_site_posts_are_refused_and_audited() {
    for app in apps().await {
        let b = app.backend;
        let mut jar = Jar::default();
        let res = app.try_login(&mut jar, "officer", "wrong password!").await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{b}");
        assert!(res.body.contains("id=\"login-error\""), "{b}");
        assert!(res.body.contains("value=\"officer\""), "{b}: username kept");
        let last = &app.audit().await[0];
        assert_eq!(
            (last.entry.action.as_str(), last.entry.outcome),
            ("auth.login", AuditOutcome::Denied),
            "{b}"
        );

        let res = app
            .post_form(
                "/login",
                &[("username", "officer"), ("password", PASSWORD)],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}: no csrf");
        assert!(res.body.contains("id=\"error-page\""), "{b}");
        assert_eq!(app.audit().await[0].entry.action, "security.csrf", "{b}");

        let page = app.get("/login", &mut jar).await;
        let csrf = page.csrf();
        let res = app
            .post_form_with(
                "/login",
                &[
                    ("csrf", &csrf),
                    ("username", "officer"),
                    ("password", PASSWORD),
                ],
                &mut jar,
                &[("sec-fetch-site", "cross-site")],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}: cross-site");
        assert!(!jar.0.contains_key("umis_session"), "{b}");

        let big = "x".repeat(2 * 1024 * 1024);
        let res = app
            .post_form("/login", &[("csrf", &csrf), ("username", &big)], &mut jar)
            .await;
        assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{b}");
        let res = app
            .send(
                axum::http::Request::post("/login")
                    .header("content-type", "application/json")
                    .body(axum::body::Body::from("{}"))
                    .expect("request"),
            )
            .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{b}: not a form");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn repeated_failures_delay_then_lock_the_account() {
    for app in apps().await {
        let b = app.backend;
        let mut jar = Jar::default();
        for _ in 0..3 {
            let res = app.try_login(&mut jar, "officer", "not the password").await;
            assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{b}");
        }
        // Within the delay even the right password is refused.
        let res = app.try_login(&mut jar, "officer", PASSWORD).await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{b}");
        let last = &app.audit().await[0];
        assert_eq!(last.entry.details["reason"], "locked", "{b}");
        app.clock.advance_secs(2);
        let res = app.try_login(&mut jar, "officer", PASSWORD).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: after the delay");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn sessions_expire_when_idle_and_when_the_account_is_disabled() {
    for app in apps().await {
        let b = app.backend;
        let (mut jar, _) = app.login("officer").await;
        app.clock.advance_secs(29 * 60);
        assert_eq!(app.get("/", &mut jar).await.status, StatusCode::OK, "{b}");
        app.clock.advance_secs(31 * 60);
        let res = app.get("/", &mut jar).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: idle session ended");
        let location = res.header("location");
        assert_eq!(location, "/login?next=%2F&expired=1", "{b}");
        assert!(
            !jar.0.contains_key("umis_session"),
            "{b}: dead cookie dropped"
        );
        let page = app.get(&location, &mut jar).await;
        assert!(
            page.body.contains("Seansınız başa çatıb"),
            "{b}: told why, in Azerbaijani"
        );

        let (mut jar, _) = app.login("officer").await;
        let (mut admin, admin_csrf) = app.login("admin").await;
        let res = app
            .post_form(
                "/admin/users/officer/disable",
                &[("csrf", &admin_csrf)],
                &mut admin,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        assert_eq!(
            app.get("/", &mut jar).await.status,
            StatusCode::SEE_OTHER,
            "{b}: disabled at once"
        );
        let res = app
            .try_login(&mut Jar::default(), "officer", PASSWORD)
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn the_idle_warning_keeps_a_session_alive_only_with_the_anti_forgery_token() {
    for app in apps().await {
        let b = app.backend;
        let (mut jar, csrf) = app.login("officer").await;
        let page = app.get("/", &mut jar).await;
        assert!(
            page.body.contains(r#"id="idle-warning""#)
                && page.body.contains(r#"data-idle-seconds="1800""#)
                && page.body.contains("Sessiyanı uzat"),
            "{b}: the page carries the warning, in Azerbaijani, with the idle limit"
        );
        // Answering the warning renews the session: 28 + 20 minutes after the last page, the
        // officer is still signed in.
        app.clock.advance_secs(28 * 60);
        let res = app
            .post_form("/session/keepalive", &[("csrf", &csrf)], &mut jar)
            .await;
        assert_eq!(res.status, StatusCode::NO_CONTENT, "{b}: {}", res.body);
        app.clock.advance_secs(20 * 60);
        assert_eq!(app.get("/", &mut jar).await.status, StatusCode::OK, "{b}");
        // Without the anti-forgery token the request is refused.
        let res = app.post_form("/session/keepalive", &[], &mut jar).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}: {}", res.body);
        // The anonymous login page has no warning, and renewing without a session is refused.
        let login = app.get("/login", &mut Jar::default()).await;
        assert!(!login.body.contains("idle-warning"), "{b}");
        let res = app
            .post_form(
                "/session/keepalive",
                &[("csrf", &csrf)],
                &mut Jar::default(),
            )
            .await;
        assert_ne!(res.status, StatusCode::NO_CONTENT, "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn the_language_choice_persists_per_user() {
    for app in apps().await {
        let b = app.backend;
        let (mut jar, csrf) = app.login("officer").await;
        let res = app
            .post_form(
                "/lang",
                &[("lang", "ru"), ("csrf", &csrf), ("back", "/")],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}");
        assert!(
            app.get("/", &mut jar)
                .await
                .body
                .contains("<html lang=\"ru\">"),
            "{b}"
        );
        // A new browser (no cookies) gets Russian back at login, from the account.
        let mut fresh = Jar::default();
        let res = app.try_login(&mut fresh, "officer", PASSWORD).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}");
        assert_eq!(
            fresh.0.get("umis_lang").map(String::as_str),
            Some("ru"),
            "{b}"
        );
        let home = app.get("/", &mut fresh).await;
        assert!(home.body.contains("Добро пожаловать"), "{b}");
        // Wrong token on the switch is refused.
        let res = app
            .post_form(
                "/lang",
                &[("lang", "en"), ("csrf", "x"), ("back", "/")],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}");
        app.cleanup().await;
    }
}
