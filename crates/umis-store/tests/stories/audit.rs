//! Store stories for the audit log: the hash chain, paging, search filters, the database's
//! refusal to change or delete entries, and concurrent appends — on every backend.

use crate::common::{T0, audit_len, each_backend, entry};
use umis_domain::{
    AuditActor, AuditOutcome, AuditRecord, GENESIS_HASH, NewAuditEntry, verify_chain,
};
use umis_store::{AuditFilter, Store};

/// Runs one raw statement, bypassing the store (as an intruder with database access would).
async fn exec(store: &Store, sql: &'static str) -> Result<u64, sqlx::Error> {
    umis_store::on_pool!(store.db(), pool => {
        sqlx::query(sql).execute(pool).await.map(|r| r.rows_affected())
    })
}

fn seqs(records: &[AuditRecord]) -> Vec<i64> {
    records.iter().map(|r| r.seq).collect()
}

#[tokio::test]
async fn appended_entries_form_a_chain_from_genesis() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        let head = store.audit_head().await?;
        assert_eq!(
            (head.seq, head.hash.as_str()),
            (0, GENESIS_HASH),
            "{b}: empty chain"
        );

        let entries = [
            entry(T0, "office.upsert").object("office", "HQ"),
            NewAuditEntry::new(
                T0 + 1,
                AuditActor::User,
                "alice",
                "person.view",
                AuditOutcome::Ok,
            )
            .person("P-1")
            .purpose(Some("case 42".into()))
            .from_addr(Some("10.0.0.7".into()))
            .detail("fields", serde_json::json!(["name", "birth_date"])),
            NewAuditEntry::new(
                T0 + 2,
                AuditActor::Anonymous,
                "mallory",
                "auth.login",
                AuditOutcome::Denied,
            )
            .detail("reason", "wrong password")
            .detail("failures", 3),
            NewAuditEntry::new(
                T0 + 3,
                AuditActor::Client,
                "sbs",
                "auth.token",
                AuditOutcome::Failed,
            ),
            entry(T0 + 4, "user.create")
                .detail("nested", serde_json::json!({"z": 1, "a": [true, null]})),
        ];
        let mut appended = Vec::new();
        let mut prev = GENESIS_HASH.to_owned();
        for (i, e) in entries.iter().enumerate() {
            let record = store.append_audit(e.clone()).await?;
            assert_eq!(record.seq, i as i64 + 1, "{b}: seq without gaps");
            assert_eq!(
                record.prev_hash,
                prev,
                "{b}: entry {} links to entry {i}",
                i + 1
            );
            assert_ne!(record.hash, record.prev_hash, "{b}");
            assert_eq!(&record.entry, e, "{b}: content kept as given");
            prev = record.hash.clone();
            appended.push(record);
        }
        let head = store.audit_head().await?;
        assert_eq!(
            (head.seq, &head.hash),
            (5, &prev),
            "{b}: head follows the last entry"
        );

        // What is read back is exactly what was sealed, so the chain verifies.
        let stored = store.audit_after(0, 100).await?;
        assert_eq!(stored, appended, "{b}: round trip of every field");
        assert_eq!(verify_chain(&stored, head.seq, &head.hash), Ok(5), "{b}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn audit_after_pages_in_chain_order() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        for i in 0..7 {
            store.append_audit(entry(T0 + i, "person.view")).await?;
        }
        let all = store.audit_after(0, 100).await?;
        assert_eq!(seqs(&all), [1, 2, 3, 4, 5, 6, 7], "{b}");
        let mut paged = Vec::new();
        let mut after = 0;
        let mut pages = Vec::new();
        loop {
            let page = store.audit_after(after, 3).await?;
            let Some(last) = page.last() else { break };
            after = last.seq;
            pages.push(seqs(&page));
            paged.extend(page);
        }
        assert_eq!(
            pages,
            [vec![1, 2, 3], vec![4, 5, 6], vec![7]],
            "{b}: pages of three"
        );
        assert_eq!(paged, all, "{b}: pages add up to the whole chain");
        assert!(
            store.audit_after(7, 3).await?.is_empty(),
            "{b}: nothing after the head"
        );
        assert_eq!(seqs(&store.audit_after(5, 1).await?), [6], "{b}");
        Ok(())
    })
    .await
}

