//! The documentation's examples use person numbers that the server would accept: every
//! `"person_…": "…"` value in the docs is eleven digits with a valid check digit.

use std::path::Path;
use umis_domain::person::PersonId;

/// Every quoted value of a JSON field whose name starts with `person` in `text`.
fn person_values(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("\"person") {
        rest = &rest[at + 1..];
        let Some(close) = rest.find('"') else { break };
        let after = rest[close + 1..].trim_start();
        let Some(after) = after.strip_prefix(':') else {
            continue;
        };
        let after = after.trim_start();
        if let Some(value) = after.strip_prefix('"')
            && let Some(end) = value.find('"')
        {
            out.push(value[..end].to_string());
        }
    }
    out
}

#[test]
fn person_numbers_in_the_docs_are_valid() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).expect("docs folder") {
        let path = entry.expect("docs entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    let mut seen = 0;
    let mut wrong = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable doc");
        for value in person_values(&text) {
            if value.is_empty() || value.starts_with('<') || value.starts_with('{') {
                continue;
            }
            seen += 1;
            if value.parse::<PersonId>().is_err() {
                wrong.push(format!("{}: {value}", file.display()));
            }
        }
    }
    assert!(seen >= 5, "the docs' examples were not found ({seen})");
    assert!(
        wrong.is_empty(),
        "invalid person numbers in the docs: {wrong:?}"
    );
}

#[test]
fn the_scan_finds_a_wrong_number() {
    let values = person_values(r#"{"person_id": "37124409126", "person_b":"1"}"#);
    assert_eq!(values, ["37124409126", "1"]);
    assert!(values[0].parse::<PersonId>().is_err());
}
