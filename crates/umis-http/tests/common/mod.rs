//! Shared harness for the HTTP tests: the whole router on each backend, a cookie jar, and
//! helpers for forms, logins and API calls. Requests go through the router in process.
#![allow(
    dead_code,
    reason = "each test file uses a different subset of the helpers"
)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use std::collections::BTreeMap;
use std::sync::Arc;
use tower::ServiceExt;
use umis_http::HttpConfig;
use umis_service::{Ctx, ManualClock, NewUserInput, SecurityConfig, Services};
use umis_store::Office;
use umis_store::testing::TestDb;

/// A password every seeded account uses.
pub const PASSWORD: &str = "correct horse battery";

/// The application on one backend, with a clock the test controls.
pub struct App {
    pub backend: &'static str,
    pub router: Router,
    pub services: Services,
    pub clock: ManualClock,
    db: TestDb,
}

/// A response, read whole.
pub struct Res {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Res {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    /// The first anti-forgery token in a page's forms.
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self
            .body
            .find(marker)
            .unwrap_or_else(|| panic!("no csrf field in page: {}", self.body))
            + marker.len();
        self.body[start..start + 64].to_owned()
    }
}

/// Cookies carried from response to request.
#[derive(Default, Clone, Debug)]
pub struct Jar(pub BTreeMap<String, String>);

impl Jar {
    pub fn header(&self) -> String {
        self.0
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn absorb(&mut self, headers: &HeaderMap) {
        for v in headers.get_all(header::SET_COOKIE) {
            let v = v.to_str().unwrap_or_default();
            let pair = v.split(';').next().unwrap_or_default();
            if let Some((k, val)) = pair.split_once('=') {
                if v.contains("Max-Age=0") {
                    self.0.remove(k);
                } else {
                    self.0.insert(k.to_owned(), val.to_owned());
                }
            }
        }
    }
}

/// The application on every available backend, seeded with an HQ office and three accounts:
/// `admin` (exempt from the mandatory second factor), `auditor` and `officer` (case officer).
pub async fn apps() -> Vec<App> {
    apps_with(HttpConfig::default()).await
}

/// As [`apps`], with a custom HTTP configuration.
pub async fn apps_with(config: HttpConfig) -> Vec<App> {
    let mut out = Vec::new();
    for db in umis_store::testing::all().await {
        let clock = ManualClock::at(1_800_000_000_000_000);
        let services = Services::new(
            db.store.clone(),
            Arc::new(clock.clone()),
            SecurityConfig::default(),
        );
        let ctx = Ctx::system("test");
        services
            .upsert_office(
                &ctx,
                Office {
                    code: "HQ".into(),
                    name: "Headquarters".into(),
                    national: true,
                },
            )
            .await
            .expect("office");
        for (username, role, exempt) in [
            ("admin", "admin", true),
            ("auditor", "auditor", false),
            ("officer", "case_officer", false),
        ] {
            services
                .create_user(
                    &ctx,
                    NewUserInput {
                        username: username.into(),
                        role: role.into(),
                        office_code: "HQ".into(),
                        password: PASSWORD.into(),
                        mfa_exempt: exempt,
                        full_name: String::new(),
                    },
                )
                .await
                .expect("user");
        }
        out.push(App {
            backend: db.backend,
            router: umis_http::router(services.clone(), config.clone()),
            services,
            clock,
            db,
        });
    }
    out
}

impl App {
    pub async fn cleanup(self) {
        self.db.cleanup().await;
    }

    pub async fn send(&self, req: Request<Body>) -> Res {
        let res = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("router is infallible");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Res {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// GET a page with the jar's cookies (and absorb the answer's cookies).
    pub async fn get(&self, path: &str, jar: &mut Jar) -> Res {
        self.get_with(path, jar, &[]).await
    }

    pub async fn get_with(&self, path: &str, jar: &mut Jar, headers: &[(&str, &str)]) -> Res {
        let mut b = Request::get(path).header(header::COOKIE, jar.header());
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        let res = self.send(b.body(Body::empty()).expect("request")).await;
        jar.absorb(&res.headers);
        res
    }

    /// POST a URL-encoded form.
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)], jar: &mut Jar) -> Res {
        self.post_form_with(path, form, jar, &[]).await
    }

    pub async fn post_form_with(
        &self,
        path: &str,
        form: &[(&str, &str)],
        jar: &mut Jar,
        headers: &[(&str, &str)],
    ) -> Res {
        let body = serde_urlencoded::to_string(form).expect("form");
        let mut b = Request::post(path)
            .header(header::COOKIE, jar.header())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        let res = self.send(b.body(Body::from(body)).expect("request")).await;
        jar.absorb(&res.headers);
        res
    }

    /// Attempts a login through the form; returns the answer to the POST.
    pub async fn try_login(&self, jar: &mut Jar, username: &str, password: &str) -> Res {
        let page = self.get("/login", jar).await;
        assert_eq!(page.status, StatusCode::OK, "{}", self.backend);
        let csrf = page.csrf();
        self.post_form(
            "/login",
            &[
                ("csrf", &csrf),
                ("username", username),
                ("password", password),
                ("next", "/"),
            ],
            jar,
        )
        .await
    }

    /// Logs in and returns the jar and the session's anti-forgery token.
    pub async fn login(&self, username: &str) -> (Jar, String) {
        let mut jar = Jar::default();
        let res = self.try_login(&mut jar, username, PASSWORD).await;
        assert_eq!(
            res.status,
            StatusCode::SEE_OTHER,
            "{}: login of {username} failed: {}",
            self.backend,
            res.body
        );
        let home = self.get("/", &mut jar).await;
        assert_eq!(
            home.status,
            StatusCode::OK,
            "{}: {}",
            self.backend,
            home.body
        );
        let csrf = home.csrf();
        (jar, csrf)
    }

    /// An API call with an optional bearer token and JSON body.
    pub async fn api(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> Res {
        let mut b = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let body = match body {
            Some(s) => {
                b = b.header(header::CONTENT_TYPE, "application/json");
                Body::from(s.to_owned())
            }
            None => Body::empty(),
        };
        self.send(b.body(body).expect("request")).await
    }

    /// Issues a token with `scopes` for client `client`.
    pub async fn token(&self, client: &str, scopes: &str) -> String {
        self.services
            .issue_token(&Ctx::system("test"), client, scopes, Some(30))
            .await
            .expect("token")
            .token
    }

    /// The newest audit entries (up to 50), newest first.
    pub async fn audit(&self) -> Vec<umis_domain::AuditRecord> {
        self.services
            .store()
            .search_audit(&Default::default(), 50)
            .await
            .expect("audit")
    }
}
