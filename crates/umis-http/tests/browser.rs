//! Browser test: Debian's headless Chromium, driven through chromedriver, logs in as every role,
//! checks the menu, switches language, logs out, and keeps screenshots of what it saw.
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver` (`apt-get install chromium
//! chromium-driver`). Without them the test is skipped with a loud message, unless
//! `UMIS_REQUIRE_BROWSER=1`, where that is a failure. Screenshots land in
//! `<target>/browser-screenshots/`.

use anyhow::{Context, Result, bail, ensure};
use fantoccini::{Client, ClientBuilder, Locator};
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use umis_domain::Role;
use umis_service::{Ctx, NewUserInput, SecurityConfig, Services, SystemClock};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const PASSWORD: &str = "correct horse battery";
/// How long an explicit wait may last before the page is declared wrong.
const WAIT: Duration = Duration::from_secs(20);
/// Upper bound for starting a browser session.
const CONNECT_LIMIT: Duration = Duration::from_secs(60);
/// Upper bound for the whole scenario, so a wedged browser cannot hang the test run.
const SCENARIO_LIMIT: Duration = Duration::from_secs(180);

/// The menu each role must see, written out by hand so the test checks the app's rules rather
/// than repeating them.
fn expected_nav(role: Role) -> BTreeSet<&'static str> {
    let extra: &[&str] = match role {
        Role::Admin => &["users", "offices", "tokens", "security", "policy", "merges"],
        Role::Auditor => &["audit"],
        Role::CaseOfficer | Role::Inspector => &[
            "persons",
            "duplicates",
            "cases",
            "overstays",
            "registrations",
            "alerts",
            "inspections",
        ],
        Role::DecisionMaker => &[
            "persons",
            "duplicates",
            "cases",
            "overstays",
            "registrations",
            "alerts",
            "inspections",
            "analytics",
        ],
        Role::Analyst => &["analytics"],
    };
    ["home", "account"].iter().chain(extra).copied().collect()
}

fn username(role: Role) -> String {
    format!("b.{}", role.as_str().replace('_', "-"))
}

/// The services behind the browser, for data the analyst's screens need (seeded when the
/// analyst's turn comes, so that earlier flows see only their own records).
static SERVICES: std::sync::OnceLock<Services> = std::sync::OnceLock::new();

/// The UMIS number of the applicant whose residence permit the officers decide.
static APPLICANT: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// The chromedriver child process and the browser profile directory; both go away on drop,
/// whether the test passed or not.
struct Driver {
    child: Child,
    profile: PathBuf,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").context("bind a free port")?;
    Ok(l.local_addr()?.port())
}

/// Starts chromedriver and waits (bounded) until its `/status` answers.
async fn start_driver() -> Result<Driver> {
    let port = free_port()?;
    let profile = std::env::temp_dir().join(format!("umis-browser-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&profile).context("create the browser profile directory")?;
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("start chromedriver")?;
    let driver = Driver {
        child,
        profile,
        url: format!("http://127.0.0.1:{port}"),
    };
    // Waiting on an external process is the one place a poll with a pause is unavoidable.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while tokio::time::Instant::now() < deadline {
        if driver_ready(port).await {
            return Ok(driver);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("chromedriver on port {port} did not become ready within 10 s")
}

/// Whether chromedriver answers `/status` with `"ready":true`. It keeps connections open
/// whatever the request says, so the answer is read only as far as needed, under a time limit.
async fn driver_ready(port: u16) -> bool {
    let probe = async {
        let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .ok()?;
        let req = format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
        s.write_all(req.as_bytes()).await.ok()?;
        let mut seen = Vec::new();
        let mut buf = [0u8; 1024];
        loop {
            let n = s.read(&mut buf).await.ok()?;
            if n == 0 {
                return None;
            }
            seen.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&seen).contains("\"ready\":true") {
                return Some(());
            }
        }
    };
    tokio::time::timeout(Duration::from_millis(500), probe)
        .await
        .ok()
        .flatten()
        .is_some()
}

/// Serves the whole application on a real socket, with one MFA-exempt officer per role.
async fn start_app() -> Result<String> {
    let store = umis_store::testing::sqlite().await.store;
    let services = Services::new(store, Arc::new(SystemClock), SecurityConfig::default());
    let sys = Ctx::system("test");
    services
        .upsert_office(
            &sys,
            umis_store::Office {
                code: "HQ".into(),
                name: "HQ".into(),
                national: true,
            },
        )
        .await
        .context("create office HQ")?;
    for role in Role::ALL {
        services
            .create_user(
                &sys,
                NewUserInput {
                    username: username(role),
                    role: role.as_str().into(),
                    office_code: "HQ".into(),
                    password: PASSWORD.into(),
                    mfa_exempt: true,
                },
            )
            .await
            .with_context(|| format!("create user for {}", role.as_str()))?;
    }
    // Border traffic: a Russian citizen who entered in January 2025 and never left (an
    // overstayer today), and a Kazakh citizen who came and went.
    let event = |id: &str, dir: &str, at: &str, doc: &str, nat: &str, surname: &str| {
        let mut fields = std::collections::HashMap::new();
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
            ("given_names", "IVAN"),
            ("birth_date", "1985-02-03"),
        ] {
            fields.insert(k.to_owned(), v.to_owned());
        }
        umis_service::BorderEventInput { fields }
    };
    let report = services
        .ingest_border_events(
            &sys,
            vec![
                (
                    1,
                    event(
                        "B-1",
                        "entry",
                        "2025-01-10T09:00:00+04:00",
                        "750000001",
                        "RUS",
                        "PETROV",
                    ),
                ),
                (
                    2,
                    event(
                        "B-2",
                        "entry",
                        "2025-02-01T09:00:00+04:00",
                        "N0000001",
                        "KAZ",
                        "ABENOV",
                    ),
                ),
                (
                    3,
                    event(
                        "B-3",
                        "exit",
                        "2025-02-20T09:00:00+04:00",
                        "N0000001",
                        "KAZ",
                        "ABENOV",
                    ),
                ),
            ],
        )
        .await
        .context("seed border events")?;
    ensure!(report.accepted == 3, "seeded events: {report:?}");
    let _ = SERVICES.set(services.clone());
    let applicant = services
        .create_person(
            &sys,
            &umis_service::NewPersonInput {
                surname: "Məmmədova".into(),
                given_names: Some("Leyla".into()),
                sex: Some("F".into()),
                birth_date: Some("1994-09-12".into()),
                nationalities: vec!["TUR".into()],
                documents: vec![umis_service::DocumentInput {
                    doc_type: "passport".into(),
                    issuing_state: "TUR".into(),
                    number: "U12345678".into(),
                    expiry_date: Some("2035-06-30".into()),
                    ..Default::default()
                }],
                ..Default::default()
            },
        )
        .await
        .context("create the applicant")?;
    let _ =
        APPLICANT.set(umis_domain::person::PersonId::from_stored(applicant.person_id).to_string());
    let app = umis_http::router(services, umis_http::HttpConfig::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await;
    });
    Ok(format!("http://{addr}"))
}

