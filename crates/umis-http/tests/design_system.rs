//! The design system covers every page: each class a template or a handler writes into HTML
//! has a rule in the stylesheet (a class with no style renders as raw, unstyled markup).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// `text` with every `open … close` span replaced by `with`.
fn replace_spans(text: &str, open: &str, close: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        match rest[start..].find(close) {
            Some(end) => {
                out.push_str(with);
                rest = &rest[start + end + close.len()..];
            }
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The class names written in `text`; a name with an interpolated part ends in `*`.
fn classes_in(text: &str) -> BTreeSet<String> {
    // Template logic inside an attribute becomes space; an interpolation a wildcard.
    let text = replace_spans(text, "{%", "%}", " ");
    let text = replace_spans(&text, "{{", "}}", "*");
    let text = text.replace("\\\"", "\"");
    let mut out = BTreeSet::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("class=\"") {
        rest = &rest[at + 7..];
        let Some(end) = rest.find('"') else { break };
        for name in rest[..end].split_whitespace() {
            if name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '*')
                && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            {
                out.insert(name.to_string());
            }
        }
        rest = &rest[end..];
    }
    out
}

/// Class names the stylesheet has a selector for.
fn styled(css: &str) -> BTreeSet<String> {
    let css = replace_spans(css, "/*", "*/", " ");
    let mut out = BTreeSet::new();
    for block in css.split('}') {
        // Everything before the last `{` of a block is selectors (an at-rule's and a rule's).
        let selectors = block.rsplit_once('{').map_or("", |(s, _)| s);
        for (i, c) in selectors.char_indices() {
            if c != '.' {
                continue;
            }
            let name: String = selectors[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                out.insert(name);
            }
        }
    }
    out
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

#[test]
fn every_class_on_a_page_has_a_style() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let css = std::fs::read_to_string(root.join("assets/umis.css")).expect("stylesheet");
    let styled = styled(&css);
    let mut sources = Vec::new();
    files(&root.join("templates"), "html", &mut sources);
    files(&root.join("src/ui"), "rs", &mut sources);
    let mut missing = Vec::new();
    let mut seen = 0;
    for file in sources {
        let text = std::fs::read_to_string(&file).expect("source");
        for class in classes_in(&text) {
            seen += 1;
            let ok = match class.strip_suffix('*') {
                Some(prefix) => styled.iter().any(|s| s.starts_with(prefix)),
                None => styled.contains(&class),
            };
            if !ok {
                missing.push(format!(
                    "{}: .{class}",
                    file.file_name().unwrap_or_default().to_string_lossy()
                ));
            }
        }
    }
    assert!(
        seen > 50,
        "too few classes found ({seen}): the scan is broken"
    );
    assert!(missing.is_empty(), "classes without a style: {missing:#?}");
}

#[test]
fn the_scan_reads_templates_and_stylesheets() {
    let html =
        r#"<p class="pager {% if x == "a" %}on{% endif %}"><span class="badge clock-{{ c }}">"#;
    let found = classes_in(html);
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        ["badge", "clock-*", "on", "pager"]
    );
    let css = ".a, .b:hover > .c { x: 1 } /* .d */ @media (x) { .e { y: 2 } } .f{}";
    let styled = styled(css);
    assert!(
        ["a", "b", "c", "e", "f"]
            .iter()
            .all(|c| styled.contains(*c))
    );
    assert!(!styled.contains("d"));
}

#[test]
fn every_clock_state_has_a_style() {
    use umis_domain::cases::ClockStatus;
    let css =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/umis.css"))
            .expect("stylesheet");
    let styled = styled(&css);
    for status in [
        ClockStatus::Stopped,
        ClockStatus::OnTime,
        ClockStatus::AtRisk,
        ClockStatus::Overdue,
    ] {
        let class = format!("clock-{}", status.as_str());
        assert!(styled.contains(&class), ".{class} has no style");
    }
}
