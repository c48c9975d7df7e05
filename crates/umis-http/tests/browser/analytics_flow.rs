//! The analyst's screens.

#[allow(unused_imports)]
use super::*;

/// The analyst's screens: the overview, a statistic in the workspace, a forecast of the
/// entries and of an uploaded series, the anomaly alerts and the bulletin, with screenshots.
pub(crate) async fn analytics_flow(c: &Client, base: &str) -> Result<()> {
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
