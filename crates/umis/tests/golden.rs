//! Golden copies of the contracts other systems rely on: the OpenAPI document and the `--help`
//! of every command. A change to either shows up here as a difference to review; when it is
//! meant, `UMIS_BLESS=1 cargo test -p umis --test golden` rewrites the copies under
//! `tests/golden/`, and the diff of those files is the change.

use std::path::PathBuf;
use std::process::Command;

fn golden(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Compares `actual` with the golden file `name`, or rewrites it when blessing.
fn check(name: &str, actual: &str) {
    let path = golden(name);
    if std::env::var_os("UMIS_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("folder")).expect("golden folder");
        std::fs::write(&path, actual).expect("golden copy written");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UMIS_BLESS=1 writes it)", path.display()));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from its golden copy from line {}:\n  golden: {:?}\n  now:    {:?}\n\
             If the change is meant, rerun with UMIS_BLESS=1 and review the diff.",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

fn help(path: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_umis"))
        .args(path)
        .arg("--help")
        .env("COLUMNS", "100")
        .env_remove("UMIS_DATABASE_URL")
        .output()
        .expect("umis runs");
    assert!(
        out.status.success(),
        "{path:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("help is UTF-8")
}

/// The subcommands a help text lists (its `Commands:` section, without `help`).
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim() != "Commands:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_command_help_is_as_recorded() {
    let mut all = String::new();
    let mut queue: Vec<Vec<String>> = vec![Vec::new()];
    let mut seen = 0;
    while let Some(path) = queue.pop() {
        let args: Vec<&str> = path.iter().map(String::as_str).collect();
        let text = help(&args);
        all.push_str(&format!("== umis {}\n{text}\n", args.join(" ")));
        seen += 1;
        for sub in subcommands(&text).into_iter().rev() {
            let mut next = path.clone();
            next.push(sub);
            queue.push(next);
        }
    }
    assert!(seen > 20, "only {seen} commands found");
    check("help.txt", &all);
}

#[test]
fn the_openapi_document_is_as_recorded() {
    let doc = umis_http::api::openapi()
        .to_pretty_json()
        .expect("the document serialises");
    check("openapi.json", &format!("{doc}\n"));
}

#[test]
fn the_subcommand_reader_finds_commands() {
    let text = "Usage: umis user <COMMAND>\n\nCommands:\n  add     Add\n  list    List\n  help    \
                Print\n\nOptions:\n  -h, --help  Print help\n";
    assert_eq!(subcommands(text), ["add", "list"]);
}
