//! Audit chain verification: an intact chain verifies in full, and each kind of tampering is
//! reported at the first broken entry.

use crate::common::{Env, PASSWORD, add_user, cli, each_backend, login};
use umis_domain::{ChainBreak, Permission};
use umis_service::Services;
use umis_store::{Db, Store};

/// Runs one raw statement behind the store's back.
async fn exec(store: &Store, sql: String) -> anyhow::Result<u64> {
    let sql = sqlx::AssertSqlSafe(sql);
    Ok(umis_store::on_pool!(store.db(), pool => {
        sqlx::query(sql).execute(pool).await?.rows_affected()
    }))
}

/// Removes the triggers that keep the audit log append-only, as an intruder with database
/// rights could.
async fn drop_append_only_triggers(store: &Store) -> anyhow::Result<()> {
    let statements: &[&str] = match store.db() {
        Db::Sqlite(_) => &[
            "DROP TRIGGER audit_log_no_update",
            "DROP TRIGGER audit_log_no_delete",
        ],
        Db::Postgres(_) => &["DROP TRIGGER audit_log_no_update ON audit_log"],
    };
    for sql in statements {
        exec(store, (*sql).to_owned()).await?;
    }
    Ok(())
}

/// Some ordinary activity: accounts, logins, a token, a refusal.
async fn some_activity(svc: &Services) -> anyhow::Result<()> {
    add_user(svc, "a.officer", "case_officer", false).await?;
    add_user(svc, "b.officer", "inspector", false).await?;
    login(svc, "a.officer", PASSWORD, None).await?;
    let _ = login(svc, "b.officer", "not the password", None).await;
    let token = svc.issue_token(&cli(), "sbs", "persons:read", None).await?;
    let client = svc.authenticate_bearer(&token.token, None).await?;
    let _ = svc
        .authorize(&client, Permission::WritePersons, "person.create")
        .await;
    Ok(())
}

#[tokio::test]
async fn an_intact_chain_verifies_in_full() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        let outcome = svc.verify_audit().await?;
        assert_eq!(
            (outcome.entries, outcome.broken),
            (1, None),
            "{b}: just the seeded office"
        );
        some_activity(&svc).await?;
        let head = svc.store().audit_head().await?;
        assert!(head.seq >= 7, "{b}: activity was audited ({})", head.seq);
        let outcome = svc.verify_audit().await?;
        assert_eq!((outcome.entries, outcome.broken), (head.seq, None), "{b}");
        Ok(())
    })
    .await
}

/// Tampers with the log through `sql` (`{head}` stands for the head's seq) and checks that
/// verification reports `want(head)`.
async fn tamper_and_verify(
    sql: &'static str,
    want: fn(i64) -> (i64, ChainBreak),
) -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        some_activity(&svc).await?;
        let head = svc.store().audit_head().await?.seq;
        assert_eq!(svc.verify_audit().await?.broken, None, "{b}: intact before");
        let sql = sql.replace("{head}", &head.to_string());
        let before = exec(svc.store(), sql.clone()).await;
        assert!(
            before.is_err(),
            "{b}: `{sql}` must be refused while the triggers stand"
        );
        drop_append_only_triggers(svc.store()).await?;
        assert_eq!(
            exec(svc.store(), sql.clone()).await?,
            1,
            "{b}: `{sql}` changed one row"
        );
        let outcome = svc.verify_audit().await?;
        let (entries, broken) = want(head);
        assert_eq!(outcome.broken, Some(broken), "{b}: after `{sql}`");
        assert_eq!(
            outcome.entries, entries,
            "{b}: entries checked before the break"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn an_edited_entry_is_named() -> anyhow::Result<()> {
    let sql = "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3";
    tamper_and_verify(sql, |_| (2, ChainBreak::Tampered { seq: 3 })).await
}

#[tokio::test]
async fn edited_details_that_no_longer_parse_are_named() -> anyhow::Result<()> {
    let sql = "UPDATE audit_log SET details = 'not json' WHERE seq = 2";
    tamper_and_verify(sql, |_| (1, ChainBreak::Tampered { seq: 2 })).await
}

#[tokio::test]
async fn a_relinked_entry_is_named() -> anyhow::Result<()> {
    let sql = "UPDATE audit_log SET prev_hash = hash WHERE seq = 4";
    tamper_and_verify(sql, |_| (3, ChainBreak::BrokenLink { seq: 4 })).await
}

#[tokio::test]
async fn a_deleted_middle_entry_is_named() -> anyhow::Result<()> {
    let sql = "DELETE FROM audit_log WHERE seq = 3";
    tamper_and_verify(sql, |_| {
        (
            2,
            ChainBreak::Gap {
                seq: 4,
                expected: 3,
            },
        )
    })
    .await
}

#[tokio::test]
async fn a_deleted_last_entry_is_detected_through_the_head() -> anyhow::Result<()> {
    let sql = "DELETE FROM audit_log WHERE seq = {head}";
    tamper_and_verify(sql, |head| {
        (
            head - 1,
            ChainBreak::Truncated {
                last: head - 1,
                head,
            },
        )
    })
    .await
}