/// Where screenshots go: the build's target folder, or with `UMIS_SCREENSHOTS_TO_DOCS=1` the
/// documentation's `docs/screenshots/` (how the README's pictures are made).
fn screenshot_dir() -> PathBuf {
    if std::env::var_os("UMIS_SCREENSHOTS_TO_DOCS").is_some() {
        return PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/screenshots"
        ));
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target")),
        PathBuf::from,
    );
    target.join("browser-screenshots")
}

async fn screenshot(c: &Client, name: &str) -> Result<()> {
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir).with_context(|| format!("create {}", dir.display()))?;
    let png = c.screenshot().await.context("take screenshot")?;
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).with_context(|| format!("write {}", path.display()))?;
    eprintln!("screenshot: {}", path.display());
    Ok(())
}

/// Thirteen months of traffic up to yesterday for the analytics screens: a summer peak, a
/// weekly rhythm, four crossing points and a handful of citizenships; most travellers leave
/// again after a week or two.
async fn seed_traffic(services: &Services, sys: &Ctx) -> Result<()> {
    let today = services.local_today();
    let nats = ["RUS", "TUR", "IRN", "GEO", "IND", "CHN", "KAZ", "DEU"];
    let bcps = [
        ("GYD", "air"),
        ("ASTARA", "land"),
        ("SAMUR", "land"),
        ("BAKU-PORT", "sea"),
    ];
    let mut rows = Vec::new();
    let mut n = 0usize;
    for back in (1..=395i64).rev() {
        let day = today - time::Duration::days(back);
        let season = 1.0
            + 0.6 * ((f64::from(u8::from(day.month())) - 7.0) / 12.0 * std::f64::consts::TAU).cos();
        let weekday = f64::from(day.weekday().number_days_from_monday());
        let count = (season * (3.0 + weekday * 0.5)).round() as usize;
        for k in 0..count {
            n += 1;
            let nat = nats[(n * 7 + k) % nats.len()];
            let (bcp, mode) = bcps[(n * 3 + back as usize) % bcps.len()];
            let stay = 5 + (n % 15) as i64;
            let mut push = |dir: &str, d: time::Date| {
                let mut fields = std::collections::HashMap::new();
                for (key, v) in [
                    ("event_id", format!("T-{n}-{dir}")),
                    ("direction", dir.to_owned()),
                    ("occurred_at", format!("{d}T12:00:00+04:00")),
                    ("bcp", bcp.to_owned()),
                    ("travel_mode", mode.to_owned()),
                    ("document_number", format!("TR{n:07}")),
                    ("document_issuing_state", nat.to_owned()),
                    ("nationality", nat.to_owned()),
                    ("surname", format!("TRAVELLER{n}")),
                    ("given_names", "TEST".to_owned()),
                    (
                        "birth_date",
                        format!("19{:02}-05-0{}", 50 + n % 49, 1 + n % 9),
                    ),
                ] {
                    fields.insert(key.to_owned(), v);
                }
                rows.push((rows.len() + 1, umis_service::BorderEventInput { fields }));
            };
            push("entry", day);
            if back - stay > 1 {
                push("exit", day + time::Duration::days(stay));
            }
        }
    }
    for chunk in rows.chunks(5000) {
        let report = services
            .ingest_border_events(sys, chunk.to_vec())
            .await
            .context("seed traffic")?;
        ensure!(
            report.rejected.is_empty(),
            "seeded traffic: {:?}",
            report.rejected
        );
    }
    Ok(())
}

