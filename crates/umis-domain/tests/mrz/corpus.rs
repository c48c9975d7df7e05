//! The seed corpus of the `mrz` fuzz target (`fuzz/corpus/mrz/` at the repository root): every
//! file parses without panicking; files named `valid-*` must be valid and `broken-*` invalid,
//! as of the fixed test date.

use std::path::Path;

use crate::support::parse;

#[test]
fn corpus_files_parse_as_named() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/mrz");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let report = parse(&String::from_utf8_lossy(&bytes));
        if name.starts_with("valid-") {
            assert!(report.valid, "{name}: {:#?}", report.errors);
        } else if name.starts_with("broken-") {
            assert!(!report.valid, "{name}");
        }
        seen += 1;
    }
    assert!(seen >= 12, "only {seen} corpus files in {}", dir.display());
}
