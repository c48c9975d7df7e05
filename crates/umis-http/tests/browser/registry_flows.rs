//! Registry and control flows: registration, duplicates, overstays and inspections.

#[allow(unused_imports)]
use super::*;

/// The case officer registers a person: the pasted MRZ fills the form, the record opens.
pub(crate) async fn register_flow(c: &Client, base: &str) -> Result<()> {
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
pub(crate) async fn duplicate_flow(c: &Client, base: &str) -> Result<()> {
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
pub(crate) async fn overstay_flow(c: &Client, base: &str) -> Result<()> {
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
