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

#[path = "browser/admin_flows.rs"]
mod admin_flows;
#[path = "browser/analytics_flow.rs"]
mod analytics_flow;
#[path = "browser/app.rs"]
mod app;
#[path = "browser/axe.rs"]
mod axe;
#[path = "browser/case_flows.rs"]
mod case_flows;
#[path = "browser/driver.rs"]
mod driver;
#[path = "browser/idle_flow.rs"]
mod idle_flow;
#[path = "browser/keyboard.rs"]
mod keyboard;
#[path = "browser/narrow.rs"]
mod narrow;
#[path = "browser/page.rs"]
mod page;
#[path = "browser/registry_flows.rs"]
mod registry_flows;
use admin_flows::*;
use analytics_flow::*;
use app::*;
use axe::*;
use case_flows::*;
use driver::*;
use idle_flow::*;
use keyboard::*;
use narrow::*;
use page::*;
use registry_flows::*;

pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";
pub(crate) const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub(crate) const PASSWORD: &str = "correct horse battery";
/// How long an explicit wait may last before the page is declared wrong.
pub(crate) const WAIT: Duration = Duration::from_secs(20);
/// Upper bound for starting a browser session.
pub(crate) const CONNECT_LIMIT: Duration = Duration::from_secs(60);
/// Upper bound for the whole scenario, so a wedged browser cannot hang the test run.
pub(crate) const SCENARIO_LIMIT: Duration = Duration::from_secs(900);

/// The menu each role must see, written out by hand so the test checks the app's rules rather
/// than repeating them.
pub(crate) fn expected_nav(role: Role) -> BTreeSet<&'static str> {
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

pub(crate) fn username(role: Role) -> String {
    format!("b.{}", role.as_str().replace('_', "-"))
}

/// The services behind the browser, for data the analyst's screens need (seeded when the
/// analyst's turn comes, so that earlier flows see only their own records).
pub(crate) static SERVICES: std::sync::OnceLock<Services> = std::sync::OnceLock::new();

/// The UMIS number of the applicant whose residence permit the officers decide.
pub(crate) static APPLICANT: std::sync::OnceLock<String> = std::sync::OnceLock::new();

pub(crate) async fn role_flow(c: &Client, base: &str, role: Role) -> Result<()> {
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
    screenshot(c, &format!("home-{}-az", role.as_str())).await?;

    // Every section in the menu opens as a page of its own, not an error page.
    let mut links = Vec::new();
    for a in c.find_all(Locator::Css("nav.main-nav a[data-nav]")).await? {
        let id = a.attr("data-nav").await?.unwrap_or_default();
        let href = a.attr("href").await?.unwrap_or_default();
        links.push((id, href));
    }
    for (id, href) in &links {
        c.goto(&format!("{base}{href}")).await?;
        wait_css(c, "main h1").await?;
        ensure!(
            c.find_all(Locator::Css("#error-page")).await?.is_empty(),
            "{} opening {href} got an error page",
            role.as_str()
        );
        if id == "home" {
            axe_check(c).await?;
        } else {
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

    // Every menu page again in Russian and in English, for the accessibility checks.
    for (lang, logout) in [("ru", "Выйти"), ("en", "Log out")] {
        switch_lang(c, lang, logout).await?;
        screenshot(c, &format!("home-{}-{lang}", role.as_str())).await?;
        for (_, href) in &links {
            c.goto(&format!("{base}{href}")).await?;
            wait_css(c, &format!("html[lang=\"{lang}\"] main h1")).await?;
            axe_check(c).await?;
        }
        c.goto(&format!("{base}/")).await?;
        wait_css(c, "nav.main-nav").await?;
    }
    // Every menu page on a small phone's screen (the home page last, for its screenshot).
    let mut hrefs: Vec<&str> = links.iter().map(|(_, h)| h.as_str()).collect();
    hrefs.retain(|h| *h != "/");
    hrefs.push("/");
    narrow_pages(c, base, role, &hrefs).await?;

    c.find(Locator::Css("#logout")).await?.click().await?;
    wait_css(c, "form#login-form").await?;
    ensure!(
        path_of(c).await? == "/login",
        "logout did not return to the login page"
    );
    Ok(())
}

pub(crate) async fn scenario(c: &Client, base: &str) -> Result<()> {
    c.set_window_size(1280, 900).await?;
    for role in Role::ALL {
        role_flow(c, base, role)
            .await
            .with_context(|| format!("role {}", role.as_str()))?;
    }
    wrong_password_flow(c, base)
        .await
        .context("wrong password")?;
    idle_flow(c).await.context("idle warning")?;
    axe_verdict()
}

#[tokio::test(flavor = "multi_thread")]
pub(crate) async fn every_role_logs_in_sees_its_menu_switches_language_and_logs_out() -> Result<()>
{
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
