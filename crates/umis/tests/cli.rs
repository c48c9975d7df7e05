//! The `umis` binary's operator commands, run as a subprocess against SQLite and PostgreSQL:
//! migrate, user and office administration, tokens, and audit verification (also of a
//! tampered log).

mod common;

use common::{targets, text, umis};
use std::process::Command;
use umis_store::Db;

#[tokio::test(flavor = "multi_thread")]
async fn operators_manage_users_tokens_and_verify_the_audit_chain() {
    for t in targets().await {
        let b = t.backend;
        let o = umis(&t, &["migrate"], None);
        let (out, err) = text(&o);
        assert!(o.status.success(), "{b}: {err}");
        assert!(
            out.contains(&format!("migrations applied ({b})")),
            "{b}: {out}"
        );

        // Offices and the crossing points whose alerts their officers see.
        let o = umis(
            &t,
            &[
                "office",
                "add",
                "--code",
                "GYD-BCP",
                "--name",
                "Airport",
                "--crossing-points",
                "gyd, GYD-T2",
            ],
            None,
        );
        let (out, err) = text(&o);
        assert!(o.status.success(), "{b}: {err}");
        assert!(
            out.contains("office GYD-BCP answers for crossing points GYD, GYD-T2"),
            "{b}: {out}"
        );
        let o = umis(
            &t,
            &[
                "office",
                "add",
                "--code",
                "ASTARA-BCP",
                "--name",
                "Astara",
                "--crossing-points",
                "ASTARA,not a code",
            ],
            None,
        );
        assert!(!o.status.success(), "{b}");
        assert!(text(&o).1.contains("crossing point"), "{b}: {}", text(&o).1);
        let o = umis(&t, &["office", "list"], None);
        let (out, _) = text(&o);
        assert!(
            out.lines()
                .any(|l| l.starts_with("GYD-BCP") && l.contains("GYD,GYD-T2")),
            "{b}: {out}"
        );
        assert!(
            !out.contains("ASTARA-BCP"),
            "{b}: a refused list saves nothing"
        );
        let o = umis(
            &t,
            &[
                "office",
                "add",
                "--code",
                "GANJA",
                "--name",
                "Ganja",
                "--regions",
                " Ganja ;goygol; GANJA ;",
            ],
            None,
        );
        let (out, err) = text(&o);
        assert!(o.status.success(), "{b}: {err}");
        assert!(
            out.contains("office GANJA answers for regions Ganja; goygol"),
            "{b}: blanks and repeats dropped: {out}"
        );
        let long = "x".repeat(101);
        let o = umis(
            &t,
            &[
                "office",
                "add",
                "--code",
                "GANJA",
                "--name",
                "Ganja",
                "--regions",
                &long,
            ],
            None,
        );
        assert!(!o.status.success(), "{b}");
        assert!(text(&o).1.contains("region"), "{b}: {}", text(&o).1);
        let (out, _) = text(&umis(&t, &["office", "list"], None));
        assert!(
            out.lines()
                .any(|l| l.starts_with("GANJA") && l.contains("Ganja;goygol")),
            "{b}: a refused list leaves the stored one: {out}"
        );

        let o = umis(
            &t,
            &[
                "user",
                "add",
                "--username",
                "r.aliyev",
                "--role",
                "decision_maker",
                "--password-stdin",
            ],
            Some("a long enough secret\n"),
        );
        assert!(o.status.success(), "{b}: {}", text(&o).1);
        let o = umis(
            &t,
            &[
                "user",
                "add",
                "--username",
                "x.y",
                "--role",
                "superuser",
                "--password-stdin",
            ],
            Some("a long enough secret\n"),
        );
        assert!(!o.status.success(), "{b}");
        assert!(
            text(&o).1.contains("decision_maker"),
            "{b}: lists the valid roles"
        );
        let o = umis(
            &t,
            &[
                "user",
                "add",
                "--username",
                "x.y",
                "--role",
                "inspector",
                "--password-stdin",
            ],
            Some("short\n"),
        );
        assert!(
            !o.status.success() && text(&o).1.contains("password"),
            "{b}"
        );
        let o = umis(&t, &["user", "list"], None);
        let (out, _) = text(&o);
        assert!(
            out.contains("r.aliyev") && out.contains("decision_maker"),
            "{b}: {out}"
        );
        assert!(!out.contains("x.y"), "{b}: refused users are not stored");
        let o = umis(&t, &["user", "set-name", "r.aliyev", "Rəşad Əliyev"], None);
        assert!(o.status.success(), "{b}: {}", text(&o).1);
        let too_long = "R".repeat(121);
        let o = umis(&t, &["user", "set-name", "r.aliyev", &too_long], None);
        assert!(!o.status.success(), "{b}");
        let o = umis(&t, &["user", "set-name", "nobody", "N. N."], None);
        assert!(!o.status.success(), "{b}");
        let (out, _) = text(&umis(&t, &["user", "list"], None));
        assert!(
            out.lines()
                .any(|l| l.starts_with("r.aliyev") && l.ends_with("Rəşad Əliyev")),
            "{b}: the name is listed, the refused one left nothing: {out}"
        );
        let o = umis(&t, &["user", "disable", "r.aliyev"], None);
        assert!(o.status.success(), "{b}");
        assert!(
            text(&umis(&t, &["user", "list"], None))
                .0
                .contains("disabled"),
            "{b}"
        );
        let o = umis(&t, &["user", "disable", "nobody"], None);
        assert!(!o.status.success(), "{b}");

        let o = umis(
            &t,
            &[
                "token",
                "create",
                "--client",
                "sbs-border",
                "--scopes",
                "border-events:write,screening:read",
                "--expires-days",
                "90",
            ],
            None,
        );
        let (out, err) = text(&o);
        assert!(o.status.success(), "{b}: {err}");
        let token = out.trim();
        assert!(
            token.starts_with("umis_") && token.len() == 69,
            "{b}: {token}"
        );
        let o = umis(
            &t,
            &[
                "token",
                "create",
                "--client",
                "mia",
                "--scopes",
                "persons:delete",
            ],
            None,
        );
        assert!(!o.status.success(), "{b}");
        assert!(text(&o).1.contains("unknown scope"), "{b}: {}", text(&o).1);
        let list = text(&umis(&t, &["token", "list"], None)).0;
        assert!(
            list.contains("sbs-border") && !list.contains(token),
            "{b}: {list}"
        );
        let o = umis(&t, &["token", "revoke", "--client", "sbs-border"], None);
        assert!(text(&o).0.contains("revoked 1 token"), "{b}");
        let o = umis(&t, &["token", "revoke", "--client", "sbs-border"], None);
        assert!(!o.status.success(), "{b}: nothing left to revoke");

        let o = umis(&t, &["audit", "verify"], None);
        let (out, err) = text(&o);
        assert!(o.status.success(), "{b}: {out} {err}");
        assert!(out.starts_with("audit chain intact: "), "{b}: {out}");
        let n: i64 = out
            .trim_start_matches("audit chain intact: ")
            .split(" entries")
            .next()
            .unwrap_or_default()
            .parse()
            .expect("count");
        assert!(n >= 5, "{b}: {n} entries");

        // Someone with database rights edits an entry: verify names it and exits 1.
        let db = Db::connect(&t.url).await.expect("connect");
        match &db {
            Db::Sqlite(p) => {
                sqlx::query("DROP TRIGGER audit_log_no_update")
                    .execute(p)
                    .await
                    .expect("drop");
                sqlx::query("UPDATE audit_log SET actor = 'nobody' WHERE seq = 2")
                    .execute(p)
                    .await
                    .expect("tamper");
            }
            Db::Postgres(p) => {
                sqlx::query("DROP TRIGGER audit_log_no_update ON audit_log")
                    .execute(p)
                    .await
                    .expect("drop");
                sqlx::query("UPDATE audit_log SET actor = 'nobody' WHERE seq = 2")
                    .execute(p)
                    .await
                    .expect("tamper");
            }
        }
        db.close().await;
        let o = umis(&t, &["audit", "verify"], None);
        let (out, _) = text(&o);
        assert_eq!(o.status.code(), Some(1), "{b}: {out}");
        assert!(
            out.contains("BROKEN") && out.contains("entry 2"),
            "{b}: {out}"
        );
        if let Some(db) = t.cleanup {
            db.cleanup().await;
        }
    }
}