/// Seven entries with known actors, actions, persons and instants (10 µs apart).
async fn seed_search(store: &Store) -> anyhow::Result<()> {
    let rows = [
        ("alice", "person.view", Some("P1")),
        ("bob", "person.view", Some("P2")),
        ("alice", "user.create", None),
        ("alice", "user.disable", None),
        ("bob", "person.update", Some("P1")),
        ("carol", "userx.create", None),
        ("dave", "a_b.x", None),
        ("dave", "axb.x", None),
    ];
    for (i, (actor, action, person)) in rows.into_iter().enumerate() {
        let mut e = NewAuditEntry::new(
            T0 + 10 * i as i64,
            AuditActor::User,
            actor,
            action,
            AuditOutcome::Ok,
        );
        e.person_id = person.map(str::to_owned);
        store.append_audit(e).await?;
    }
    Ok(())
}

#[tokio::test]
async fn search_filters_narrow_newest_first() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        seed_search(&store).await?;
        let search = |f: AuditFilter, limit: i64| {
            let store = store.clone();
            async move { anyhow::Ok(seqs(&store.search_audit(&f, limit).await?)) }
        };
        let by_action = |a: &str| AuditFilter {
            action: Some(a.into()),
            ..Default::default()
        };

        assert_eq!(
            search(AuditFilter::default(), 100).await?,
            [8, 7, 6, 5, 4, 3, 2, 1],
            "{b}"
        );
        assert_eq!(
            search(AuditFilter::default(), 3).await?,
            [8, 7, 6],
            "{b}: limit"
        );
        let alice = AuditFilter {
            actor: Some("alice".into()),
            ..Default::default()
        };
        assert_eq!(search(alice, 100).await?, [4, 3, 1], "{b}: actor");
        let nobody = AuditFilter {
            actor: Some("ALICE".into()),
            ..Default::default()
        };
        assert!(search(nobody, 100).await?.is_empty(), "{b}: actor is exact");
        let p1 = AuditFilter {
            person_id: Some("P1".into()),
            ..Default::default()
        };
        assert_eq!(search(p1, 100).await?, [5, 1], "{b}: person");

        assert_eq!(
            search(by_action("person.view"), 100).await?,
            [2, 1],
            "{b}: exact action"
        );
        assert!(
            search(by_action("person"), 100).await?.is_empty(),
            "{b}: no dot, no prefix"
        );
        assert!(
            search(by_action("person.vie"), 100).await?.is_empty(),
            "{b}: exact, not prefix"
        );
        assert_eq!(
            search(by_action("person."), 100).await?,
            [5, 2, 1],
            "{b}: prefix"
        );
        assert_eq!(
            search(by_action("user."), 100).await?,
            [4, 3],
            "{b}: prefix stops at the dot"
        );
        // `_` and `%` in a prefix are literal characters, not LIKE wildcards.
        assert_eq!(
            search(by_action("a_b."), 100).await?,
            [7],
            "{b}: escaped prefix"
        );
        assert!(
            search(by_action("%."), 100).await?.is_empty(),
            "{b}: % is literal"
        );

        let from = AuditFilter {
            from: Some(T0 + 20),
            ..Default::default()
        };
        assert_eq!(
            search(from, 100).await?,
            [8, 7, 6, 5, 4, 3],
            "{b}: from is inclusive"
        );
        let until = AuditFilter {
            until: Some(T0 + 30),
            ..Default::default()
        };
        assert_eq!(
            search(until, 100).await?,
            [3, 2, 1],
            "{b}: until is exclusive"
        );
        let window = AuditFilter {
            from: Some(T0 + 10),
            until: Some(T0 + 40),
            ..Default::default()
        };
        assert_eq!(search(window, 100).await?, [4, 3, 2], "{b}: window");

        let combined = AuditFilter {
            actor: Some("alice".into()),
            action: Some("user.".into()),
            before_seq: Some(4),
            ..Default::default()
        };
        assert_eq!(search(combined, 100).await?, [3], "{b}: filters combine");

        // Walking with the before_seq cursor visits every entry once, newest first.
        let mut cursor = None;
        let mut walked = Vec::new();
        loop {
            let f = AuditFilter {
                before_seq: cursor,
                ..Default::default()
            };
            let page = search(f, 3).await?;
            let Some(&last) = page.last() else { break };
            assert!(page.len() <= 3, "{b}");
            cursor = Some(last);
            walked.extend(page);
        }
        assert_eq!(walked, [8, 7, 6, 5, 4, 3, 2, 1], "{b}: cursor paging");

        // A search reads only: it appends nothing itself.
        assert_eq!(audit_len(&store).await?, 8, "{b}");
        Ok(())
    })
    .await
}

