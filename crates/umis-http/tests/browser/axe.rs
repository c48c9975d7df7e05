//! Accessibility: axe-core runs on every page the test visits and records its WCAG 2.0/2.1
//! A and AA violations; a serious or critical one fails the test once the scenario is over.
//!
//! axe-core is the npm package pinned in `tests/axe/package.json`, installed beside this test
//! by `npm ci --prefix crates/umis-http/tests/axe` (CI does it) and loaded into each page by
//! WebDriver; it is never part of the binary. Without it the checks are skipped with a loud
//! message, unless `UMIS_REQUIRE_BROWSER=1`.

#[allow(unused_imports)]
use super::*;
use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

const AXE_JS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/axe/node_modules/axe-core/axe.min.js"
);

/// Runs axe on the whole document with the WCAG A/AA rules and answers the violations with
/// the first few offending elements of each.
const RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations']
}).then(r => done({
  lang: document.documentElement.lang,
  path: location.pathname + location.search,
  violations: r.violations.map(v => ({
    id: v.id, impact: v.impact || 'unknown', help: v.help,
    nodes: v.nodes.length,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))
  }))
})).catch(e => done({ error: String(e) }));
"#;

/// What axe found over the whole run.
#[derive(Default)]
pub(crate) struct AxeReport {
    /// Distinct pages (path without the query) per language.
    pages: std::collections::BTreeSet<(String, String)>,
    runs: usize,
    /// Violations (rule × page run) per impact.
    by_impact: BTreeMap<String, usize>,
    /// Serious and critical violations, described for the failure message.
    failures: Vec<String>,
}

static REPORT: Mutex<Option<AxeReport>> = Mutex::new(None);
static SOURCE: OnceLock<Option<String>> = OnceLock::new();

fn source() -> Option<&'static str> {
    SOURCE
        .get_or_init(|| match std::fs::read_to_string(AXE_JS) {
            Ok(s) => Some(s),
            Err(_) => {
                if std::env::var("UMIS_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
                    panic!(
                        "UMIS_REQUIRE_BROWSER=1 but {AXE_JS} is missing \
                         (npm ci --prefix crates/umis-http/tests/axe)"
                    );
                }
                eprintln!(
                    "\n!!!!!!!! {AXE_JS} missing: ACCESSIBILITY CHECKS SKIPPED \
                     (npm ci --prefix crates/umis-http/tests/axe) !!!!!!!!\n"
                );
                None
            }
        })
        .as_deref()
}

/// Runs axe on the page the browser shows now and records what it finds.
pub(crate) async fn axe_check(c: &Client) -> Result<()> {
    let Some(src) = source() else {
        return Ok(());
    };
    let loaded = c.execute("return typeof window.axe", vec![]).await?;
    if loaded.as_str() != Some("object") {
        c.execute(src, vec![]).await.context("load axe-core")?;
    }
    let out = c.execute_async(RUN, vec![]).await.context("run axe")?;
    if let Some(e) = out.get("error") {
        bail!("axe failed: {e}");
    }
    let text = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap_or_default().to_owned();
    let (lang, path) = (text(&out, "lang"), text(&out, "path"));
    let mut guard = REPORT.lock().expect("axe report lock");
    let report = guard.get_or_insert_with(AxeReport::default);
    report.runs += 1;
    let bare = path.split('?').next().unwrap_or_default().to_owned();
    report.pages.insert((bare, lang.clone()));
    for v in out["violations"].as_array().into_iter().flatten() {
        let impact = text(v, "impact");
        *report.by_impact.entry(impact.clone()).or_default() += 1;
        if impact == "serious" || impact == "critical" {
            report.failures.push(format!(
                "{path} [{lang}] {impact} {}: {} ({} elements, e.g. {})",
                text(v, "id"),
                text(v, "help"),
                v["nodes"],
                v["targets"]
            ));
        }
    }
    Ok(())
}

/// Records a failure found beside axe's (a page too wide for a phone), reported with them at
/// the end of the run so that one run names every problem.
pub(crate) fn record_failure(what: String) {
    let mut guard = REPORT.lock().expect("axe report lock");
    guard
        .get_or_insert_with(AxeReport::default)
        .failures
        .push(what);
}

/// Prints what axe saw over the run (also into `axe-report.txt` beside the screenshots) and
/// fails on any serious or critical violation.
pub(crate) fn axe_verdict() -> Result<()> {
    let guard = REPORT.lock().expect("axe report lock");
    let Some(report) = guard.as_ref() else {
        if source().is_none() {
            return Ok(());
        }
        bail!("axe never ran");
    };
    let paths: std::collections::BTreeSet<&String> = report.pages.iter().map(|(p, _)| p).collect();
    let mut summary = format!(
        "axe-core: {} runs over {} distinct pages ({} pages × languages); violations by impact: {:?}\n",
        report.runs,
        paths.len(),
        report.pages.len(),
        report.by_impact
    );
    for f in &report.failures {
        summary.push_str(f);
        summary.push('\n');
    }
    eprint!("{summary}");
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("axe-report.txt"), &summary)?;
    ensure!(
        report.failures.is_empty(),
        "{} serious or critical accessibility violations or pages too wide:\n{}",
        report.failures.len(),
        report.failures.join("\n")
    );
    Ok(())
}