#[test]
fn token_create_help_lists_every_scope() {
    let o = Command::new(env!("CARGO_BIN_EXE_umis"))
        .args(["token", "create", "--help"])
        .output()
        .expect("run");
    let out = String::from_utf8_lossy(&o.stdout);
    for scope in umis_domain::Scope::ALL {
        assert!(out.contains(scope.as_str()), "{scope} missing from:\n{out}");
    }
}

#[test]
fn an_unknown_database_scheme_is_a_clear_start_up_error() {
    let o = Command::new(env!("CARGO_BIN_EXE_umis"))
        .args(["--database-url", "mysql://localhost/umis", "migrate"])
        .output()
        .expect("run");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unsupported database URL scheme"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn persons_import_is_idempotent_and_reports_each_rejected_row() {
    for t in targets().await {
        let b = t.backend;
        let csv = t._dir.0.join("persons.csv");
        std::fs::write(
            &csv,
            "external_id,surname,given_names,patronymic,sex,birth_date,nationality,document_number,document_issuing_state\n\
             mia-1,Məmmədov,Elçin,Əli oğlu,M,1985-03,AZE,C01234567,AZE\n\
             mia-2,Мамедова,Лейла,,F,1990,RUS;AZE,,\n\
             mia-3,,Nobody,,M,1980,AZE,,\n\
             mia-4,Aliyev,Rashad,,M,1985-02-30,AZE,,\n\
             mia-5,Aliyev,Rashad,,M,1985,ZZZ,,\n\
             mia-6,too,few,fields\n\
             mia-7,\"Huseynov, Jr\",Orxan,,M,2001-07-15,AZE,AA1234567,AZE\n",
        )
        .expect("csv");
        let file = csv.display().to_string();
        let o = umis(&t, &["import", "persons", &file], None);
        let (out, err) = text(&o);
        assert!(o.status.success(), "{b}: {err}");
        assert!(
            out.contains("imported 3 persons, 0 unchanged, 4 rows rejected"),
            "{b}: {out}"
        );
        for expected in [
            "row 4, column surname:",
            "row 5, column birth_date:",
            "row 6, column nationality:",
            "row 7, column -: expected 9 fields, found 4",
        ] {
            assert!(
                err.contains(expected),
                "{b}: missing `{expected}` in:\n{err}"
            );
        }
        let o = umis(&t, &["import", "persons", &file], None);
        assert!(
            text(&o)
                .0
                .contains("imported 0 persons, 3 unchanged, 4 rows rejected"),
            "{b}: second import changes nothing: {}",
            text(&o).0
        );
        let bad = t._dir.0.join("bad.csv");
        std::fs::write(&bad, "name,surname\nx,y\n").expect("csv");
        let o = umis(&t, &["import", "persons", &bad.display().to_string()], None);
        assert_eq!(o.status.code(), Some(2), "{b}");
        assert!(text(&o).1.contains("header row must be exactly"), "{b}");
        if let Some(db) = t.cleanup {
            db.cleanup().await;
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn search_single_and_batch_and_the_duplicate_report() {
    for t in targets().await {
        let b = t.backend;
        let csv = t._dir.0.join("p.csv");
        std::fs::write(
            &csv,
            "external_id,surname,given_names,patronymic,sex,birth_date,nationality,document_number,document_issuing_state\n\
             a-1,Məmmədov,Elçin,Əli oğlu,M,1980-05-12,AZE,C01234567,AZE\n\
             a-2,MAMMADOV,ELCHIN,,M,1980-05-12,AZE,,\n\
             a-3,Quliyeva,Səbinə,,F,1992,AZE,,\n",
        )
        .expect("csv");
        assert!(
            umis(&t, &["import", "persons", &csv.display().to_string()], None)
                .status
                .success(),
            "{b}"
        );
        let o = umis(
            &t,
            &[
                "search",
                "persons",
                "--name",
                "Мамедов Эльчин",
                "--birth-date",
                "1980",
                "--json",
            ],
            None,
        );
        let (out, err) = text(&o);
        assert!(o.status.success(), "{b}: {err}");
        let hits: serde_json::Value = serde_json::from_str(out.trim()).expect("json");
        let first = hits[0]["external_id"].as_str().unwrap_or_default();
        assert!(first == "a-1" || first == "a-2", "{b}: {out}");
        assert!(
            hits.as_array()
                .is_some_and(|h| h.iter().all(|c| c["external_id"] != "a-3")),
            "{b}: Quliyeva is not a candidate"
        );

        let queries = t._dir.0.join("q.ndjson");
        std::fs::write(
            &queries,
            "{\"id\": 7, \"document_number\": \"CO1234567\"}\n{\"id\": 8}\nnot json\n",
        )
        .expect("ndjson");
        let o = umis(
            &t,
            &[
                "search",
                "persons",
                "--queries",
                &queries.display().to_string(),
                "--limit",
                "3",
            ],
            None,
        );
        let lines: Vec<serde_json::Value> = text(&o)
            .0
            .lines()
            .map(|l| serde_json::from_str(l).expect("line"))
            .collect();
        assert_eq!(lines.len(), 3, "{b}");
        assert_eq!(
            (
                lines[0]["id"].as_i64(),
                lines[0]["candidates"][0]["external_id"].as_str()
            ),
            (Some(7), Some("a-1")),
            "{b}"
        );
        assert!(
            lines[1]["error"].is_string() && lines[2]["error"].is_string(),
            "{b}"
        );

        let o = umis(&t, &["dedup", "report"], None);
        let out = text(&o).0;
        assert!(o.status.success(), "{b}");
        assert_eq!(out.lines().count(), 2, "{b}: header and one pair: {out}");
        let o = umis(&t, &["dedup", "report", "--json"], None);
        let pair: serde_json::Value = serde_json::from_str(text(&o).0.trim()).expect("json");
        assert_eq!(pair["status"], "open", "{b}");
        let (a, p2) = (
            pair["person_a"].as_str().expect("a").to_owned(),
            pair["person_b"].as_str().expect("b").to_owned(),
        );
        // The import queued the pair already: a scan finds it again and adds nothing.
        let o = umis(&t, &["dedup", "scan"], None);
        assert!(o.status.success(), "{b}: {}", text(&o).1);
        assert!(text(&o).0.starts_with("1 candidate pairs"), "{b}");
        // Decided "not a duplicate", the pair leaves the report unless asked for.
        let services = t.services().await;
        services
            .decide_not_duplicate(
                &umis_service::Ctx::system("test"),
                &a,
                &p2,
                "different persons",
            )
            .await
            .expect("decide");
        let o = umis(&t, &["dedup", "report"], None);
        assert_eq!(text(&o).0.lines().count(), 1, "{b}: only the header");
        let o = umis(&t, &["dedup", "report", "--include-dismissed"], None);
        let out = text(&o).0;
        assert!(
            out.lines()
                .nth(1)
                .is_some_and(|l| l.ends_with("not_duplicate")),
            "{b}: {out}"
        );
        let o = umis(&t, &["dedup", "scan", "--min-score", "2"], None);
        assert!(!o.status.success(), "{b}: a score above 1 is refused");
        // A merge made elsewhere is undone from the command line, once.
        services
            .merge_persons(&umis_service::Ctx::system("test"), &a, &p2)
            .await
            .expect("merge");
        let unmerge = [
            "person",
            "unmerge",
            "--survivor",
            a.as_str(),
            "--merged",
            p2.as_str(),
        ];
        let o = umis(&t, &unmerge, None);
        assert!(o.status.success(), "{b}: {}", text(&o).1);
        assert_eq!(
            text(&o).0.trim(),
            format!("merge of {p2} into {a} undone"),
            "{b}"
        );
        let o = umis(&t, &unmerge, None);
        assert!(!o.status.success(), "{b}: a merge is undone only once");
        assert!(!text(&o).1.is_empty(), "{b}: the refusal says why");
        if let Some(db) = t.cleanup {
            db.cleanup().await;
        }
    }
}

#[test]
fn the_search_benchmark_reports_its_measures_as_json() {
    let o = Command::new(env!("CARGO_BIN_EXE_umis"))
        .args([
            "bench",
            "search",
            "--persons",
            "300",
            "--queries",
            "30",
            "--seed",
            "7",
        ])
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    for key in [
        "build_seconds",
        "index_memory_bytes",
        "recall_at_1",
        "recall_at_10",
        "precision_at_refer",
    ] {
        assert!(
            r.get(key).is_some_and(|v| v.is_number()),
            "{key} missing: {r}"
        );
    }
    for key in ["p50_ms", "p95_ms", "p99_ms"] {
        assert!(r["latency"][key].is_number(), "{key}");
    }
    assert_eq!(
        (r["persons"].as_u64(), r["queries"].as_u64()),
        (Some(300), Some(30))
    );
    let recall = r["recall_at_10"].as_f64().unwrap_or(0.0);
    assert!((0.0..=1.0).contains(&recall));
}
