//! Application flows: preparing a case and deciding it.

#[allow(unused_imports)]
use super::*;
use fantoccini::key::Key;

/// Clicks the case page's button for `action` and waits for the case to reach `state`.
pub(crate) async fn case_action(c: &Client, action: &str, state: &str) -> Result<()> {
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
pub(crate) async fn prepare_flow(c: &Client, base: &str) -> Result<()> {
    let person = APPLICANT.get().context("no applicant")?;
    // Filing is done with the keyboard alone: Tab, arrows, typing, Space and Enter.
    c.goto(&format!("{base}/cases")).await?;
    wait_css(c, "#case-new").await?;
    tab_to(c, "#case-new").await?;
    press(c, Key::Enter.into()).await?;
    wait_css(c, "#new-type").await?;
    tab_to(c, "#new-type").await?;
    choose_with_arrows(c, "temporary_residence").await?;
    tab_to(c, "#new-type-go").await?;
    press(c, Key::Enter.into()).await?;
    wait_css(c, "#case-form").await?;
    tab_to(c, "#new-person").await?;
    type_text(c, person).await?;
    tab_to(c, "#f-ground").await?;
    choose_with_arrows(c, "highly_qualified").await?;
    tab_to(c, "#f-requested_months").await?;
    type_text(c, "12").await?;
    tab_to(c, "#f-address").await?;
    type_text(c, "Bakı, Səməd Vurğun küç. 7").await?;
    let mut docs = Vec::new();
    for cb in c
        .find_all(Locator::Css("#new-documents input[type=checkbox]"))
        .await?
    {
        docs.push(cb.attr("data-doc").await?.unwrap_or_default());
    }
    ensure!(!docs.is_empty(), "the form lists no documents to tick");
    for d in docs {
        tab_to(c, &format!("input[data-doc='{d}']")).await?;
        press(c, ' ').await?;
    }
    screenshot(c, "case-new-trp").await?;
    tab_to(c, "#case-submit").await?;
    press(c, Key::Enter.into()).await?;
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
pub(crate) async fn decide_flow(c: &Client, base: &str) -> Result<()> {
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
