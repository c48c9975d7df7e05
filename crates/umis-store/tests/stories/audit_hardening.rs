//! Store stories for the hardened audit log: no rewrite of the newest entry by an upsert, a
//! head that only moves forward onto the newest entry (by one or by a group), and the signed
//! checkpoints and system alerts tables — on every backend.

use crate::common::{T0, each_backend, entry};
use umis_domain::{NewAuditEntry, verify_chain};
use umis_store::{NewAuditCheckpoint, Store};

/// Runs one raw statement, bypassing the store (as an intruder with database access would).
async fn exec(store: &Store, sql: String) -> Result<u64, sqlx::Error> {
    let sql = sqlx::AssertSqlSafe(sql);
    umis_store::on_pool!(store.db(), pool => {
        sqlx::query(sql).execute(pool).await.map(|r| r.rows_affected())
    })
}

/// Asserts that every statement is refused with a message containing `why`.
async fn refused(b: &str, store: &Store, why: &str, statements: &[String]) {
    for sql in statements {
        match exec(store, sql.clone()).await {
            Ok(n) => panic!("{b}: `{sql}` was allowed ({n} rows)"),
            Err(e) => assert!(e.to_string().contains(why), "{b}: `{sql}`: {e}"),
        }
    }
}

const COLUMNS: &str = "seq, at, actor_kind, actor, action, object_type, object_id, person_id, \
    purpose, outcome, client_addr, details, prev_hash, hash";

/// Appends `entries` in one transaction as a group commit would: the head is locked first,
/// every entry inserted, then the head moved once to entry `land` of the group (1-based)
/// with `land_hash`, or that entry's own hash.
async fn append_group(
    store: &Store,
    entries: &[NewAuditEntry],
    land: usize,
    land_hash: Option<&str>,
) -> Result<(), sqlx::Error> {
    let insert = format!(
        "INSERT INTO audit_log ({COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
    );
    umis_store::on_pool!(store.db(), pool => {
        let mut tx = pool.begin().await?;
        let (head, mut prev): (i64, String) =
            sqlx::query_as("UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash")
                .fetch_one(&mut *tx)
                .await?;
        let mut hashes = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let r = e.clone().seal(head + 1 + i as i64, &prev);
            let e = &r.entry;
            sqlx::query(sqlx::AssertSqlSafe(insert.clone()))
                .bind(r.seq)
                .bind(e.at)
                .bind(e.actor_kind.as_str())
                .bind(&e.actor)
                .bind(&e.action)
                .bind(&e.object_type)
                .bind(&e.object_id)
                .bind(&e.person_id)
                .bind(&e.purpose)
                .bind(e.outcome.as_str())
                .bind(&e.client_addr)
                .bind(e.details.to_string())
                .bind(&r.prev_hash)
                .bind(&r.hash)
                .execute(&mut *tx)
                .await?;
            prev = r.hash.clone();
            hashes.push(r.hash);
        }
        let hash = land_hash.map_or_else(|| hashes[land - 1].clone(), str::to_owned);
        sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
            .bind(head + land as i64)
            .bind(hash)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    })
}

