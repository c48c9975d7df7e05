//! The crates' layering, checked over `cargo metadata`: each crate's normal (not dev)
//! dependencies point only downwards, the pure crates use no runtime, database or web crate,
//! and the HTTP layer reaches the database only through the service.

use std::collections::BTreeMap;
use std::process::Command;

/// Each workspace crate's layer, bottom up; a crate may depend only on crates of a lower layer.
const LAYERS: &[(&str, u8)] = &[
    ("umis-domain", 0),
    ("umis-forecast", 0),
    ("umis-keys", 0),
    ("umis-matching", 1),
    ("umis-render", 1),
    ("umis-store", 2),
    ("umis-service", 3),
    ("umis-http", 4),
    ("umis-bench", 5),
    ("umis", 6),
];

/// Crates that hold rules and calculations only: no async runtime, database or web stack.
const PURE: &[&str] = &[
    "umis-domain",
    "umis-forecast",
    "umis-matching",
    "umis-render",
];

/// What the pure crates may not use.
const RUNTIME_CRATES: &[&str] = &["sqlx", "tokio", "axum", "hyper", "reqwest"];

/// What the HTTP layer may not use: the database is the service's business.
const BELOW_THE_SERVICE: &[&str] = &["sqlx", "umis-store"];

/// Each workspace crate's normal dependencies.
fn dependencies() -> BTreeMap<String, Vec<String>> {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml");
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--manifest-path",
        ])
        .arg(manifest)
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata is JSON");
    meta["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| {
            let deps = p["dependencies"]
                .as_array()
                .expect("dependencies")
                .iter()
                .filter(|d| d["kind"].is_null())
                .map(|d| d["name"].as_str().expect("name").to_owned())
                .collect();
            (p["name"].as_str().expect("name").to_owned(), deps)
        })
        .collect()
}

fn layer(name: &str) -> Option<u8> {
    LAYERS.iter().find(|(n, _)| *n == name).map(|(_, l)| *l)
}

/// Every arrow that breaks a rule, with the rule.
fn wrong_arrows(deps: &BTreeMap<String, Vec<String>>) -> Vec<(String, String, &'static str)> {
    let mut wrong = Vec::new();
    for (krate, uses) in deps {
        let Some(own) = layer(krate) else { continue };
        for dep in uses {
            if let Some(theirs) = layer(dep)
                && theirs >= own
            {
                wrong.push((krate.clone(), dep.clone(), "points up or sideways"));
            }
            if PURE.contains(&krate.as_str()) && RUNTIME_CRATES.contains(&dep.as_str()) {
                wrong.push((
                    krate.clone(),
                    dep.clone(),
                    "a pure crate uses a runtime crate",
                ));
            }
            if krate == "umis-http" && BELOW_THE_SERVICE.contains(&dep.as_str()) {
                wrong.push((krate.clone(), dep.clone(), "HTTP reaches below the service"));
            }
        }
    }
    wrong
}

#[test]
fn every_workspace_crate_has_a_layer() {
    for name in dependencies().keys() {
        assert!(layer(name).is_some(), "{name} has no layer in LAYERS");
    }
}

#[test]
fn dependencies_point_downwards_only() {
    let wrong = wrong_arrows(&dependencies());
    assert!(wrong.is_empty(), "wrong arrows: {wrong:?}");
}

#[test]
fn the_rules_catch_a_wrong_arrow() {
    let mut deps = BTreeMap::new();
    deps.insert("umis-domain".to_owned(), vec!["tokio".to_owned()]);
    deps.insert("umis-store".to_owned(), vec!["umis-service".to_owned()]);
    deps.insert("umis-http".to_owned(), vec!["sqlx".to_owned()]);
    let wrong = wrong_arrows(&deps);
    assert_eq!(wrong.len(), 3, "{wrong:?}");
}
