//! The warning before an idle session ends, on an instance whose sessions end after one minute
//! of inactivity (the warning comes half-way): the officer half-fills a form, the warning takes
//! the focus, Enter keeps the session, and what was typed is still there.
//!
//! Runs last: the instance is on another port of the same host, and browsers share cookies
//! between the ports of one host.

#[allow(unused_imports)]
use super::*;
use fantoccini::key::Key;

/// Starts a second instance whose sessions end after one idle minute, with one case officer.
async fn start_short_session_app() -> Result<String> {
    let security = SecurityConfig {
        session_idle_minutes: 1,
        ..SecurityConfig::default()
    };
    let officers = [("b.idle".to_owned(), Role::CaseOfficer)];
    let services = seeded_services(security, &officers).await?;
    serve(services).await
}

pub(crate) async fn idle_flow(c: &Client) -> Result<()> {
    let base = start_short_session_app().await?;
    fresh_login_page(c, &base).await?;
    log_in(c, "b.idle", PASSWORD).await?;
    wait_css(c, "nav.main-nav").await?;
    c.goto(&format!("{base}/persons/new")).await?;
    let surname = wait_css(c, "#p-surname").await?;
    surname.send_keys("HALF-FILLED").await?;
    let box_ = wait_css(c, "#idle-warning").await?;
    ensure!(
        !box_.is_displayed().await?,
        "the idle warning shows before any time has passed"
    );
    // Half of the one-minute limit, and a margin.
    c.wait()
        .at_most(Duration::from_secs(45))
        .for_element(Locator::Css("#idle-warning[data-state='warning']"))
        .await
        .context("no warning before the idle logout")?;
    ensure!(box_.is_displayed().await?, "the idle warning is not shown");
    let focused = c.active_element().await?.attr("id").await?;
    ensure!(
        focused.as_deref() == Some("idle-stay"),
        "the warning does not take the focus ({focused:?} has it)"
    );
    screenshot(c, "idle-warning").await?;
    press(c, Key::Enter.into()).await?;
    wait_css(c, "#idle-warning[data-state='renewed']")
        .await
        .context("staying signed in did not renew the session")?;
    let kept = c
        .find(Locator::Css("#p-surname"))
        .await?
        .prop("value")
        .await?;
    ensure!(
        kept.as_deref() == Some("HALF-FILLED"),
        "the half-filled form lost its text: {kept:?}"
    );
    Ok(())
}
