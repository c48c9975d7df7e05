//! `umis import border-events` and `umis report overstays` as a subprocess on SQLite and
//! PostgreSQL: per-row errors, idempotent re-import, a crash in the middle of an import
//! followed by a re-run ending in the same state as one clean import, and the overstay report
//! checked against overstays computed here from the generated events.

mod common;

use common::{Target, TempDir, targets, text, umis};
use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use umis_store::Db;

/// The calendar date `days` after 1970-01-01 (proleptic Gregorian).
fn civil(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days from 1970-01-01 to 2024-01-01.
const JAN_2024: i64 = 19_723;
const NATS: [&str; 3] = ["RUS", "KAZ", "IND"];

struct Generated {
    csv: String,
    events: usize,
    /// Documents of travellers present past their period on [`AS_OF`].
    overstayers: BTreeSet<String>,
}

const AS_OF: &str = "2025-12-31";
const AS_OF_DAYS: i64 = JAN_2024 + 730;

fn letters(mut n: usize) -> String {
    let mut s = String::new();
    for _ in 0..4 {
        s.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    s
}

/// `travellers` people, each with three stays, the last one open for two in three.
fn generate(travellers: usize) -> Generated {
    let mut csv = String::from(
        "event_id,direction,occurred_at,bcp,travel_mode,document_number,document_issuing_state,nationality,surname,given_names,birth_date,permitted_days\n",
    );
    let mut events = 0;
    let mut overstayers = BTreeSet::new();
    for i in 0..travellers {
        let nat = NATS[i % 3];
        let doc = format!("T{i:07}");
        let permitted = if nat == "IND" { "30" } else { "" };
        let mut day = JAN_2024 + (i % 300) as i64;
        let stay = 10 + (i * 7 % 100) as i64;
        let mut n = 0;
        let mut push = |csv: &mut String, dir: &str, d: i64| {
            n += 1;
            csv.push_str(&format!(
                "T{i}-{n},{dir},{}T09:15:00+04:00,GYD,air,{doc},{nat},{nat},TRAVELLER{},{},{},{}\n",
                civil(d),
                letters(i),
                letters(i * 31 + 7),
                civil(-7_000 + (i as i64) * 11),
                if dir == "entry" { permitted } else { "" },
            ));
        };
        for k in 0..3 {
            push(&mut csv, "entry", day);
            events += 1;
            let last = k == 2;
            if !last || i % 3 == 0 {
                push(&mut csv, "exit", day + stay - 1);
                events += 1;
            } else {
                let allowed = if nat == "IND" { 30 } else { 90 };
                if day + allowed - 1 < AS_OF_DAYS {
                    overstayers.insert(doc.clone());
                }
            }
            day += stay + 10;
        }
    }
    Generated {
        csv,
        events,
        overstayers,
    }
}

/// What an import leaves behind, independent of the random person numbers.
async fn state(
    t: &Target,
) -> (
    i64,
    i64,
    Vec<(String, Option<String>, Option<String>, Option<String>)>,
) {
    let db = Db::connect(&t.url).await.expect("connect");
    let sql_stays = "SELECT d.number, s.entry_date, s.exit_date, s.lawful_until FROM stays s \
                     JOIN identity_documents d ON d.person_id = s.person_id ORDER BY 1, 2";
    let out = umis_store::on_pool!(&db, p => {
        let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM stays_pending")
            .fetch_one(p)
            .await
            .expect("q");
        assert_eq!(pending, 0, "an import leaves no stays to rebuild");
        (
            sqlx::query_scalar("SELECT COUNT(*) FROM border_events")
                .fetch_one(p)
                .await
                .expect("q"),
            sqlx::query_scalar("SELECT COUNT(*) FROM persons")
                .fetch_one(p)
                .await
                .expect("q"),
            sqlx::query_as(sql_stays).fetch_all(p).await.expect("q"),
        )
    });
    db.close().await;
    out
}

async fn event_count(t: &Target) -> i64 {
    let Ok(db) = Db::connect(&t.url).await else {
        return 0;
    };
    let n = match &db {
        Db::Sqlite(p) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM border_events")
                .fetch_one(p)
                .await
        }
        Db::Postgres(p) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM border_events")
                .fetch_one(p)
                .await
        }
    }
    .unwrap_or(0);
    db.close().await;
    n
}

