//! Administration, audit and second-factor screens through the router on both backends:
//! role-based navigation, forms with errors beside fields, tokens shown once, the auditor's
//! filters, and the mandatory second factor.

mod common;

use axum::http::StatusCode;
use common::{Jar, PASSWORD, apps};

fn nav_ids(body: &str) -> Vec<String> {
    body.split("data-nav=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn each_role_sees_its_own_navigation_and_nothing_else() {
    for app in apps().await {
        let b = app.backend;
        let (mut jar, _) = app.login("admin").await;
        let home = app.get("/", &mut jar).await;
        assert_eq!(
            nav_ids(&home.body),
            [
                "home", "users", "offices", "tokens", "security", "policy", "merges", "account"
            ],
            "{b}"
        );
        assert_eq!(
            app.get("/audit", &mut jar).await.status,
            StatusCode::FORBIDDEN,
            "{b}"
        );
        // The design system's components on one page, for administrators only.
        let components = app.get("/admin/components", &mut jar).await;
        assert_eq!(components.status, StatusCode::OK, "{b}");
        for id in [
            "c-banners",
            "c-tabs",
            "c-tags",
            "c-facts",
            "c-table",
            "c-form",
            "c-lists",
        ] {
            assert!(
                components.body.contains(&format!("id=\"{id}\"")),
                "{b}: {id}"
            );
        }

        let (mut jar, _) = app.login("auditor").await;
        let home = app.get("/", &mut jar).await;
        assert_eq!(nav_ids(&home.body), ["home", "audit", "account"], "{b}");
        let res = app.get("/admin/users", &mut jar).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}");
        assert_eq!(
            app.get("/admin/components", &mut jar).await.status,
            StatusCode::FORBIDDEN,
            "{b}: components are for administrators"
        );
        assert!(
            res.body.contains("id=\"error-page\""),
            "{b}: translated error page"
        );
        // A refused or missing page keeps the officer's navigation and menu: no dead end.
        assert_eq!(
            nav_ids(&res.body),
            ["home", "audit", "account"],
            "{b}: 403 shell"
        );
        assert!(res.body.contains("id=\"logout\""), "{b}: 403 user menu");
        let missing = app.get("/no/such/page", &mut jar).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND, "{b}");
        assert_eq!(
            nav_ids(&missing.body),
            ["home", "audit", "account"],
            "{b}: 404 shell"
        );
        let gone = app.get("/persons/12345678903", &mut jar).await;
        assert!(gone.body.contains("id=\"logout\""), "{b}: {}", gone.status);

        let (mut jar, _) = app.login("officer").await;
        let home = app.get("/", &mut jar).await;
        assert_eq!(
            nav_ids(&home.body),
            [
                "home",
                "persons",
                "duplicates",
                "cases",
                "overstays",
                "registrations",
                "alerts",
                "inspections",
                "account"
            ],
            "{b}"
        );
        for path in [
            "/admin/users",
            "/admin/offices",
            "/admin/tokens",
            "/admin/security",
            "/admin/merges",
            "/audit",
        ] {
            assert_eq!(
                app.get(path, &mut jar).await.status,
                StatusCode::FORBIDDEN,
                "{b}: {path}"
            );
        }
        // Refusals are audited.
        let last = &app.audit().await[0];
        assert_eq!(last.entry.actor, "officer", "{b}");
        assert_eq!(last.entry.outcome, umis_domain::AuditOutcome::Denied, "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn admin_creates_users_with_errors_beside_fields() {
    for app in apps().await {
        let b = app.backend;
        let (mut jar, csrf) = app.login("admin").await;
        let bad = [
            (
                ("username", "Bad Name"),
                ("role", "inspector"),
                "nu-username-error",
            ),
            (
                ("username", "inspector1"),
                ("role", "superuser"),
                "nu-role-error",
            ),
        ];
        for ((uk, uv), (rk, rv), error_id) in bad {
            let res = app
                .post_form(
                    "/admin/users",
                    &[
                        ("csrf", &csrf),
                        (uk, uv),
                        (rk, rv),
                        ("office", "HQ"),
                        ("password", PASSWORD),
                    ],
                    &mut jar,
                )
                .await;
            assert_eq!(
                res.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{b}: {error_id}"
            );
            assert!(
                res.body.contains(&format!("id=\"{error_id}\"")),
                "{b}: {error_id}"
            );
            assert!(res.body.contains("aria-invalid=\"true\""), "{b}");
        }
        let res = app
            .post_form(
                "/admin/users",
                &[
                    ("csrf", &csrf),
                    ("username", "inspector1"),
                    ("role", "inspector"),
                    ("office", "NOPE"),
                    ("password", PASSWORD),
                ],
                &mut jar,
            )
            .await;
        assert!(res.body.contains("id=\"nu-office-error\""), "{b}");
        let res = app
            .post_form(
                "/admin/users",
                &[
                    ("csrf", &csrf),
                    ("username", "inspector1"),
                    ("role", "inspector"),
                    ("office", "HQ"),
                    ("password", "short"),
                ],
                &mut jar,
            )
            .await;
        assert!(res.body.contains("id=\"nu-password-error\""), "{b}");
        assert!(
            !res.body.contains("value=\"short\""),
            "{b}: passwords are never echoed"
        );
        // Nothing was stored by the refused attempts.
        assert!(
            app.services
                .store()
                .find_user("inspector1")
                .await
                .expect("find")
                .is_none(),
            "{b}"
        );

        let res = app
            .post_form(
                "/admin/users",
                &[
                    ("csrf", &csrf),
                    ("username", "inspector1"),
                    ("role", "inspector"),
                    ("office", "HQ"),
                    ("password", PASSWORD),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let list = app.get("/admin/users?done=created", &mut jar).await;
        assert!(list.body.contains("data-username=\"inspector1\""), "{b}");
        let res = app
            .post_form(
                "/admin/users",
                &[
                    ("csrf", &csrf),
                    ("username", "inspector1"),
                    ("role", "inspector"),
                    ("office", "HQ"),
                    ("password", PASSWORD),
                ],
                &mut jar,
            )
            .await;
        assert!(res.body.contains("id=\"nu-username-error\""), "{b}: taken");
        let (mut new_jar, _) = app.login("inspector1").await;
        assert_eq!(
            app.get("/", &mut new_jar).await.status,
            StatusCode::OK,
            "{b}"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn admin_issues_a_token_once_and_revokes_it() {
    for app in apps().await {
        let b = app.backend;
        let (mut jar, csrf) = app.login("admin").await;
        let res = app
            .post_form(
                "/admin/tokens",
                &[
                    ("csrf", &csrf),
                    ("client", "sbs-border"),
                    ("scopes", "border-events:write"),
                    ("scopes", "screening:read"),
                    ("expires_days", "90"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        let marker = "id=\"issued-token\">";
        let start = res.body.find(marker).expect("token shown") + marker.len();
        let token = &res.body[start..start + 69];
        assert!(token.starts_with("umis_"), "{b}");
        let me = app
            .api(axum::http::Method::GET, "/api/v1/me", Some(token), None)
            .await;
        assert_eq!(
            me.json()["scopes"],
            serde_json::json!(["border-events:write", "screening:read"]),
            "{b}"
        );
        // The listing shows the prefix only.
        let list = app.get("/admin/tokens", &mut jar).await;
        assert!(!list.body.contains(token), "{b}: never shown again");
        assert!(list.body.contains("data-client=\"sbs-border\""), "{b}");

        let res = app
            .post_form(
                "/admin/tokens",
                &[("csrf", &csrf), ("client", "x"), ("expires_days", "ten")],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(
            res.body.contains("id=\"nt-expires-error\"")
                && res.body.contains("id=\"nt-scopes-error\""),
            "{b}"
        );
        let res = app
            .post_form(
                "/admin/tokens",
                &[("csrf", &csrf), ("client", "x"), ("scopes", "persons:read")],
                &mut jar,
            )
            .await;
        assert!(res.body.contains("id=\"nt-client-error\""), "{b}");
        let res = app
            .post_form(
                "/admin/tokens",
                &[
                    ("csrf", &csrf),
                    ("client", "mia"),
                    ("scopes", "persons:delete"),
                ],
                &mut jar,
            )
            .await;
        assert!(
            res.body.contains("id=\"nt-scopes-error\""),
            "{b}: unknown scope"
        );

        let res = app
            .post_form(
                "/admin/tokens/sbs-border/revoke",
                &[("csrf", &csrf)],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}");
        let me = app
            .api(axum::http::Method::GET, "/api/v1/me", Some(token), None)
            .await;
        assert_eq!(me.status, StatusCode::UNAUTHORIZED, "{b}");
        let res = app
            .post_form("/admin/tokens/nobody/revoke", &[("csrf", &csrf)], &mut jar)
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn auditor_filters_the_log() {
    for app in apps().await {
        let b = app.backend;
        let _ = app
            .try_login(&mut Jar::default(), "officer", "wrong password!")
            .await;
        let (mut jar, _) = app.login("auditor").await;
        let res = app.get("/audit?actor=officer&action=auth.", &mut jar).await;
        assert_eq!(res.status, StatusCode::OK, "{b}");
        assert!(res.body.contains("data-action=\"auth.login\""), "{b}");
        assert!(
            !res.body.contains("data-action=\"user.create\""),
            "{b}: filtered out"
        );
        let res = app.get("/audit?action=user.create", &mut jar).await;
        assert_eq!(
            res.body.matches("data-action=\"user.create\"").count(),
            3,
            "{b}"
        );
        let res = app.get("/audit?from=2026-02-30", &mut jar).await;
        assert!(res.body.contains("id=\"f-from-error\""), "{b}");
        let res = app
            .get("/audit?from=2020-01-01&to=2020-01-02", &mut jar)
            .await;
        assert!(!res.body.contains("data-seq="), "{b}: nothing in 2020");
        // The auditor's searches are themselves in the log.
        let last = &app.audit().await[0];
        assert_eq!(
            (last.entry.action.as_str(), last.entry.actor.as_str()),
            ("audit.search", "auditor"),
            "{b}"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_role_with_mandatory_second_factor_must_enrol_first() {
    for app in apps().await {
        let b = app.backend;
        let (mut admin, admin_csrf) = app.login("admin").await;
        let res = app
            .post_form(
                "/admin/security",
                &[
                    ("csrf", &admin_csrf),
                    ("mfa", "admin"),
                    ("mfa", "case_officer"),
                ],
                &mut admin,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}");
        let page = app.get("/admin/security", &mut admin).await;
        assert!(page.body.contains("value=\"case_officer\" checked"), "{b}");

        let mut jar = Jar::default();
        let res = app.try_login(&mut jar, "officer", PASSWORD).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}");
        let res = app.get("/", &mut jar).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}");
        assert_eq!(res.header("location"), "/account?mfa=required", "{b}");
        let account = app.get("/account?mfa=required", &mut jar).await;
        assert!(account.body.contains("id=\"mfa-required\""), "{b}");
        let csrf = account.csrf();
        let res = app
            .post_form("/account/totp/start", &[("csrf", &csrf)], &mut jar)
            .await;
        let marker = "id=\"totp-secret\">";
        let start = res.body.find(marker).expect("secret shown") + marker.len();
        let end = res.body[start..].find('<').expect("end") + start;
        let secret = res.body[start..end].to_owned();
        let wrong = app
            .post_form(
                "/account/totp/confirm",
                &[("csrf", &csrf), ("code", "000000"), ("secret", &secret)],
                &mut jar,
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(wrong.body.contains("id=\"totp-code-error\""), "{b}");
        let totp = totp_rs::Builder::new()
            .with_secret(totp_rs::Secret::try_from_base32(&secret).expect("base32"))
            .with_issuer(Some("UMIS"))
            .with_account_name("officer")
            .build()
            .expect("totp");
        let now_secs = (app.services.now() / 1_000_000) as u64;
        let code = totp.generate(now_secs).to_string();
        let res = app
            .post_form(
                "/account/totp/confirm",
                &[("csrf", &csrf), ("code", &code)],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        assert_eq!(
            app.get("/", &mut jar).await.status,
            StatusCode::OK,
            "{b}: enrolled"
        );

        // From now on the code is asked at login, and each code works once.
        let res = app
            .try_login(&mut Jar::default(), "officer", PASSWORD)
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{b}");
        assert!(res.body.contains("id=\"login-error\""), "{b}");
        let mut fresh = Jar::default();
        let csrf = app.get("/login", &mut fresh).await.csrf();
        let with_code = |code: String| {
            vec![
                ("csrf".to_owned(), csrf.clone()),
                ("username".to_owned(), "officer".to_owned()),
                ("password".to_owned(), PASSWORD.to_owned()),
                ("code".to_owned(), code),
            ]
        };
        let form = with_code(code.clone());
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let res = app.post_form("/login", &pairs, &mut fresh).await;
        assert_eq!(
            res.status,
            StatusCode::UNAUTHORIZED,
            "{b}: the enrolment code cannot be replayed"
        );
        app.clock.advance_secs(30);
        let next = totp.generate(now_secs + 30).to_string();
        let form = with_code(next);
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let res = app.post_form("/login", &pairs, &mut fresh).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);

        // The officer loses the authenticator: the admin removes it, and the next sign-in leads
        // to enrolment again (the role still requires a second factor).
        let users = app.get("/admin/users", &mut admin).await;
        assert!(users.body.contains("/admin/users/officer/reset-mfa"), "{b}");
        let res = app
            .post_form(
                "/admin/users/officer/reset-mfa",
                &[("csrf", &admin_csrf)],
                &mut admin,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}");
        let mut again = Jar::default();
        let res = app.try_login(&mut again, "officer", PASSWORD).await;
        assert_eq!(
            res.status,
            StatusCode::SEE_OTHER,
            "{b}: no code needed any more"
        );
        assert_eq!(
            app.get("/", &mut again).await.header("location"),
            "/account?mfa=required",
            "{b}"
        );
        assert_eq!(
            app.audit()
                .await
                .iter()
                .filter(|r| r.entry.action == "user.mfa_reset")
                .count(),
            1,
            "{b}"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn officers_change_their_own_password() {
    for app in apps().await {
        let b = app.backend;
        let (mut jar, csrf) = app.login("officer").await;
        let res = app
            .post_form(
                "/account/password",
                &[
                    ("csrf", &csrf),
                    ("current_password", "nope nope nope"),
                    ("new_password", "a brand new passphrase"),
                    ("confirm_password", "a brand new passphrase"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(res.body.contains("id=\"current_password-error\""), "{b}");
        let res = app
            .post_form(
                "/account/password",
                &[
                    ("csrf", &csrf),
                    ("current_password", PASSWORD),
                    ("new_password", "a brand new passphrase"),
                    ("confirm_password", "different"),
                ],
                &mut jar,
            )
            .await;
        assert!(res.body.contains("id=\"confirm_password-error\""), "{b}");
        let res = app
            .post_form(
                "/account/password",
                &[
                    ("csrf", &csrf),
                    ("current_password", PASSWORD),
                    ("new_password", "a brand new passphrase"),
                    ("confirm_password", "a brand new passphrase"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}");
        assert_eq!(
            app.get("/", &mut jar).await.status,
            StatusCode::SEE_OTHER,
            "{b}: sessions ended"
        );
        let res = app
            .try_login(&mut Jar::default(), "officer", "a brand new passphrase")
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn admin_adds_and_renames_offices() {
    for app in apps().await {
        let b = app.backend;
        let (mut jar, csrf) = app.login("admin").await;
        let res = app
            .post_form(
                "/admin/offices",
                &[("csrf", &csrf), ("code", "baku"), ("name", "Baku")],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(res.body.contains("id=\"of-code-error\""), "{b}");
        let res = app
            .post_form(
                "/admin/offices",
                &[("csrf", &csrf), ("code", "BAKU"), ("name", " ")],
                &mut jar,
            )
            .await;
        assert!(res.body.contains("id=\"of-name-error\""), "{b}");
        assert!(
            app.services
                .store()
                .find_office("BAKU")
                .await
                .expect("find")
                .is_none(),
            "{b}"
        );
        let res = app
            .post_form(
                "/admin/offices",
                &[
                    ("csrf", &csrf),
                    ("code", "BAKU"),
                    ("name", "Baku City Department"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let page = app.get("/admin/offices", &mut jar).await;
        assert!(
            page.body.contains("data-office=\"BAKU\"")
                && page.body.contains("Baku City Department"),
            "{b}"
        );
        let res = app
            .post_form(
                "/admin/offices",
                &[
                    ("csrf", &csrf),
                    ("code", "BAKU"),
                    ("name", "Baku Main Department"),
                    ("national", "1"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}");
        let office = app
            .services
            .store()
            .find_office("BAKU")
            .await
            .expect("find")
            .expect("office");
        assert_eq!(
            (office.name.as_str(), office.national),
            ("Baku Main Department", true),
            "{b}"
        );
        // The new office is offered when creating users.
        assert!(
            app.get("/admin/users", &mut jar)
                .await
                .body
                .contains("value=\"BAKU\""),
            "{b}"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn admins_see_system_alerts_on_their_home_page_and_officers_do_not() {
    for app in apps().await {
        let b = app.backend;
        let store = app.services.store();
        let now = app.services.now();
        store
            .raise_system_alert(
                now,
                umis_service::ALERT_AUDIT_VERIFICATION_FAILED,
                "entry 2",
            )
            .await
            .expect("alert");
        let (mut jar, _) = app.login("admin").await;
        let home = app.get("/", &mut jar).await;
        assert!(
            home.body.contains("id=\"system-alerts\""),
            "{b}: {}",
            home.body
        );
        let shown = [
            "Audit log verification failed",
            "Audit jurnalının yoxlanışı uğursuz oldu",
            "Проверка журнала аудита не пройдена",
        ];
        assert!(
            shown.iter().any(|t| home.body.contains(t)),
            "{b}: translated message: {}",
            home.body
        );
        assert!(
            !home.body.contains(">audit_verification_failed") && !home.body.contains("entry 2"),
            "{b}: no internal codes or details shown"
        );
        let (mut jar, _) = app.login("officer").await;
        let home = app.get("/", &mut jar).await;
        assert!(!home.body.contains("system-alerts"), "{b}");
    }
}
