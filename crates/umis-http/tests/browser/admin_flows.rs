//! Administration, audit and the failed login.

#[allow(unused_imports)]
use super::*;

/// The administrator finds the officer's merge among the merges and undoes it.
pub(crate) async fn undo_merge_flow(c: &Client, base: &str) -> Result<()> {
    c.goto(&format!("{base}/admin/merges")).await?;
    let undo = wait_css(c, "button[data-undo]").await?;
    screenshot(c, "admin-merges").await?;
    undo.click().await?;
    wait_css(c, "#merges-empty").await?;
    Ok(())
}

/// The administrator creates an account (first with an error shown beside the field) and
/// issues an agency token, which is shown once.
pub(crate) async fn admin_flow(c: &Client, base: &str) -> Result<()> {
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
pub(crate) async fn auditor_flow(c: &Client, base: &str) -> Result<()> {
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

pub(crate) async fn wrong_password_flow(c: &Client, base: &str) -> Result<()> {
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
