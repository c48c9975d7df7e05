//! The `umis` binary's audit commands, run as a subprocess against SQLite and PostgreSQL:
//! signed checkpoints, key listing and rotation, and verification of a log rewritten before
//! the last checkpoint.

mod common;

use common::{targets, text, umis};
use umis_store::{Db, Store};

/// Rewrites entry 2's details behind the binary's back, then recomputes every later hash and
/// the head, as an intruder with database rights could: the chain alone still verifies.
async fn rewrite_tail(url: &str) {
    let db = Db::connect(url).await.expect("connect");
    let drops: &[&str] = match &db {
        Db::Sqlite(_) => &[
            "DROP TRIGGER audit_log_no_update",
            "DROP TRIGGER audit_head_forward_only",
        ],
        Db::Postgres(_) => &[
            "DROP TRIGGER audit_log_no_update ON audit_log",
            "DROP TRIGGER audit_head_guard ON audit_head",
        ],
    };
    for &sql in drops {
        umis_store::on_pool!(&db, pool => {
            sqlx::query(sql).execute(pool).await.expect("drop").rows_affected()
        });
    }
    let store = Store::new(db.clone());
    let head = store.audit_head().await.expect("head");
    let records = store.audit_after(0, head.seq).await.expect("records");
    let mut prev = records[0].hash.clone();
    for r in records.into_iter().skip(1) {
        let mut entry = r.entry.clone();
        if r.seq == 2 {
            entry = entry.detail("rewritten", true);
        }
        let sealed = entry.seal(r.seq, &prev);
        let details = sealed.entry.details.to_string();
        umis_store::on_pool!(&db, pool => sqlx::query(
            "UPDATE audit_log SET details = $1, prev_hash = $2, hash = $3 WHERE seq = $4",
        )
        .bind(&details)
        .bind(&sealed.prev_hash)
        .bind(&sealed.hash)
        .bind(sealed.seq)
        .execute(pool)
        .await
        .expect("rewrite")
        .rows_affected());
        prev = sealed.hash;
    }
    umis_store::on_pool!(&db, pool => sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&prev)
        .execute(pool)
        .await
        .expect("head")
        .rows_affected());
    db.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn checkpoints_are_signed_rotated_and_catch_a_rewritten_tail() {
    for t in targets().await {
        let b = t.backend;
        let o = umis(
            &t,
            &[
                "user",
                "add",
                "--username",
                "a.officer",
                "--role",
                "case_officer",
                "--office",
                "HQ",
                "--password-stdin",
            ],
            Some("a long enough password 1\n"),
        );
        assert!(o.status.success(), "{b}: {}", text(&o).1);

        let o = umis(&t, &["audit", "checkpoint"], None);
        let (out, err) = text(&o);
        assert!(o.status.success(), "{b}: {out} {err}");
        assert!(out.contains("checkpoint 1 signed: entry "), "{b}: {out}");
        let keys = t._dir.0.join("keys").join("audit");
        let private: Vec<_> = std::fs::read_dir(&keys)
            .expect("key dir")
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "key"))
            .collect();
        assert_eq!(private.len(), 1, "{b}: one private key");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = private[0].metadata().expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{b}");
        }
        let (out, _) = text(&umis(&t, &["keys", "list"], None));
        assert!(
            out.contains("audit") && out.contains("active"),
            "{b}: {out}"
        );

        let o = umis(&t, &["keys", "rotate", "--purpose", "audit"], None);
        assert!(o.status.success(), "{b}: {}", text(&o).1);
        let (out, _) = text(&umis(&t, &["keys", "list"], None));
        assert!(
            out.contains("retired") && out.contains("active"),
            "{b}: {out}"
        );
        let o = umis(&t, &["audit", "checkpoint"], None);
        assert!(
            text(&o).0.contains("checkpoint 2 signed"),
            "{b}: {}",
            text(&o).0
        );

        let o = umis(&t, &["audit", "verify"], None);
        let (out, err) = text(&o);
        assert!(o.status.success(), "{b}: {out} {err}");
        assert!(out.contains("2 signed checkpoints verified"), "{b}: {out}");

        rewrite_tail(&t.url).await;
        let o = umis(&t, &["audit", "verify"], None);
        let (out, _) = text(&o);
        assert_eq!(o.status.code(), Some(1), "{b}: {out}");
        assert!(
            !out.contains("BROKEN") && out.contains("audit checkpoint FAILED: checkpoint 1"),
            "{b}: {out}"
        );
        let o = umis(&t, &["audit", "checkpoint"], None);
        assert_eq!(
            o.status.code(),
            Some(1),
            "{b}: nothing signed over a rewritten log"
        );
        if let Some(db) = t.cleanup {
            db.cleanup().await;
        }
    }
}