/// The analyst's screens: the overview, a statistic in the workspace, a forecast of the
/// entries and of an uploaded series, the anomaly alerts and the bulletin, with screenshots.
async fn analytics_flow(c: &Client, base: &str) -> Result<()> {
    let services = SERVICES.get().context("services")?;
    seed_traffic(services, &Ctx::system("test")).await?;
    // A tall window, so the screenshots show the charts too.
    c.set_window_size(1280, 2400).await?;
    c.goto(&format!("{base}/analytics")).await?;
    wait_css(c, "#kpi-tiles [data-kpi='entries']").await?;
    wait_css(c, "#chart-flows svg").await?;
    wait_css(c, "#chart-citizenships svg").await?;
    screenshot(c, "analytics-overview-az").await?;
    // The data behind a chart opens under it.
    c.find(Locator::Css("#chart-flows summary"))
        .await?
        .click()
        .await?;
    wait_css(c, "#chart-flows details[open] table").await?;

    c.goto(&format!("{base}/analytics/explore")).await?;
    c.find(Locator::Css(
        "#explore-form select[name=dataset] option[value=stock]",
    ))
    .await?
    .click()
    .await?;
    c.find(Locator::Css(
        "#explore-form select[name=by] option[value=age_band]",
    ))
    .await?
    .click()
    .await?;
    c.find(Locator::Css("#explore-show")).await?.click().await?;
    let deadline = std::time::Instant::now() + WAIT;
    while !c.current_url().await?.as_str().contains("dataset=stock") {
        ensure!(
            std::time::Instant::now() < deadline,
            "the workspace form was not sent"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    wait_css(c, "#explore-chart svg").await?;
    screenshot(c, "analytics-workspace").await?;

    c.goto(&format!(
        "{base}/analytics/forecast?series=entries&horizon=6"
    ))
    .await?;
    wait_css(
        c,
        "#forecast-result[data-series='entries'] #forecast-chart svg",
    )
    .await?;
    screenshot(c, "analytics-forecast").await?;
    let mut csv = String::from("period,value\n");
    for i in 0..36 {
        let v = 100 + 3 * i + [0, 5, 12, 20, 30, 42, 50, 44, 30, 18, 8, 2][i % 12];
        csv.push_str(&format!("{}-{:02},{v}\n", 2022 + i / 12, i % 12 + 1));
    }
    c.find(Locator::Css("#forecast-upload textarea[name=csv]"))
        .await?
        .send_keys(&csv)
        .await?;
    let horizon = c
        .find(Locator::Css("#forecast-upload input[name=horizon]"))
        .await?;
    horizon.clear().await?;
    horizon.send_keys("12").await?;
    c.find(Locator::Css("#forecast-upload-submit"))
        .await?
        .click()
        .await?;
    // The system series' result is on screen until the answer to the upload replaces it.
    wait_css(
        c,
        "#forecast-result[data-series='upload'] #forecast-chart svg",
    )
    .await?;
    let model = wait_css(c, "#forecast-result[data-series='upload'] #forecast-model")
        .await?
        .text()
        .await?;
    ensure!(!model.is_empty(), "no model named for the upload");
    ensure!(
        c.find_all(Locator::Css("#forecast-chart tbody tr"))
            .await?
            .len()
            == 48,
        "36 months of history and 12 of forecast expected in the data table"
    );
    screenshot(c, "analytics-forecast-upload").await?;

    c.goto(&format!("{base}/analytics/anomalies")).await?;
    wait_css(c, "#anomalies-filter").await?;
    screenshot(c, "analytics-anomalies").await?;
    c.goto(&format!("{base}/analytics/bulletin")).await?;
    wait_css(c, "#bulletin-summary table").await?;
    wait_css(c, "#bulletin-chart svg").await?;
    screenshot(c, "analytics-bulletin").await?;
    // Readable in English too.
    c.goto(&format!("{base}/analytics")).await?;
    for (lang, title) in [
        ("en", "Analytics"),
        ("ru", "Аналитика"),
        ("az", "Analitika"),
    ] {
        c.find(Locator::Css(&format!("button[data-lang=\"{lang}\"]")))
            .await?
            .click()
            .await?;
        wait_css(c, &format!("html[lang=\"{lang}\"]")).await?;
        ensure!(
            path_of(c).await? == "/analytics",
            "the language switch left the overview"
        );
        let h1 = wait_css(c, "main h1").await?.text().await?;
        ensure!(h1.trim() == title, "the {lang} overview is titled {h1:?}");
        wait_css(c, "#chart-modes svg").await?;
        if lang == "en" {
            screenshot(c, "analytics-overview-en").await?;
        }
    }
    c.set_window_size(1280, 900).await?;
    Ok(())
}

async fn wait_css(c: &Client, css: &str) -> Result<fantoccini::elements::Element> {
    match c.wait().at_most(WAIT).for_element(Locator::Css(css)).await {
        Ok(e) => Ok(e),
        Err(e) => {
            let url = c.current_url().await.map(String::from).unwrap_or_default();
            Err(e).with_context(|| format!("waiting for `{css}` on {url}"))
        }
    }
}

async fn path_of(c: &Client) -> Result<String> {
    Ok(c.current_url().await?.path().to_owned())
}

/// Opens the login page with no cookies at all, so every scenario starts anonymous and in the
/// default language.
async fn fresh_login_page(c: &Client, base: &str) -> Result<()> {
    c.goto(&format!("{base}/login")).await?;
    c.delete_all_cookies().await?;
    c.goto(&format!("{base}/login")).await?;
    wait_css(c, "form#login-form").await?;
    Ok(())
}

async fn log_in(c: &Client, user: &str, password: &str) -> Result<()> {
    c.find(Locator::Css("#username"))
        .await?
        .send_keys(user)
        .await?;
    c.find(Locator::Css("#password"))
        .await?
        .send_keys(password)
        .await?;
    c.form(Locator::Css("#login-form")).await?.submit().await?;
    Ok(())
}

async fn switch_lang(c: &Client, lang: &str, logout_text: &str) -> Result<()> {
    c.find(Locator::Css(&format!("button[data-lang=\"{lang}\"]")))
        .await?
        .click()
        .await?;
    wait_css(c, &format!("html[lang=\"{lang}\"]")).await?;
    let text = wait_css(c, "#logout").await?.text().await?;
    ensure!(
        text.trim() == logout_text,
        "after switching to {lang} the logout button reads {text:?}, expected {logout_text:?}"
    );
    let current = c
        .find(Locator::Css("button[data-lang].current"))
        .await?
        .attr("data-lang")
        .await?;
    ensure!(
        current.as_deref() == Some(lang),
        "language switch marks {current:?} as current, expected {lang}"
    );
    ensure!(
        path_of(c).await? == "/",
        "language switch left the dashboard"
    );
    Ok(())
}

async fn role_flow(c: &Client, base: &str, role: Role) -> Result<()> {
    let user = username(role);
    fresh_login_page(c, base).await?;
    let lang = c.find(Locator::Css("html")).await?.attr("lang").await?;
    ensure!(
        lang.as_deref() == Some("az"),
        "login page language is {lang:?}, expected az"
    );
    if role == Role::Admin {
        screenshot(c, "login-az").await?;
    }

    log_in(c, &user, PASSWORD).await?;
    wait_css(c, "nav.main-nav").await?;
    ensure!(
        path_of(c).await? == "/",
        "login did not land on the dashboard"
    );
    // Each role's home page says what needs them today.
    if role != Role::Auditor {
        wait_css(c, "#home-today").await?;
    }

    let who = c
        .find(Locator::Css(".who"))
        .await?
        .attr("data-user")
        .await?;
    ensure!(
        who.as_deref() == Some(user.as_str()),
        "header shows user {who:?}, expected {user}"
    );

    let mut nav = BTreeSet::new();
    for a in c.find_all(Locator::Css("nav.main-nav a[data-nav]")).await? {
        nav.insert(a.attr("data-nav").await?.unwrap_or_default());
    }
    let expected: BTreeSet<String> = expected_nav(role).into_iter().map(String::from).collect();
    ensure!(
        nav == expected,
        "{} sees menu {nav:?}, expected {expected:?}",
        role.as_str()
    );
    screenshot(c, &format!("dashboard-{}-az", role.as_str())).await?;

    // Every section in the menu opens as a page of its own, not an error page.
    let mut links = Vec::new();
    for a in c.find_all(Locator::Css("nav.main-nav a[data-nav]")).await? {
        let id = a.attr("data-nav").await?.unwrap_or_default();
        let href = a.attr("href").await?.unwrap_or_default();
        links.push((id, href));
    }
    for (id, href) in links {
        c.goto(&format!("{base}{href}")).await?;
        wait_css(c, "main h1").await?;
        ensure!(
            c.find_all(Locator::Css("#error-page")).await?.is_empty(),
            "{} opening {href} got an error page",
            role.as_str()
        );
        if id != "home" {
            screenshot(c, &format!("page-{}-{id}", role.as_str())).await?;
        }
    }
    match role {
        Role::CaseOfficer => {
            register_flow(c, base).await.context("registration flow")?;
            duplicate_flow(c, base)
                .await
                .context("duplicate review flow")?;
            prepare_flow(c, base)
                .await
                .context("application preparation flow")?;
        }
        Role::Analyst => {
            analytics_flow(c, base).await.context("analytics flow")?;
        }
        Role::Admin => {
            admin_flow(c, base).await.context("admin flow")?;
            undo_merge_flow(c, base).await.context("undo merge flow")?;
        }
        Role::Auditor => auditor_flow(c, base).await.context("auditor flow")?,
        Role::Inspector => overstay_flow(c, base).await.context("overstay flow")?,
        Role::DecisionMaker => decide_flow(c, base).await.context("decision flow")?,
    }
    c.goto(&format!("{base}/")).await?;
    wait_css(c, "nav.main-nav").await?;

    switch_lang(c, "ru", "Выйти").await?;
    if role == Role::Admin {
        screenshot(c, "dashboard-admin-ru").await?;
    }
    switch_lang(c, "en", "Log out").await?;
    if role == Role::Admin {
        screenshot(c, "dashboard-admin-en").await?;
    }

    c.find(Locator::Css("#logout")).await?.click().await?;
    wait_css(c, "form#login-form").await?;
    ensure!(
        path_of(c).await? == "/login",
        "logout did not return to the login page"
    );
    Ok(())
}

/// The case officer registers a person: the pasted MRZ fills the form, the record opens.
async fn register_flow(c: &Client, base: &str) -> Result<()> {
    c.goto(&format!("{base}/persons/new")).await?;
    wait_css(c, "#mrz-form").await?;
    // A misread check digit: the server answers 422 and the page shows why, in its language.
    c.find(Locator::Css("#mrz"))
        .await?
        .send_keys("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<11")
        .await?;
    c.find(Locator::Css("#mrz-form button[type=submit]"))
        .await?
        .click()
        .await?;
    let errors = wait_css(c, "#mrz-errors").await?.text().await?;
    let lang = c
        .find(Locator::Css("html"))
        .await?
        .attr("lang")
        .await?
        .unwrap_or_default();
    let expected = match lang.as_str() {
        "az" => "Sətir 2",
        "ru" => "Строка 2",
        _ => "Line 2",
    };
    ensure!(
        errors.contains(expected),
        "the MRZ errors are not told in {lang}: {errors:?}"
    );
    let field = c.find(Locator::Css("#mrz")).await?;
    field.clear().await?;
    field
        .send_keys("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10")
        .await?;
    c.find(Locator::Css("#mrz-form button[type=submit]"))
        .await?
        .click()
        .await?;
    wait_css(c, "#mrz-ok").await?;
    let surname = c
        .find(Locator::Css("#p-surname"))
        .await?
        .prop("value")
        .await?;
    ensure!(
        surname.as_deref() == Some("ERIKSSON"),
        "the MRZ did not fill the surname: {surname:?}"
    );
    let number = c
        .find(Locator::Css("#p-doc_number"))
        .await?
        .prop("value")
        .await?;
    ensure!(
        number.as_deref() == Some("L898902C3"),
        "document number {number:?}"
    );
    screenshot(c, "person-new-from-mrz").await?;
    c.find(Locator::Css("#person-save")).await?.click().await?;
    let name = wait_css(c, "#person-name").await?.text().await?;
    ensure!(name.contains("ERIKSSON"), "person page shows {name:?}");
    wait_css(c, "tr[data-document='L898902C3']").await?;
    screenshot(c, "person-view").await?;
    Ok(())
}

/// The case officer registers the same woman again under another spelling: the form warns of
/// the likely duplicate, the officer saves anyway, then reviews the pair side by side and merges
/// the new record into the first.
async fn duplicate_flow(c: &Client, base: &str) -> Result<()> {
    c.goto(&format!("{base}/persons/new")).await?;
    wait_css(c, "#person-form").await?;
    for (field, value) in [
        ("#p-surname", "Eriksson"),
        ("#p-given_names", "Anna Maria"),
        ("#p-birth_date", "1974-08-12"),
        ("#p-nationalities", "SWE"),
    ] {
        c.find(Locator::Css(field)).await?.send_keys(value).await?;
    }
    c.find(Locator::Css("#person-save")).await?.click().await?;
    wait_css(c, "#duplicates li[data-duplicate]").await?;
    screenshot(c, "person-new-duplicate-warning").await?;
    c.find(Locator::Css("#confirm-new")).await?.click().await?;
    c.find(Locator::Css("#person-save")).await?.click().await?;
    let second = wait_css(c, "#person-facts")
        .await?
        .attr("data-person")
        .await?
        .unwrap_or_default();

    c.goto(&format!("{base}/persons/duplicates")).await?;
    let review = wait_css(c, "a[data-review]").await?;
    let pair = review.attr("data-review").await?.unwrap_or_default();
    ensure!(
        pair.contains(&second),
        "the queue shows {pair:?}, not the new record {second}"
    );
    screenshot(c, "duplicates-queue").await?;
    review.click().await?;
    wait_css(c, "#compare-table").await?;
    wait_css(c, "tr.differs[data-row='person-nationalities']").await?;
    screenshot(c, "duplicates-compare").await?;
    // Keep the first record: the form whose survivor is not the new one.
    let a = c
        .find(Locator::Css("#merge-into-a input[name=survivor]"))
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    let keep = if a == second {
        "#merge-into-b"
    } else {
        "#merge-into-a"
    };
    c.find(Locator::Css(&format!("{keep} button[type=submit]")))
        .await?
        .click()
        .await?;
    wait_css(c, "#duplicates-empty").await?;
    screenshot(c, "duplicates-merged").await?;
    Ok(())
}

/// The inspector lists today's overstayers of one nationality and opens one: the person page
/// shows the stay without a lawful basis and the border crossings behind it.
async fn overstay_flow(c: &Client, base: &str) -> Result<()> {
    c.goto(&format!("{base}/control/overstays")).await?;
    wait_css(c, "#overstays-filter").await?;
    c.find(Locator::Css("#overstays-filter input[name=nationality]"))
        .await?
        .send_keys("RUS")
        .await?;
    c.find(Locator::Css("#overstays-filter button[type=submit]"))
        .await?
        .click()
        .await?;
    // Wait for the filtered page, not the unfiltered one still on screen.
    let deadline = std::time::Instant::now() + WAIT;
    while !c.current_url().await?.as_str().contains("nationality=RUS") {
        ensure!(
            std::time::Instant::now() < deadline,
            "the filter was not applied"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let row = wait_css(c, "tr[data-overstay]").await?;
    ensure!(
        c.find_all(Locator::Css("tr[data-overstay]")).await?.len() == 1,
        "one Russian overstayer expected"
    );
    screenshot(c, "overstays").await?;
    row.find(Locator::Css("a")).await?.click().await?;
    let facts = wait_css(c, "#stay-facts").await?;
    let basis = facts.attr("data-basis").await?.unwrap_or_default();
    ensure!(
        basis == "none",
        "the stay basis is {basis:?}, expected none"
    );
    wait_css(c, "#stay-overstay").await?;
    wait_css(c, "tr[data-event='B-1']").await?;
    screenshot(c, "person-stay-overstay").await?;
    let person = wait_css(c, "#person-facts")
        .await?
        .attr("data-person")
        .await?
        .unwrap_or_default();

    // The inspector plans an inspection and records the overstayer found there.
    c.goto(&format!("{base}/control/inspections")).await?;
    c.find(Locator::Css("#i-place"))
        .await?
        .send_keys("Bazaar, Sumqayıt")
        .await?;
    c.find(Locator::Css("#plan-save")).await?.click().await?;
    wait_css(c, "#finding-form").await?;
    c.find(Locator::Css("#f-person"))
        .await?
        .send_keys(&person)
        .await?;
    c.find(Locator::Css("#f-article"))
        .await?
        .send_keys("575.1")
        .await?;
    c.find(Locator::Css("#f-decision option[value=warning]"))
        .await?
        .click()
        .await?;
    c.find(Locator::Css("#finding-save")).await?.click().await?;
    wait_css(c, &format!("tr[data-finding='{person}-1']")).await?;
    screenshot(c, "inspection-finding").await?;
    Ok(())
}

/// Clicks the case page's button for `action` and waits for the case to reach `state`.
async fn case_action(c: &Client, action: &str, state: &str) -> Result<()> {
    c.find(Locator::Css(&format!("button[data-action='{action}']")))
        .await
        .with_context(|| format!("no button for {action}"))?
        .click()
        .await?;
    wait_css(c, &format!("#case-facts[data-state='{state}']"))
        .await
        .with_context(|| format!("{action} did not lead to {state}"))?;
    Ok(())
}

/// The case officer files a temporary residence permit application, registers it, asks the
/// security service and the police, records their answers and proposes an approval.
async fn prepare_flow(c: &Client, base: &str) -> Result<()> {
    let person = APPLICANT.get().context("no applicant")?;
    c.goto(&format!("{base}/cases")).await?;
    wait_css(c, "#case-new").await?.click().await?;
    wait_css(c, "#new-type option[value=temporary_residence]")
        .await?
        .click()
        .await?;
    c.find(Locator::Css("#new-type-go")).await?.click().await?;
    wait_css(c, "#case-form").await?;
    c.find(Locator::Css("#new-person"))
        .await?
        .send_keys(person)
        .await?;
    c.find(Locator::Css("#f-ground option[value=highly_qualified]"))
        .await?
        .click()
        .await?;
    c.find(Locator::Css("#f-requested_months"))
        .await?
        .send_keys("12")
        .await?;
    c.find(Locator::Css("#f-address"))
        .await?
        .send_keys("Bakı, Səməd Vurğun küç. 7")
        .await?;
    for cb in c
        .find_all(Locator::Css("#new-documents input[type=checkbox]"))
        .await?
    {
        cb.click().await?;
    }
    screenshot(c, "case-new-trp").await?;
    c.find(Locator::Css("#case-submit")).await?.click().await?;
    wait_css(c, "#case-facts[data-state='submitted']").await?;
    case_action(c, "register", "registered").await?;
    case_action(c, "start_review", "under_review").await?;
    case_action(c, "request_checks", "awaiting_checks").await?;
    for agency in ["security", "internal_affairs"] {
        wait_css(c, &format!("button[data-record-answer='{agency}']"))
            .await?
            .click()
            .await?;
        wait_css(
            c,
            &format!("tr[data-check='{agency}'][data-status='answered']"),
        )
        .await?;
    }
    c.find(Locator::Css(
        "#propose-ground option[value=highly_qualified]",
    ))
    .await?
    .click()
    .await?;
    c.find(Locator::Css("#propose-reasoning"))
        .await?
        .send_keys("Yüksək ixtisaslı mütəxəssis: əmək müqaviləsi və diplom təqdim edilib.")
        .await?;
    case_action(c, "propose", "proposed").await?;
    ensure!(
        c.find_all(Locator::Css("button[data-action='decide']"))
            .await?
            .is_empty(),
        "the preparer is offered the decision"
    );
    screenshot(c, "case-proposed").await?;
    Ok(())
}

/// The decision maker opens the proposed case from the queue, decides it, issues the permit
/// and opens the decision letter.
async fn decide_flow(c: &Client, base: &str) -> Result<()> {
    c.goto(&format!("{base}/cases?state=proposed")).await?;
    let row = wait_css(c, "tr[data-case]").await?;
    screenshot(c, "cases-queue").await?;
    row.find(Locator::Css("a")).await?.click().await?;
    wait_css(c, "#case-facts[data-state='proposed']").await?;
    case_action(c, "decide", "decided").await?;
    case_action(c, "issue", "issued").await?;
    let permit = wait_css(c, "#case-permit").await?.text().await?;
    ensure!(permit.starts_with("TRP"), "permit number {permit:?}");
    screenshot(c, "case-issued").await?;
    c.find(Locator::Css("#letter-link")).await?.click().await?;
    let title = wait_css(c, "#letter-title").await?.text().await?;
    ensure!(
        title.contains("qərar") || title.contains("Qərar") || title.contains("Müraciət"),
        "letter title {title:?}"
    );
    screenshot(c, "decision-letter").await?;
    Ok(())
}

/// The administrator finds the officer's merge among the merges and undoes it.
async fn undo_merge_flow(c: &Client, base: &str) -> Result<()> {
    c.goto(&format!("{base}/admin/merges")).await?;
    let undo = wait_css(c, "button[data-undo]").await?;
    screenshot(c, "admin-merges").await?;
    undo.click().await?;
    wait_css(c, "#merges-empty").await?;
    Ok(())
}

/// The administrator creates an account (first with an error shown beside the field) and
/// issues an agency token, which is shown once.
async fn admin_flow(c: &Client, base: &str) -> Result<()> {
    c.goto(&format!("{base}/admin/users")).await?;
    wait_css(c, "#new-user-form").await?;
    c.find(Locator::Css("#nu-username"))
        .await?
        .send_keys("Not Valid")
        .await?;
    c.find(Locator::Css("#nu-password"))
        .await?
        .send_keys(PASSWORD)
        .await?;
    c.find(Locator::Css("#new-user-form button[type=submit]"))
        .await?
        .click()
        .await?;
    let error = wait_css(c, "#nu-username-error").await?.text().await?;
    ensure!(!error.trim().is_empty(), "no error beside the username");
    let field = c.find(Locator::Css("#nu-username")).await?;
    field.clear().await?;
    field.send_keys("new.inspector").await?;
    c.find(Locator::Css("#nu-role option[value=inspector]"))
        .await?
        .click()
        .await?;
    c.find(Locator::Css("#nu-password"))
        .await?
        .send_keys(PASSWORD)
        .await?;
    c.find(Locator::Css("#new-user-form button[type=submit]"))
        .await?
        .click()
        .await?;
    wait_css(c, "tr[data-username='new.inspector']").await?;
    screenshot(c, "admin-user-created").await?;

    c.goto(&format!("{base}/admin/tokens")).await?;
    wait_css(c, "#new-token-form").await?;
    c.find(Locator::Css("#nt-client"))
        .await?
        .send_keys("sbs-border")
        .await?;
    c.find(Locator::Css(
        "input[name=scopes][value='border-events:write']",
    ))
    .await?
    .click()
    .await?;
    c.find(Locator::Css("#nt-expires"))
        .await?
        .send_keys("90")
        .await?;
    c.find(Locator::Css("#new-token-form button[type=submit]"))
        .await?
        .click()
        .await?;
    let token = wait_css(c, "#issued-token").await?.text().await?;
    ensure!(
        token.starts_with("umis_") && token.len() == 69,
        "issued token {token:?}"
    );
    screenshot(c, "admin-token-issued").await?;

    // A regional office with the regions whose registered foreigners it answers for.
    c.goto(&format!("{base}/admin/offices")).await?;
    wait_css(c, "#office-form").await?;
    for (css, text) in [
        ("#of-code", "GANJA-RD"),
        ("#of-name", "Ganja Regional Department"),
        ("#of-regions", "Ganja; Goygol;"),
    ] {
        c.find(Locator::Css(css)).await?.send_keys(text).await?;
    }
    c.find(Locator::Css("#office-form button[type=submit]"))
        .await?
        .click()
        .await?;
    let regions = wait_css(c, "tr[data-office='GANJA-RD'] td[data-regions]")
        .await?
        .text()
        .await?;
    ensure!(
        regions.trim() == "Ganja; Goygol",
        "regions shown {regions:?}"
    );
    screenshot(c, "admin-office-regions").await?;
    Ok(())
}

/// The auditor narrows the log to one action; the filter works with htmx or without.
async fn auditor_flow(c: &Client, base: &str) -> Result<()> {
    c.goto(&format!("{base}/audit")).await?;
    wait_css(c, "#audit-filter").await?;
    c.find(Locator::Css("#f-action"))
        .await?
        .send_keys("user.create")
        .await?;
    c.find(Locator::Css("#audit-filter button[type=submit]"))
        .await?
        .click()
        .await?;
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        // htmx swaps the table while we read it: a stale row just means "look again".
        let mut actions = Vec::new();
        if let Ok(rows) = c.find_all(Locator::Css("#audit-table tbody tr")).await {
            for row in rows {
                match row.attr("data-action").await {
                    Ok(a) => actions.push(a.unwrap_or_default()),
                    Err(_) => {
                        actions.clear();
                        break;
                    }
                }
            }
        }
        if !actions.is_empty() && actions.iter().all(|a| a == "user.create") {
            break;
        }
        ensure!(
            std::time::Instant::now() < deadline,
            "the audit filter did not narrow the table: {actions:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    screenshot(c, "auditor-filtered").await?;
    Ok(())
}

async fn wrong_password_flow(c: &Client, base: &str) -> Result<()> {
    fresh_login_page(c, base).await?;
    log_in(c, &username(Role::Analyst), "not the password").await?;
    let error = wait_css(c, "#login-error").await?.text().await?;
    ensure!(!error.trim().is_empty(), "the login error is empty");
    ensure!(
        c.find_all(Locator::Css("nav.main-nav")).await?.is_empty(),
        "a wrong password still shows the navigation"
    );
    screenshot(c, "login-error-az").await?;
    Ok(())
}

async fn scenario(c: &Client, base: &str) -> Result<()> {
    c.set_window_size(1280, 900).await?;
    for role in Role::ALL {
        role_flow(c, base, role)
            .await
            .with_context(|| format!("role {}", role.as_str()))?;
    }
    wrong_password_flow(c, base).await.context("wrong password")
}

fn browser_available() -> bool {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER]
        .into_iter()
        .filter(|p| !Path::new(p).exists())
        .collect();
    if missing.is_empty() {
        return true;
    }
    if std::env::var("UMIS_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
        panic!(
            "UMIS_REQUIRE_BROWSER=1 but {} missing (apt-get install chromium chromium-driver)",
            missing.join(" and ")
        );
    }
    eprintln!(
        "\n!!!!!!!! {} missing: BROWSER TEST SKIPPED (apt-get install chromium chromium-driver) !!!!!!!!\n",
        missing.join(" and ")
    );
    false
}

#[tokio::test(flavor = "multi_thread")]
async fn every_role_logs_in_sees_its_menu_switches_language_and_logs_out() -> Result<()> {
    if !browser_available() {
        return Ok(());
    }
    let base = start_app().await?;
    let driver = start_driver().await?;
    // The browser asks for a language UMIS does not offer (Chromium would otherwise ask for
    // en-US), so anonymous pages must fall back to the default, Azerbaijani.
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "prefs": { "intl": { "accept_languages": "de-DE,de" } },
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
                format!("--user-data-dir={}", driver.profile.display()),
            ]
        }
    });
    let serde_json::Value::Object(caps) = caps else {
        bail!("capabilities must be a JSON object");
    };
    let client = tokio::time::timeout(
        CONNECT_LIMIT,
        ClientBuilder::native()
            .capabilities(caps)
            .connect(&driver.url),
    )
    .await
    .context("Chromium session did not open in time")?
    .context("open a Chromium session")?;
    // Run the scenario (bounded, so a wedged browser fails the test instead of hanging it),
    // then always end the browser session before the driver goes away.
    let outcome = match tokio::time::timeout(SCENARIO_LIMIT, scenario(&client, &base)).await {
        Ok(outcome) => outcome,
        Err(_) => Err(anyhow::anyhow!(
            "the browser scenario took over {SCENARIO_LIMIT:?}"
        )),
    };
    let closed = client.close().await;
    drop(driver);
    outcome?;
    closed.context("close the browser session")
}