#[tokio::test]
async fn an_upsert_cannot_rewrite_the_newest_entry() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        store.append_audit(entry(T0, "user.create")).await?;
        store.append_audit(entry(T0 + 1, "user.disable")).await?;
        let before = store.audit_after(0, 10).await?;
        // The same row again with another actor and a made-up hash, replacing the newest.
        let copy = format!(
            "SELECT seq, at, actor_kind, 'mallory', action, object_type, object_id, \
             person_id, purpose, outcome, client_addr, details, prev_hash, \
             '{h}' FROM audit_log WHERE seq = 2",
            h = "ab".repeat(32)
        );
        let attempts = if b == "sqlite" {
            vec![
                format!("INSERT OR REPLACE INTO audit_log ({COLUMNS}) {copy}"),
                format!("REPLACE INTO audit_log ({COLUMNS}) {copy}"),
            ]
        } else {
            vec![format!(
                "INSERT INTO audit_log ({COLUMNS}) {copy} \
                 ON CONFLICT (seq) DO UPDATE SET actor = EXCLUDED.actor, hash = EXCLUDED.hash"
            )]
        };
        refused(b, &store, "append-only", &attempts).await;
        // An entry before the newest cannot be slipped in either.
        refused(
            b,
            &store,
            "append-only",
            &[format!(
                "INSERT INTO audit_log ({COLUMNS}) SELECT 0, at, actor_kind, actor, action, \
                 object_type, object_id, person_id, purpose, outcome, client_addr, details, \
                 prev_hash, hash FROM audit_log WHERE seq = 1"
            )],
        )
        .await;
        assert_eq!(store.audit_after(0, 10).await?, before, "{b}: unchanged");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn the_head_keeps_its_hash_and_never_moves_back() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        let first = store.append_audit(entry(T0, "a")).await?;
        store.append_audit(entry(T0 + 1, "b")).await?;
        let head = store.audit_head().await?;
        let forged = "cd".repeat(32);
        let mut attempts = vec![
            format!("UPDATE audit_head SET hash = '{forged}'"),
            format!("UPDATE audit_head SET seq = 1, hash = '{}'", first.hash),
            format!("UPDATE audit_head SET seq = 3, hash = '{}'", head.hash),
        ];
        attempts.push(if b == "sqlite" {
            format!("INSERT OR REPLACE INTO audit_head (id, seq, hash) VALUES (1, 2, '{forged}')")
        } else {
            format!(
                "INSERT INTO audit_head (id, seq, hash) VALUES (1, 2, '{forged}') \
                 ON CONFLICT (id) DO UPDATE SET hash = EXCLUDED.hash"
            )
        });
        refused(b, &store, "only moves forward", &attempts).await;
        assert_eq!(store.audit_head().await?, head, "{b}: head unchanged");
        // An update that changes nothing is how appends take the lock: allowed.
        assert_eq!(
            exec(&store, "UPDATE audit_head SET seq = seq".into()).await?,
            1
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_group_appended_in_one_transaction_moves_the_head_once() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        store.append_audit(entry(T0, "before")).await?;
        let group: Vec<NewAuditEntry> = (1..=3).map(|i| entry(T0 + i, "grouped")).collect();
        // The head must land on the newest entry of the group, with its hash.
        let short = append_group(&store, &group, 2, None).await;
        assert!(short.is_err(), "{b}: head left behind the newest entry");
        let wrong = append_group(&store, &group, 3, Some(&"ef".repeat(32))).await;
        assert!(wrong.is_err(), "{b}: head with another hash");
        assert_eq!(store.audit_head().await?.seq, 1, "{b}: both rolled back");
        append_group(&store, &group, 3, None).await?;
        let head = store.audit_head().await?;
        assert_eq!(head.seq, 4, "{b}");
        let chain = store.audit_after(0, 10).await?;
        assert_eq!(verify_chain(&chain, head.seq, &head.hash), Ok(4), "{b}");
        assert_eq!(store.append_audit(entry(T0 + 9, "after")).await?.seq, 5);
        Ok(())
    })
    .await
}

fn checkpoint(seq: i64, hash: &str) -> NewAuditCheckpoint {
    NewAuditCheckpoint {
        at: T0,
        seq,
        hash: hash.into(),
        purpose: "audit".into(),
        key_id: "0123456789abcdef".into(),
        signature: "00".repeat(64),
    }
}

#[tokio::test]
async fn checkpoints_are_append_only() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        let r = store.append_audit(entry(T0, "a")).await?;
        let first = store.add_audit_checkpoint(&checkpoint(1, &r.hash)).await?;
        let second = store.add_audit_checkpoint(&checkpoint(1, &r.hash)).await?;
        assert!(second > first, "{b}: ids increase");
        let stored = store.audit_checkpoints_after(0, 10).await?;
        assert_eq!(stored.len(), 2, "{b}");
        assert_eq!(stored[0].checkpoint, checkpoint(1, &r.hash), "{b}");
        assert_eq!(store.audit_checkpoints_after(first, 10).await?.len(), 1);
        let mut attempts = vec![
            "UPDATE audit_checkpoints SET hash = 'x'".to_owned(),
            "DELETE FROM audit_checkpoints".to_owned(),
        ];
        if b == "sqlite" {
            attempts.push(format!(
                "INSERT OR REPLACE INTO audit_checkpoints \
                 (id, at, seq, hash, purpose, key_id, signature) \
                 SELECT id, at, seq, 'x', purpose, key_id, signature \
                 FROM audit_checkpoints WHERE id = {second}"
            ));
        } else {
            attempts.push("TRUNCATE audit_checkpoints".to_owned());
        }
        refused(b, &store, "append-only", &attempts).await;
        assert_eq!(store.audit_checkpoints_after(0, 10).await?, stored, "{b}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn system_alerts_are_listed_newest_first() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        store
            .raise_system_alert(T0, "audit_checkpoint_failed", "no key")
            .await?;
        store
            .raise_system_alert(T0 + 10, "audit_verification_failed", "entry 3")
            .await?;
        let all = store.recent_system_alerts(0, 10).await?;
        let kinds: Vec<&str> = all.iter().map(|a| a.kind.as_str()).collect();
        assert_eq!(
            kinds,
            ["audit_verification_failed", "audit_checkpoint_failed"],
            "{b}"
        );
        assert_eq!(store.recent_system_alerts(T0 + 1, 10).await?.len(), 1);
        Ok(())
    })
    .await
}
