//! Store stories for access: disabling accounts, login sessions, and agency API tokens.

use crate::common::{HOUR, T0, audit_len, each_backend, entry, new_session, new_token, seed_user};
use anyhow::Context as _;
use umis_store::StoreError;

#[tokio::test]
async fn disabling_a_user_ends_only_their_sessions() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        let alice = seed_user(&store, "alice").await?;
        let bob = seed_user(&store, "bob").await?;
        for (hash, user) in [("a1", &alice), ("a2", &alice), ("b1", &bob)] {
            let s = new_session(hash, user.id, T0, T0 + 12 * HOUR);
            store
                .record_login_success(&s, entry(T0, "auth.login"))
                .await?;
        }

        let before = audit_len(&store).await?;
        store
            .set_user_disabled(alice.id, true, T0 + 1, entry(T0, "user.disable"))
            .await?;
        assert_eq!(audit_len(&store).await?, before + 1, "{b}");
        assert!(store.get_user(alice.id).await?.disabled, "{b}: disabled");
        assert!(store.find_session("a1").await?.is_none(), "{b}: a1 ended");
        assert!(store.find_session("a2").await?.is_none(), "{b}: a2 ended");
        assert!(
            store.find_session("b1").await?.is_some(),
            "{b}: bob's session untouched"
        );

        store
            .set_user_disabled(alice.id, false, T0 + 2, entry(T0, "user.enable"))
            .await?;
        assert!(
            !store.get_user(alice.id).await?.disabled,
            "{b}: enabled again"
        );
        assert!(
            store.find_session("a1").await?.is_none(),
            "{b}: sessions stay ended"
        );

        let before = audit_len(&store).await?;
        let unknown = store.set_user_disabled(bob.id + 1000, true, T0, entry(T0, "user.disable"));
        assert!(
            matches!(unknown.await, Err(StoreError::NotFound)),
            "{b}: unknown id"
        );
        assert_eq!(
            audit_len(&store).await?,
            before,
            "{b}: nothing audited for NotFound"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn sessions_open_on_login_and_are_touched_deleted_and_purged() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        let user = seed_user(&store, "alice").await?;
        // Each failure adds to the stored count; the lock is chosen from the new count.
        let lock_from_third = |n: i32| (n >= 3).then_some(T0 + i64::from(n));
        for want in 1..=3 {
            let n = store.record_login_failure(user.id, lock_from_third, entry(T0, "auth.login"));
            assert_eq!(n.await?, want, "{b}: failure {want}");
        }
        let failed = store.get_user(user.id).await?;
        assert_eq!(
            (failed.failed_logins, failed.locked_until),
            (3, Some(T0 + 3)),
            "{b}"
        );
        let last = store.audit_after(audit_len(&store).await? - 1, 1).await?;
        assert_eq!(
            last[0].entry.details["failures"], 3,
            "{b}: the audit entry has the count"
        );

        let login_at = T0 + 2_000_000;
        let s = new_session("h1", user.id, login_at, login_at + 12 * HOUR);
        store
            .record_login_success(&s, entry(login_at, "auth.login"))
            .await?;
        let after = store.get_user(user.id).await?;
        assert_eq!(
            (after.failed_logins, after.locked_until),
            (0, None),
            "{b}: reset"
        );
        assert_eq!(after.last_login_at, Some(login_at), "{b}");

        let found = store.find_session("h1").await?.context("session h1")?;
        assert_eq!(found.token_hash, "h1", "{b}");
        assert_eq!(found.csrf_token, "csrf-h1", "{b}");
        assert_eq!(
            (found.created_at, found.last_seen_at),
            (login_at, login_at),
            "{b}"
        );
        assert_eq!(found.expires_at, login_at + 12 * HOUR, "{b}");
        assert_eq!(
            (found.user.id, found.user.username.as_str()),
            (user.id, "alice"),
            "{b}"
        );
        assert!(
            store.find_session("nope").await?.is_none(),
            "{b}: unknown hash"
        );

        let before = audit_len(&store).await?;
        store.touch_session("h1", login_at + 300_000_000).await?;
        let touched = store.find_session("h1").await?.context("touched h1")?;
        assert_eq!(touched.last_seen_at, login_at + 300_000_000, "{b}: touched");
        assert_eq!(touched.created_at, login_at, "{b}");
        store.delete_session("h1").await?;
        assert!(store.find_session("h1").await?.is_none(), "{b}: deleted");

        // Purging removes only sessions whose expiry is strictly before `now`.
        for (hash, expires) in [
            ("old", T0 + HOUR),
            ("edge", T0 + 5 * HOUR),
            ("new", T0 + 10 * HOUR),
        ] {
            store
                .record_login_success(&new_session(hash, user.id, T0, expires), entry(T0, "x"))
                .await?;
        }
        let before_purge = audit_len(&store).await?;
        assert_eq!(store.purge_expired_sessions(T0 + 2 * HOUR).await?, 1, "{b}");
        assert!(
            store.find_session("old").await?.is_none(),
            "{b}: old purged"
        );
        assert_eq!(
            store.purge_expired_sessions(T0 + 5 * HOUR).await?,
            0,
            "{b}: edge lives"
        );
        assert_eq!(
            store.purge_expired_sessions(T0 + 5 * HOUR + 1).await?,
            1,
            "{b}"
        );
        assert!(store.find_session("new").await?.is_some(), "{b}: new kept");
        assert_eq!(
            store.purge_expired_sessions(T0 + 5 * HOUR + 1).await?,
            0,
            "{b}: idempotent"
        );
        assert_eq!(
            audit_len(&store).await?,
            before_purge,
            "{b}: purge is not audited"
        );
        assert_eq!(
            before_purge,
            before + 3,
            "{b}: touch and delete are not audited"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn api_tokens_are_created_found_listed_revoked_and_touched() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        let h1 = "a".repeat(64);
        let h2 = "b".repeat(64);
        let h3 = "c".repeat(64);
        let id1 = store
            .create_api_token(&new_token("sbs-border", &h1, T0), entry(T0, "t"))
            .await?;
        let id2 = store
            .create_api_token(&new_token("sbs-border", &h2, T0 + 1), entry(T0, "t"))
            .await?;
        let id3 = store
            .create_api_token(&new_token("customs", &h3, T0 + 2), entry(T0, "t"))
            .await?;
        let head = store.audit_head().await?;
        assert_eq!(head.seq, 3, "{b}: one entry per token");
        let last = store.audit_after(2, 1).await?;
        assert_eq!(
            last[0].entry.details["token_id"], id3,
            "{b}: audit names the token"
        );

        let t1 = store.find_api_token(&h1).await?.context("token 1")?;
        assert_eq!((t1.id, t1.client_name.as_str()), (id1, "sbs-border"), "{b}");
        assert_eq!(t1.scopes, "persons:read,stats:read", "{b}");
        assert_eq!(t1.token_prefix, "umis_aaaaaa", "{b}");
        assert_eq!((t1.created_by.as_str(), t1.created_at), ("cli", T0), "{b}");
        assert_eq!(t1.expires_at, Some(T0 + 24 * HOUR), "{b}");
        assert_eq!((t1.revoked_at, t1.last_used_at), (None, None), "{b}");
        assert!(
            store.find_api_token(&"d".repeat(64)).await?.is_none(),
            "{b}: unknown hash"
        );

        let ids: Vec<i64> = store
            .list_api_tokens()
            .await?
            .iter()
            .map(|t| t.id)
            .collect();
        assert_eq!(ids, [id3, id2, id1], "{b}: newest first");

        let dup = store
            .create_api_token(&new_token("other", &h1, T0), entry(T0, "t"))
            .await;
        assert!(
            matches!(dup, Err(StoreError::Conflict(_))),
            "{b}: same hash twice"
        );

        let revoked_at = T0 + HOUR;
        let n = store
            .revoke_api_tokens("sbs-border", revoked_at, entry(T0, "token.revoke"))
            .await?;
        assert_eq!(n, 2, "{b}: both live tokens revoked");
        let last = store.audit_after(audit_len(&store).await? - 1, 1).await?;
        assert_eq!(
            last[0].entry.details["revoked"], 2,
            "{b}: audit counts revocations"
        );
        for t in store.list_api_tokens().await? {
            let want = (t.client_name == "sbs-border").then_some(revoked_at);
            assert_eq!(t.revoked_at, want, "{b}: token {}", t.id);
        }
        let again =
            store.revoke_api_tokens("sbs-border", revoked_at + 1, entry(T0, "token.revoke"));
        assert_eq!(again.await?, 0, "{b}: nothing left to revoke");
        let t1 = store.find_api_token(&h1).await?.context("token 1")?;
        assert_eq!(
            t1.revoked_at,
            Some(revoked_at),
            "{b}: first revocation time kept"
        );

        // Use is noted at most once a minute.
        let before = audit_len(&store).await?;
        store.touch_api_token(id3, T0 + 10_000_000).await?;
        store.touch_api_token(id3, T0 + 30_000_000).await?;
        let t3 = store.find_api_token(&h3).await?.context("token 3")?;
        assert_eq!(
            t3.last_used_at,
            Some(T0 + 10_000_000),
            "{b}: second touch throttled"
        );
        store.touch_api_token(id3, T0 + 71_000_000).await?;
        let t3 = store.find_api_token(&h3).await?.context("token 3")?;
        assert_eq!(
            t3.last_used_at,
            Some(T0 + 71_000_000),
            "{b}: a minute later it moves"
        );
        assert_eq!(
            audit_len(&store).await?,
            before,
            "{b}: touching is not audited"
        );
        Ok(())
    })
    .await
}
