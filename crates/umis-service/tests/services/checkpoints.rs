//! Signed audit checkpoints: signing and verifying, a rewritten tail before the last checkpoint,
//! forged checkpoints, key rotation, and the scheduled run's alerts to administrators.

use crate::common::{Env, PASSWORD, add_user, as_user, cli, each_backend, login};
use umis_domain::AuditRecord;
use umis_service::{
    ALERT_AUDIT_CHECKPOINT_FAILED, ALERT_AUDIT_VERIFICATION_FAILED, CheckpointBreak, KeyStore,
    ServiceError, Services,
};
use umis_store::{Db, NewAuditCheckpoint, Store};

/// A fresh key directory for one test on one backend.
fn key_store(test: &str, b: &str) -> KeyStore {
    let dir = std::env::temp_dir().join(format!("umis-svc-keys-{test}-{b}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    KeyStore::new(dir)
}

/// Runs one raw statement behind the store's back.
async fn exec(store: &Store, sql: &str) -> anyhow::Result<u64> {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    Ok(umis_store::on_pool!(store.db(), pool => {
        sqlx::query(sql).execute(pool).await?.rows_affected()
    }))
}

/// Removes the triggers that protect the log and its head, as an intruder with database rights
/// could.
async fn drop_triggers(store: &Store) -> anyhow::Result<()> {
    let statements: &[&str] = match store.db() {
        Db::Sqlite(_) => &[
            "DROP TRIGGER audit_log_no_update",
            "DROP TRIGGER audit_head_forward_only",
        ],
        Db::Postgres(_) => &[
            "DROP TRIGGER audit_log_no_update ON audit_log",
            "DROP TRIGGER audit_head_guard ON audit_head",
        ],
    };
    for sql in statements {
        exec(store, sql).await?;
    }
    Ok(())
}

/// Rewrites entry `seq`'s details, then recomputes its hash, every later hash and the head:
/// the chain alone no longer shows the edit.
async fn rewrite_from(store: &Store, seq: i64) -> anyhow::Result<()> {
    let head = store.audit_head().await?;
    let records: Vec<AuditRecord> = store.audit_after(0, head.seq).await?;
    let mut prev = records[(seq - 2) as usize].hash.clone();
    let mut last = String::new();
    for r in records.into_iter().filter(|r| r.seq >= seq) {
        let mut entry = r.entry.clone();
        if r.seq == seq {
            entry = entry.detail("rewritten", true);
        }
        let sealed = entry.seal(r.seq, &prev);
        let details = sealed.entry.details.to_string();
        umis_store::on_pool!(store.db(), pool => {
            sqlx::query("UPDATE audit_log SET details = $1, prev_hash = $2, hash = $3 WHERE seq = $4")
                .bind(&details)
                .bind(&sealed.prev_hash)
                .bind(&sealed.hash)
                .bind(sealed.seq)
                .execute(pool)
                .await?;
        });
        prev = sealed.hash.clone();
        last = sealed.hash;
    }
    umis_store::on_pool!(store.db(), pool => {
        sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
            .bind(&last)
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// Some audited activity.
async fn activity(svc: &Services, name: &str) -> anyhow::Result<()> {
    add_user(svc, name, "case_officer", false).await?;
    let _ = login(svc, name, "not the password", None).await;
    Ok(())
}

#[tokio::test]
async fn a_checkpoint_signs_the_verified_head_and_verifies() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        let keys = key_store("sign", b);
        let svc = svc.with_keys(keys.clone());
        activity(&svc, "a.officer").await?;
        let head = svc.store().audit_head().await?;
        assert!(keys.list()?.is_empty(), "{b}: no key before the first");
        let cp = svc.checkpoint_audit().await?;
        assert_eq!(
            (cp.checkpoint.seq, &cp.checkpoint.hash),
            (head.seq, &head.hash),
            "{b}"
        );
        let listed = keys.list()?;
        assert_eq!(listed.len(), 1, "{b}: the first checkpoint made a key");
        assert_eq!(listed[0].key_id, cp.checkpoint.key_id, "{b}");
        activity(&svc, "b.officer").await?;
        let outcome = svc.verify_audit().await?;
        assert_eq!(outcome.problem(), None, "{b}");
        assert_eq!(outcome.checkpoints, 1, "{b}");
        std::fs::remove_dir_all(keys.dir())?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_rewritten_tail_before_the_last_checkpoint_is_detected() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        let keys = key_store("rewrite", b);
        let svc = svc.with_keys(keys.clone());
        activity(&svc, "a.officer").await?;
        let first = svc.checkpoint_audit().await?;
        activity(&svc, "b.officer").await?;
        let last = svc.checkpoint_audit().await?;
        activity(&svc, "c.officer").await?;
        drop_triggers(svc.store()).await?;
        // Rewrite from an entry after the first checkpoint but before the last one.
        rewrite_from(svc.store(), first.checkpoint.seq + 1).await?;
        let outcome = svc.verify_audit().await?;
        assert_eq!(outcome.broken, None, "{b}: the chain alone looks intact");
        assert_eq!(
            outcome.bad_checkpoint,
            Some(CheckpointBreak::Rewritten {
                checkpoint: last.id,
                seq: last.checkpoint.seq
            }),
            "{b}"
        );
        let problem = outcome.problem().unwrap_or_default();
        assert!(
            problem.contains(&format!("checkpoint {}", last.id)),
            "{b}: {problem}"
        );
        // Nothing is signed over a log that does not verify.
        assert!(
            matches!(
                svc.checkpoint_audit().await,
                Err(ServiceError::Refused { .. })
            ),
            "{b}"
        );
        std::fs::remove_dir_all(keys.dir())?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_forged_checkpoint_is_detected() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        let keys = key_store("forged", b);
        let svc = svc.with_keys(keys.clone());
        activity(&svc, "a.officer").await?;
        let real = svc.checkpoint_audit().await?;
        // A checkpoint over another hash with a signature copied from the real one.
        let forged = NewAuditCheckpoint {
            hash: "ab".repeat(32),
            ..real.checkpoint.clone()
        };
        let id = svc.store().add_audit_checkpoint(&forged).await?;
        let outcome = svc.verify_audit().await?;
        assert_eq!(
            outcome.bad_checkpoint,
            Some(CheckpointBreak::BadSignature {
                checkpoint: id,
                seq: forged.seq
            }),
            "{b}"
        );
        // One signed by a key the store does not know.
        let stranger = key_store("stranger", b);
        let msg = umis_service::checkpoint_message(real.checkpoint.seq, &real.checkpoint.hash, 1);
        let signed = stranger.sign("audit", &msg, 1)?;
        let unknown = NewAuditCheckpoint {
            at: 1,
            key_id: signed.key_id.clone(),
            signature: signed.signature,
            ..real.checkpoint.clone()
        };
        svc.store().add_audit_checkpoint(&unknown).await?;
        let outcome = svc.verify_audit().await?;
        assert_eq!(outcome.checkpoints, 1, "{b}: only the real one verified");
        assert!(outcome.problem().is_some(), "{b}");
        assert!(
            outcome.bad_checkpoint.is_some_and(|c| c
                == CheckpointBreak::BadSignature {
                    checkpoint: id,
                    seq: forged.seq
                }),
            "{b}: the first bad one is named"
        );
        std::fs::remove_dir_all(keys.dir())?;
        std::fs::remove_dir_all(stranger.dir())?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_checkpoint_by_an_unknown_key_fails_verification() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        let keys = key_store("unknown", b);
        let svc = svc.with_keys(keys.clone());
        let cp = svc.checkpoint_audit().await?;
        // The key files are lost: the checkpoint can no longer be checked.
        std::fs::remove_dir_all(keys.dir())?;
        let outcome = svc.verify_audit().await?;
        assert_eq!(
            outcome.bad_checkpoint,
            Some(CheckpointBreak::UnknownKey {
                checkpoint: cp.id,
                seq: cp.checkpoint.seq,
                key_id: cp.checkpoint.key_id.clone(),
            }),
            "{b}"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn rotating_the_key_keeps_old_checkpoints_verifiable() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, clock }| async move {
        let keys = key_store("rotate", b);
        let svc = svc.with_keys(keys.clone());
        let old = svc.checkpoint_audit().await?;
        clock.advance_secs(60);
        let new_key = svc.rotate_key(&cli(), "audit").await?;
        activity(&svc, "a.officer").await?;
        let new = svc.checkpoint_audit().await?;
        assert_ne!(old.checkpoint.key_id, new.checkpoint.key_id, "{b}");
        assert_eq!(new.checkpoint.key_id, new_key.key_id, "{b}");
        let states: Vec<bool> = svc
            .list_keys(&cli())
            .await?
            .iter()
            .map(|k| k.active)
            .collect();
        assert_eq!(states, [false, true], "{b}: one retired, one active");
        let outcome = svc.verify_audit().await?;
        assert_eq!((outcome.checkpoints, outcome.problem()), (2, None), "{b}");
        assert!(
            matches!(
                svc.rotate_key(&cli(), "../x").await,
                Err(ServiceError::Validation { .. })
            ),
            "{b}"
        );
        std::fs::remove_dir_all(keys.dir())?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_failed_scheduled_run_raises_an_alert_for_admins() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        add_user(&svc, "root", "admin", true).await?;
        add_user(&svc, "a.officer", "case_officer", true).await?;
        let admin = as_user(&login(&svc, "root", PASSWORD, None).await?);
        let officer = as_user(&login(&svc, "a.officer", PASSWORD, None).await?);
        // Without a key store the checkpoint cannot be signed.
        let run = svc.run_audit_schedule_once().await?;
        assert_eq!(run.alert, Some(ALERT_AUDIT_CHECKPOINT_FAILED), "{b}");
        let keys = key_store("schedule", b);
        let svc = svc.with_keys(keys.clone());
        let run = svc.run_audit_schedule_once().await?;
        assert_eq!(run.alert, None, "{b}");
        assert!(run.checkpoint.is_some(), "{b}: signed");
        // Someone edits an entry: the next run signs nothing and alerts.
        drop_triggers(svc.store()).await?;
        exec(
            svc.store(),
            "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2",
        )
        .await?;
        let run = svc.run_audit_schedule_once().await?;
        assert_eq!(run.alert, Some(ALERT_AUDIT_VERIFICATION_FAILED), "{b}");
        assert_eq!(run.checkpoint, None, "{b}");
        let alerts = svc.system_alerts(&admin).await?;
        let kinds: Vec<&str> = alerts.iter().map(|a| a.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                ALERT_AUDIT_VERIFICATION_FAILED,
                ALERT_AUDIT_CHECKPOINT_FAILED
            ],
            "{b}"
        );
        assert!(alerts[0].details.contains("entry 2"), "{b}: {alerts:?}");
        assert!(
            matches!(
                svc.system_alerts(&officer).await,
                Err(ServiceError::Forbidden(_))
            ),
            "{b}: officers do not see system alerts"
        );
        std::fs::remove_dir_all(keys.dir())?;
        Ok(())
    })
    .await
}
