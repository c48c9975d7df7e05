//! Every message key exists in every locale, and every key the templates and handlers use is
//! defined.

use std::collections::BTreeSet;
use std::path::Path;

fn keys(ftl: &str) -> BTreeSet<String> {
    ftl.lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with('#'))
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned()))
        .chain(
            ftl.lines()
                .filter(|l| !l.starts_with(' ') && l.ends_with(" ="))
                .map(|l| l.trim_end_matches(" =").trim().to_owned()),
        )
        .collect()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn locale_keys(lang: &str) -> BTreeSet<String> {
    let path = root().join("locales").join(lang).join("main.ftl");
    keys(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

#[test]
fn every_locale_has_every_key() {
    let en = locale_keys("en");
    assert!(en.len() > 100, "parsed {} keys", en.len());
    for lang in ["az", "ru"] {
        let other = locale_keys(lang);
        let missing: Vec<_> = en.difference(&other).collect();
        let extra: Vec<_> = other.difference(&en).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(extra.is_empty(), "{lang} has keys English lacks: {extra:?}");
    }
}

/// Literal keys passed to `t(…)`, `t1(…)`, `tn(…)` or written as `"…-…"` keys in Rust code.
fn used_keys(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for call in [".t(\"", ".t1(\"", ".tn(\""] {
        for part in text.split(call).skip(1) {
            if let Some(key) = part.split('"').next() {
                out.push(key.to_owned());
            }
        }
    }
    out
}

fn walk(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            walk(&p, files);
        } else {
            files.push(p);
        }
    }
}

#[test]
fn every_used_key_is_defined() {
    let en = locale_keys("en");
    let mut files = Vec::new();
    walk(&root().join("templates"), &mut files);
    walk(&root().join("src"), &mut files);
    let mut used = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read");
        for key in used_keys(&text) {
            used += 1;
            assert!(
                en.contains(&key),
                "{} uses undefined key '{key}'",
                f.display()
            );
        }
        // Keys chosen in handlers are string literals like "users-error-role".
        if f.extension().is_some_and(|e| e == "rs") {
            for lit in text.split('"').skip(1).step_by(2) {
                let looks_like_key = lit.contains('-')
                    && lit.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                    && [
                        "login-",
                        "users-",
                        "tokens-",
                        "account-",
                        "error-",
                        "security-",
                        "audit-",
                        "nav-",
                    ]
                    .iter()
                    .any(|p| lit.starts_with(p));
                if looks_like_key && !lit.ends_with('-') {
                    assert!(
                        en.contains(lit),
                        "{} names undefined key '{lit}'",
                        f.display()
                    );
                }
            }
        }
    }
    assert!(used > 50, "found only {used} uses");
    // Role names and audit outcomes are looked up by computed keys.
    for role in umis_domain::Role::ALL {
        let key = format!("role-{}", role.as_str().replace('_', "-"));
        assert!(en.contains(&key), "missing {key}");
    }
    for scope in umis_domain::Scope::ALL {
        let key = format!("scope-{}", scope.as_str().replace([':', '_'], "-"));
        assert!(en.contains(&key), "missing {key}");
    }
    for t in [
        "passport",
        "id-card",
        "refugee-travel-document",
        "stateless-travel-document",
        "residence-card",
        "visa",
        "other",
    ] {
        assert!(en.contains(&format!("doc-type-{t}")), "{t}");
    }
    for s in ["valid", "lost", "stolen", "expired", "revoked"] {
        assert!(en.contains(&format!("doc-status-{s}")), "{s}");
    }
    // Casework: every type, state, action, field, document, ground, partner body and answer.
    let dashed = |prefix: &str, v: &str| format!("{prefix}-{}", v.replace(['_', '.'], "-"));
    let mut case_keys = Vec::new();
    for t in umis_domain::cases::TYPES {
        case_keys.push(dashed("apptype", t.code));
        case_keys.extend(t.fields.iter().map(|f| dashed("case-field", f.name)));
        case_keys.extend(t.documents.iter().map(|d| dashed("case-doc", d)));
        case_keys.extend(t.grounds.iter().map(|g| dashed("case-ground", g)));
        for f in t.fields {
            if let umis_domain::cases::FieldKind::Choice(opts) = f.kind {
                let prefix = if f.name == "ground" {
                    "case-ground"
                } else {
                    "case-choice"
                };
                case_keys.extend(opts.iter().map(|o| dashed(prefix, o)));
            }
        }
    }
    for s in umis_domain::cases::State::ALL {
        case_keys.push(dashed("case-state", s.as_str()));
    }
    for a in umis_domain::cases::ActionKind::ALL {
        case_keys.push(dashed("case-action", a.as_str()));
    }
    for e in ["create", "assign", "check.answer", "attachment.add"] {
        case_keys.push(dashed("case-event", e));
    }
    for (g, _) in umis_domain::cases::REFUSAL_GROUNDS {
        case_keys.push(dashed("case-ground", g));
    }
    case_keys.extend(
        umis_domain::cases::AGENCIES
            .iter()
            .map(|a| dashed("agency", a)),
    );
    case_keys.extend(
        umis_domain::cases::CHECK_ANSWERS
            .iter()
            .map(|a| dashed("check-answer", a)),
    );
    for c in ["stopped", "on_time", "at_risk", "overdue", "none"] {
        case_keys.push(dashed("case-clock", c));
    }
    for tab in ["open", "mine", "at_risk", "overdue", "closed"] {
        case_keys.push(dashed("case-tab", tab));
    }
    for o in umis_domain::cases::Outcome::ALL {
        case_keys.push(dashed("case-outcome", o.as_str()));
    }
    for code in
        umis_http::CASE_ERROR_CODES
            .iter()
            .chain(&["invalid", "conflict", "forbidden", "person"])
    {
        case_keys.push(dashed("case-error", code));
    }
    for s in ["sourced", "uncertain"] {
        case_keys.push(dashed("policy-status", s));
    }
    for s in ["valid", "revoked"] {
        case_keys.push(dashed("permit-status", s));
    }
    for e in ["issued", "extended", "replaced", "revoked"] {
        case_keys.push(dashed("permit-event", e));
    }
    for k in case_keys {
        assert!(en.contains(&k), "missing {k}");
    }
    for kind in ["user", "client", "system", "anonymous"] {
        assert!(en.contains(&format!("audit-actor-{kind}")), "{kind}");
    }
    for outcome in ["ok", "denied", "failed"] {
        assert!(
            en.contains(&format!("audit-outcome-{outcome}")),
            "{outcome}"
        );
    }
}
