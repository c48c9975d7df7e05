//! Store stories for migration control: border events stored once, stays replaced per person,
//! the overstay query with its filters, cursor and permits, and document lookup.

use crate::common::{T0, audit_len, each_backend, entry};
use umis_store::{BorderEvent, NewDocument, NewPersonRow, PermitRecord, PersonName, StayRow};

fn person(id: i64, nat: &str, doc: &str) -> NewPersonRow {
    NewPersonRow {
        person_id: id,
        external_id: None,
        sex: None,
        birth_date: None,
        birth_year: None,
        place_of_birth: None,
        names: vec![PersonName {
            kind: "primary".into(),
            surname: "TEST".into(),
            given_names: None,
            patronymic: None,
        }],
        nationalities: vec![nat.into()],
        documents: vec![NewDocument {
            doc_type: "passport".into(),
            issuing_state: nat.into(),
            number: doc.into(),
            number_folded: doc.into(),
            issue_date: None,
            expiry_date: None,
            status: "valid".into(),
            mrz: None,
        }],
        created_at: T0,
        created_by: "test".into(),
    }
}

fn event(id: &str, person_id: i64, dir: &str, at: i64, date: &str) -> BorderEvent {
    BorderEvent {
        event_id: id.into(),
        person_id,
        direction: dir.into(),
        occurred_at: at,
        local_date: date.into(),
        bcp: "GYD".into(),
        travel_mode: "air".into(),
        document_number: Some("D1".into()),
        document_issuing_state: Some("RUS".into()),
        nationality: Some("RUS".into()),
        permitted_days: None,
        visa_ref: None,
        link_method: "document".into(),
        fingerprint: format!("fp-{id}"),
        received_at: T0,
        received_by: "sbs".into(),
    }
}

fn stay(
    person_id: i64,
    entry_date: &str,
    ends_on: Option<&str>,
    until: &str,
    nat: &str,
) -> StayRow {
    StayRow {
        person_id,
        seq: 1,
        entry_date: Some(entry_date.into()),
        exit_date: ends_on.map(str::to_owned),
        ends_on: ends_on.map(str::to_owned),
        period_until: Some(until.into()),
        lawful_until: Some(until.into()),
        rule_code: Some("R1-cis-90".into()),
        permitted_days: None,
        flags: String::new(),
        nationality: Some(nat.into()),
        document_number: Some(format!("D-{person_id}")),
        document_issuing_state: Some(nat.into()),
        entry_bcp: Some("GYD".into()),
    }
}

