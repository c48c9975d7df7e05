//! Reach: at 360 px (a small phone) every menu page fits the width — nothing but a table's
//! own scroll box may be wider than the screen.

#[allow(unused_imports)]
use super::*;

/// The widest element that sticks out of the viewport, outside scroll boxes, if any.
const OVERFLOW: &str = r#"
const vw = document.documentElement.clientWidth;
if (document.documentElement.scrollWidth <= vw) { return null; }
let found = null;
for (const e of document.querySelectorAll('body *')) {
  const r = e.getBoundingClientRect();
  if (r.right > vw + 1 && !(e.parentElement && e.parentElement.closest('.table-wrap'))) {
    // The last one in document order: the innermost element that sticks out.
    found = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
      (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') +
      ' ends at ' + Math.round(r.right) + ' px of ' + vw;
  }
}
return found || ('the page is ' + document.documentElement.scrollWidth + ' px wide for ' + vw);
"#;

/// Opens each page at 360 px, fails on anything wider than the screen, runs the accessibility
/// checks there too, and returns to the desktop size.
pub(crate) async fn narrow_pages(c: &Client, base: &str, role: Role, hrefs: &[&str]) -> Result<()> {
    c.set_window_size(360, 780).await?;
    let width = c
        .execute("return document.documentElement.clientWidth;", vec![])
        .await?;
    ensure!(
        width.as_f64().is_some_and(|w| w <= 400.0),
        "the browser window did not narrow to 360 px (viewport {width})"
    );
    for href in hrefs {
        c.goto(&format!("{base}{href}")).await?;
        wait_css(c, "main h1").await?;
        let over = c.execute(OVERFLOW, vec![]).await?;
        if !over.is_null() {
            record_failure(format!("at 360 px, {href} is too wide: {over}"));
        }
        axe_check(c).await?;
    }
    screenshot(c, &format!("narrow-{}-home", role.as_str())).await?;
    c.set_window_size(1280, 900).await?;
    Ok(())
}