#[tokio::test(flavor = "multi_thread")]
async fn import_report_and_recovery_after_a_crash() {
    let g = generate(1_500);
    let dir = TempDir::new();
    let file = dir.0.join("events.csv");
    let mut csv = g.csv.clone();
    // Three bad rows at the end (lines counted from the header, which is line 1).
    let first_bad = csv.lines().count() + 1;
    csv.push_str("BAD-1,sideways,2025-01-01T09:00:00+04:00,GYD,air,X1,RUS,RUS,,,,\n");
    csv.push_str("BAD-2,entry,01/02/2025,GYD,air,X1,RUS,RUS,,,,\n");
    csv.push_str("BAD-3,entry,2025-01-01T09:00:00+04:00,GYD,air,,,RUS,,,,\n");
    std::fs::write(&file, &csv).expect("write");
    let path = file.to_string_lossy().into_owned();

    // A clean import on a SQLite file of its own: the reference state.
    let reference = targets().await.into_iter().next().expect("sqlite");
    assert!(umis(&reference, &["migrate"], None).status.success());
    let o = umis(&reference, &["import", "border-events", &path], None);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        out.contains(&format!("imported {} events, 0 duplicates, 3 rows rejected, 1500 travellers registered for review", g.events)),
        "{out}"
    );
    assert!(
        err.contains(&format!(
            "row {first_bad}, column direction: direction must be entry or exit"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("row {}, column occurred_at:", first_bad + 1)),
        "{err}"
    );
    assert!(
        err.contains(&format!("row {}, column document_number:", first_bad + 2)),
        "{err}"
    );
    let clean = state(&reference).await;
    assert_eq!(clean.0 as usize, g.events);
    // The batches, two in flight at a time, were written in the order of the file: each
    // batch's audit entry names its first event.
    let db = Db::connect(&reference.url).await.expect("connect");
    let firsts: Vec<String> = umis_store::on_pool!(&db, p => {
        sqlx::query_scalar(
            "SELECT object_id FROM audit_log WHERE action = 'border_events.ingest' ORDER BY seq",
        )
        .fetch_all(p)
        .await
        .expect("q")
    });
    db.close().await;
    let positions: Vec<usize> = firsts
        .iter()
        .map(|id| {
            csv.lines()
                .position(|l| l.starts_with(&format!("{id},")))
                .expect("an event of the file")
        })
        .collect();
    assert!(positions.len() >= 2, "several batches: {positions:?}");
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "batches written in the order of the file: {positions:?}"
    );
    assert_eq!(clean.1, 1_500);

    for t in targets().await {
        let b = t.backend;
        assert!(umis(&t, &["migrate"], None).status.success(), "{b}");
        // Start an import and kill it once the first batch has landed.
        let mut child = Command::new(env!("CARGO_BIN_EXE_umis"))
            .args([
                "--data-dir",
                &t._dir.0.to_string_lossy(),
                "--database-url",
                &t.url,
            ])
            .args(["import", "border-events", &path])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let mut killed = false;
        for _ in 0..6_000 {
            if child.try_wait().expect("wait").is_some() {
                break;
            }
            if event_count(&t).await > 0 {
                child.kill().expect("kill");
                killed = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        let _ = child.wait();
        assert!(killed, "{b}: the import was stopped part-way");
        let partial = event_count(&t).await as usize;
        assert!(
            partial < g.events,
            "{b}: part of the file was imported ({partial})"
        );

        // The re-run completes the import; a third run changes nothing.
        let o = umis(&t, &["import", "border-events", &path], None);
        assert!(o.status.success(), "{b}: {}", text(&o).1);
        assert_eq!(
            state(&t).await,
            clean,
            "{b}: the same state as one clean import"
        );
        let o = umis(&t, &["import", "border-events", &path], None);
        let (out, _) = text(&o);
        assert!(
            out.contains(&format!(
                "imported 0 events, {} duplicates, 3 rows rejected, 0 travellers",
                g.events
            )),
            "{b}: {out}"
        );

        // The overstay report equals the overstays computed from the generated events.
        let o = umis(
            &t,
            &["report", "overstays", "--as-of", AS_OF, "--format", "csv"],
            None,
        );
        let (out, err) = text(&o);
        assert!(o.status.success(), "{b}: {err}");
        let mut lines = out.lines();
        assert_eq!(
            lines.next(),
            Some(
                "person_id,document_number,document_issuing_state,nationality,last_entry_date,lawful_until,overstay_days"
            ),
            "{b}"
        );
        let docs: BTreeSet<String> = lines
            .map(|l| l.split(',').nth(1).unwrap_or("").to_owned())
            .collect();
        assert!(!g.overstayers.is_empty());
        assert_eq!(docs, g.overstayers, "{b}");
        let o = umis(
            &t,
            &["report", "overstays", "--as-of", AS_OF, "--format", "json"],
            None,
        );
        let rows: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        assert_eq!(
            rows.as_array().map(Vec::len),
            Some(g.overstayers.len()),
            "{b}"
        );
        assert!(rows[0]["overstay_days"].as_i64().unwrap_or(0) > 0, "{b}");
        let o = umis(&t, &["report", "overstays", "--as-of", "2025-13-01"], None);
        assert!(!o.status.success(), "{b}: a bad date is an error");
        assert!(text(&o).1.contains("as_of"), "{b}");

        if let Some(db) = t.cleanup {
            db.cleanup().await;
        }
    }
}