#[tokio::test]
async fn events_are_stored_once_and_stays_answer_the_overstay_query() -> anyhow::Result<()> {
    each_backend(|b, store| async move {
        for (id, nat, doc) in [
            (11, "RUS", "D-11"),
            (22, "KAZ", "D-22"),
            (33, "RUS", "D-33"),
        ] {
            store
                .create_person(&person(id, nat, doc), entry(T0, "person.create"))
                .await?;
        }
        assert_eq!(
            store.document_holders("KAZ", "D-22").await?,
            vec![22],
            "{b}"
        );
        assert!(
            store.document_holders("RUS", "D-22").await?.is_empty(),
            "{b}: state counts"
        );

        let events = vec![
            event("E1", 11, "entry", T0, "2026-01-01"),
            event("E2", 22, "entry", T0 + 1, "2026-02-01"),
            event("E3", 33, "entry", T0 + 2, "2026-03-01"),
            event("E4", 33, "exit", T0 + 3, "2026-03-10"),
        ];
        let stays = vec![
            stay(11, "2026-01-01", None, "2026-03-31", "RUS"),
            stay(22, "2026-02-01", None, "2026-05-01", "KAZ"),
            stay(33, "2026-03-01", Some("2026-03-10"), "2026-05-29", "RUS"),
        ];
        let before = audit_len(&store).await?;
        let n = store
            .ingest_border_batch(
                &events,
                &[11, 22, 33],
                1,
                &Default::default(),
                entry(T0, "border_events.ingest"),
            )
            .await?;
        assert_eq!(n, Some(4), "{b}");
        assert_eq!(
            audit_len(&store).await?,
            before + 1,
            "{b}: one entry per batch"
        );
        assert_eq!(
            store.pending_stays(i64::MIN, 10).await?,
            vec![(11, 1), (22, 1), (33, 1)],
            "{b}: every person of the batch is marked"
        );
        assert_eq!(store.pending_stays(11, 1).await?, vec![(22, 1)], "{b}");
        assert!(
            store.stays_of(11).await?.is_empty(),
            "{b}: stays wait for the rebuild"
        );
        // The same events again (as if another writer had stored them after the caller
        // checked): the batch is refused whole, nothing is doubled, no mark or audit entry.
        let again = store
            .ingest_border_batch(
                &events[2..],
                &[33],
                2,
                &Default::default(),
                entry(T0, "border_events.ingest"),
            )
            .await?;
        assert_eq!(
            (again, store.count_border_events().await?),
            (None, 4),
            "{b}"
        );
        assert_eq!(store.pending_stays_of(&[33]).await?, vec![(33, 1)], "{b}");
        assert_eq!(audit_len(&store).await?, before + 1, "{b}");
        // A later batch marks the persons again.
        store
            .ingest_border_batch(
                &[],
                &[11, 22, 33],
                2,
                &Default::default(),
                entry(T0, "border_events.ingest"),
            )
            .await?;
        // A rebuild that read the first marks settles nobody: a later batch marked them again.
        let first = vec![(11, 1), (22, 1), (33, 1)];
        assert_eq!(store.settle_stays(&first, &stays).await?, 0, "{b}");
        assert!(store.stays_of(11).await?.is_empty(), "{b}");
        assert_eq!(store.count_pending_stays().await?, 3, "{b}");
        let pending = store.pending_stays_of(&[11, 22, 33, 44]).await?;
        assert_eq!(pending.len(), 3, "{b}");
        assert_eq!(store.settle_stays(&pending, &stays).await?, 3, "{b}");
        assert_eq!(store.count_pending_stays().await?, 0, "{b}");
        // Settled again under a new mark: the stays are replaced, not added.
        store
            .ingest_border_batch(
                &[],
                &[11],
                3,
                &Default::default(),
                entry(T0, "border_events.ingest"),
            )
            .await?;
        assert_eq!(store.settle_stays(&[(11, 3)], &stays).await?, 1, "{b}");
        assert_eq!(
            store.stays_of(11).await?.len(),
            1,
            "{b}: stays replaced, not added"
        );
        let fps = store.event_fingerprints(&["E1", "E9"]).await?;
        assert_eq!(fps, vec![("E1".to_owned(), "fp-E1".to_owned())], "{b}");
        let of = store.events_of(&[33]).await?;
        assert_eq!(
            of.iter().map(|e| e.event_id.as_str()).collect::<Vec<_>>(),
            ["E3", "E4"],
            "{b}"
        );
        let recent = store.recent_events(33, 1).await?;
        assert_eq!(recent[0].event_id, "E4", "{b}: newest first");

        let ids = |rows: Vec<umis_store::OverstayRow>| {
            rows.into_iter().map(|r| r.person_id).collect::<Vec<_>>()
        };
        assert_eq!(
            ids(store
                .list_overstays("2026-06-01", None, None, None, None, 10)
                .await?),
            [11, 22],
            "{b}"
        );
        assert_eq!(
            ids(store
                .list_overstays("2026-04-15", None, None, None, None, 10)
                .await?),
            [11],
            "{b}"
        );
        assert!(
            store
                .list_overstays("2026-03-31", None, None, None, None, 10)
                .await?
                .is_empty(),
            "{b}: last lawful day"
        );
        assert_eq!(
            ids(store
                .list_overstays("2026-06-01", Some("KAZ"), None, None, None, 10)
                .await?),
            [22],
            "{b}"
        );
        assert_eq!(
            ids(store
                .list_overstays("2026-06-01", None, Some("2026-04-30"), None, None, 10)
                .await?),
            [11],
            "{b}"
        );
        assert_eq!(
            ids(store
                .list_overstays("2026-06-01", None, None, None, Some(11), 10)
                .await?),
            [22],
            "{b}: cursor"
        );
        assert_eq!(
            ids(store
                .list_overstays("2026-06-01", None, None, None, None, 1)
                .await?),
            [11],
            "{b}: limit"
        );

        // A permit covering the date takes the holder off the list.
        let permit = PermitRecord {
            person_id: 11,
            permit_id: 0,
            kind: "temporary_residence".into(),
            number: "TRP-1".into(),
            valid_from: "2026-05-01".into(),
            valid_to: "2027-04-30".into(),
            status: "valid".into(),
            created_at: T0,
            application_id: None,
            conditions: None,
        };
        assert_eq!(
            store
                .add_permit(&permit, entry(T0, "permit.record"))
                .await?,
            1,
            "{b}"
        );
        assert_eq!(
            ids(store
                .list_overstays("2026-06-01", None, None, None, None, 10)
                .await?),
            [22],
            "{b}"
        );
        assert_eq!(
            ids(store
                .list_overstays("2026-04-15", None, None, None, None, 10)
                .await?),
            [11],
            "{b}: not before it"
        );
        assert_eq!(store.permits_of(&[11, 22]).await?.len(), 1, "{b}");
        // The same permit number twice is a conflict.
        let dup = store.add_permit(&permit, entry(T0, "permit.record")).await;
        assert!(
            matches!(dup, Err(umis_store::StoreError::Conflict(_))),
            "{b}"
        );

        // Rebuilding one person's stays (marked after a permit, say) leaves the others alone.
        store.mark_stays(&[22], 9).await?;
        assert_eq!(
            store.pending_stays_of(&[11, 22]).await?,
            vec![(22, 9)],
            "{b}"
        );
        let rebuilt = store
            .settle_stays(
                &[(22, 9)],
                &[stay(
                    22,
                    "2026-02-01",
                    Some("2026-02-20"),
                    "2026-05-01",
                    "KAZ",
                )],
            )
            .await?;
        assert_eq!(rebuilt, 1, "{b}");
        assert!(
            store
                .list_overstays("2026-06-01", None, None, None, None, 10)
                .await?
                .is_empty(),
            "{b}"
        );
        assert_eq!(store.stays_of(11).await?.len(), 1, "{b}");
        Ok(())
    })
    .await
}

/// On a SQLite file, committed pages reach the database file through the background
/// checkpoint, without another write: a writer no longer copies the log into the database
/// inside its own commit (which made every large import batch pay for a checkpoint).
#[tokio::test]
async fn sqlite_commits_reach_the_database_file_in_the_background() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("umis-checkpoint-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("umis.db");
    let db = umis_store::Db::connect(&format!("sqlite://{}", path.display())).await?;
    let umis_store::Db::Sqlite(pool) = &db else {
        anyhow::bail!("a sqlite:// URL opened another backend");
    };
    sqlx::query("CREATE TABLE filler (x BLOB)")
        .execute(pool)
        .await?;
    let before = std::fs::metadata(&path)?.len();
    // About 4 MB in one commit: far below the log size at which a writer checkpoints itself.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) \
         INSERT INTO filler SELECT randomblob(4000) FROM n",
    )
    .execute(pool)
    .await?;
    let mut grown = false;
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        if std::fs::metadata(&path)?.len() >= before + 4_000_000 {
            grown = true;
            break;
        }
    }
    db.close().await;
    std::fs::remove_dir_all(&dir)?;
    assert!(
        grown,
        "the committed pages stayed in the write-ahead log for 10 s"
    );
    Ok(())
}
