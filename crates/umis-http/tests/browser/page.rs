//! What every flow does on a page: wait for it, screenshot it, log in, switch language.

#[allow(unused_imports)]
use super::*;

/// Where screenshots go: the build's target folder (every screen the test visits).
pub(crate) fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target")),
        PathBuf::from,
    );
    target.join("browser-screenshots")
}

/// The screens the documentation shows: with `UMIS_SCREENSHOTS_TO_DOCS=1` these are also
/// written to `docs/screenshots/` (how the README's pictures are made).
const DOC_SCREENS: &[&str] = &[
    "home-case_officer-az",
    "home-decision_maker-az",
    "home-inspector-az",
    "home-analyst-en",
    "home-auditor-ru",
    "home-admin-en",
    "person-view",
    "duplicates-compare",
    "case-new-trp",
    "case-proposed",
    "cases-queue",
    "decision-letter",
    "overstays",
    "analytics-overview-en",
    "analytics-forecast",
    "analytics-bulletin",
    "auditor-filtered",
    "narrow-case_officer-home",
    "idle-warning",
];

/// Saves what the browser shows as `name.png`, then runs the accessibility checks on it.
pub(crate) async fn screenshot(c: &Client, name: &str) -> Result<()> {
    let png = c.screenshot().await.context("take screenshot")?;
    let mut dirs = vec![screenshot_dir()];
    if std::env::var_os("UMIS_SCREENSHOTS_TO_DOCS").is_some() && DOC_SCREENS.contains(&name) {
        dirs.push(PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/screenshots"
        )));
    }
    for dir in dirs {
        std::fs::create_dir_all(&dir).with_context(|| format!("create {}", dir.display()))?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, &png).with_context(|| format!("write {}", path.display()))?;
        eprintln!("screenshot: {}", path.display());
    }
    axe_check(c).await?;
    Ok(())
}

pub(crate) async fn wait_css(c: &Client, css: &str) -> Result<fantoccini::elements::Element> {
    match c.wait().at_most(WAIT).for_element(Locator::Css(css)).await {
        Ok(e) => Ok(e),
        Err(e) => {
            let url = c.current_url().await.map(String::from).unwrap_or_default();
            Err(e).with_context(|| format!("waiting for `{css}` on {url}"))
        }
    }
}

pub(crate) async fn path_of(c: &Client) -> Result<String> {
    Ok(c.current_url().await?.path().to_owned())
}

/// Opens the login page with no cookies at all, so every scenario starts anonymous and in the
/// default language.
pub(crate) async fn fresh_login_page(c: &Client, base: &str) -> Result<()> {
    c.goto(&format!("{base}/login")).await?;
    c.delete_all_cookies().await?;
    c.goto(&format!("{base}/login")).await?;
    wait_css(c, "form#login-form").await?;
    Ok(())
}

pub(crate) async fn log_in(c: &Client, user: &str, password: &str) -> Result<()> {
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

pub(crate) async fn switch_lang(c: &Client, lang: &str, logout_text: &str) -> Result<()> {
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