#[tokio::test]
async fn the_database_refuses_to_change_or_delete_audit_entries() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        store.append_audit(entry(T0, "user.create")).await?;
        store.append_audit(entry(T0 + 1, "user.disable")).await?;
        let before = store.audit_after(0, 10).await?;

        let attempts = [
            "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1",
            "UPDATE audit_log SET hash = prev_hash",
            "DELETE FROM audit_log WHERE seq = 2",
            "DELETE FROM audit_log",
        ];
        for sql in attempts {
            match exec(&store, sql).await {
                Ok(n) => panic!("{b}: `{sql}` was allowed ({n} rows)"),
                Err(e) => assert!(e.to_string().contains("append-only"), "{b}: `{sql}`: {e}"),
            }
        }
        assert_eq!(
            store.audit_after(0, 10).await?,
            before,
            "{b}: entries unchanged"
        );
        // The head cannot be wound back, skipped ahead or removed, so a deleted tail shows.
        for sql in [
            "UPDATE audit_head SET seq = 1",
            "UPDATE audit_head SET seq = seq + 5",
            "DELETE FROM audit_head",
        ] {
            match exec(&store, sql).await {
                Ok(n) => panic!("{b}: `{sql}` was allowed ({n} rows)"),
                Err(e) => assert!(
                    e.to_string().contains("only moves forward"),
                    "{b}: `{sql}`: {e}"
                ),
            }
        }
        if b == "postgres" {
            for sql in ["TRUNCATE audit_log", "TRUNCATE audit_head"] {
                assert!(exec(&store, sql).await.is_err(), "{b}: `{sql}` was allowed");
            }
        }
        let head = store.audit_head().await?;
        assert_eq!(verify_chain(&before, head.seq, &head.hash), Ok(2), "{b}");
        // Appending still works after the refusals.
        assert_eq!(store.append_audit(entry(T0 + 2, "x")).await?.seq, 3, "{b}");
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_appends_yield_one_contiguous_valid_chain() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        store.append_audit(entry(T0, "before")).await?;
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let store = store.clone();
                tokio::spawn(async move {
                    let e = NewAuditEntry::new(
                        T0 + i,
                        AuditActor::System,
                        format!("task-{i}"),
                        "x",
                        AuditOutcome::Ok,
                    );
                    store.append_audit(e).await
                })
            })
            .collect();
        let mut returned = Vec::new();
        for task in tasks {
            returned.push(task.await??);
        }

        let head = store.audit_head().await?;
        assert_eq!(head.seq, 21, "{b}: every append counted");
        let mut got = seqs(&returned);
        got.sort_unstable();
        assert_eq!(
            got,
            (2..=21).collect::<Vec<_>>(),
            "{b}: each task got its own seq"
        );

        let chain = store.audit_after(0, 100).await?;
        assert_eq!(
            verify_chain(&chain, head.seq, &head.hash),
            Ok(21),
            "{b}: chain intact"
        );
        for r in &returned {
            let stored = &chain[(r.seq - 1) as usize];
            assert_eq!(stored, r, "{b}: entry {} stored as returned", r.seq);
        }
        let mut actors: Vec<&str> = chain[1..].iter().map(|r| r.entry.actor.as_str()).collect();
        actors.sort_unstable();
        let mut want: Vec<String> = (0..20).map(|i| format!("task-{i}")).collect();
        want.sort_unstable();
        assert_eq!(actors, want, "{b}: each task appended exactly once");
        Ok(())
    })
    .await
}
