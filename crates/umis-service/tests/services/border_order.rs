//! Batches sent in order and in flight together (as `umis import border-events` sends them)
//! keep the order of the file: of two rows with one event id and different content, the
//! earlier is stored, even when the batch holding it has to be written again.

use crate::common::{Env, each_backend};
use std::collections::HashMap;
use umis_service::{BatchTurn, BorderEventInput, Ctx, IngestReport, ServiceError, Services};

fn event(id: &str, day: u32, doc: &str) -> (usize, BorderEventInput) {
    let mut fields = HashMap::new();
    for (k, v) in [
        ("event_id", id.to_owned()),
        ("direction", "entry".to_owned()),
        ("occurred_at", format!("2026-11-{day:02}T10:00:00Z")),
        ("bcp", "GYD".to_owned()),
        ("travel_mode", "air".to_owned()),
        ("document_number", doc.to_owned()),
        ("document_issuing_state", "KAZ".to_owned()),
        ("nationality", "KAZ".to_owned()),
        ("surname", "ORDERTEST".to_owned()),
        ("given_names", "ROW".to_owned()),
        ("birth_date", "1980-05-06".to_owned()),
    ] {
        fields.insert(k.to_owned(), v);
    }
    (0, BorderEventInput { fields })
}

type Sent = tokio::task::JoinHandle<Result<IngestReport, ServiceError>>;

/// Sends `batches` as the import does: each prepared beside the one before, written after it.
fn send_in_order(svc: &Services, batches: Vec<Vec<(usize, BorderEventInput)>>) -> Vec<Sent> {
    let mut after = None;
    let mut sent = Vec::new();
    for rows in batches {
        let (written, next_after) = tokio::sync::oneshot::channel();
        let turn = BatchTurn {
            after: after.replace(next_after),
            written: Some(written),
        };
        let svc = svc.clone();
        sent.push(tokio::spawn(async move {
            svc.ingest_border_events_in_turn(&Ctx::system("test"), rows, turn)
                .await
        }));
    }
    sent
}

fn conflicts(r: &IngestReport) -> Vec<String> {
    r.rejected
        .iter()
        .filter(|e| e.code == "event_id_conflict")
        .filter_map(|e| e.event_id.clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_earlier_of_two_conflicting_rows_wins_across_batches() -> anyhow::Result<()> {
    each_backend(|Env { b, svc, .. }| async move {
        for round in 0..3 {
            // The first batch is long, so the second is prepared while it is written; the
            // second then meets a conflict with the first and is written again, while the
            // third, prepared meanwhile, waits with a row that conflicts with the second.
            let y = format!("ORD-{round}-Y");
            let x = format!("ORD-{round}-X");
            let mut first: Vec<_> = (0..1500)
                .map(|i| event(&format!("ORD-{round}-Z{i}"), 1, &format!("N{round}Z{i}")))
                .collect();
            first.push(event(&y, 2, &format!("N{round}Y1")));
            let second = vec![
                event(&y, 3, &format!("N{round}Y2")),
                event(&x, 4, &format!("N{round}X1")),
            ];
            let third = vec![event(&x, 5, &format!("N{round}X2"))];
            let mut reports = Vec::new();
            for sent in send_in_order(&svc, vec![first, second.clone(), third]) {
                reports.push(sent.await??);
            }
            assert_eq!(conflicts(&reports[1]), vec![y.clone()], "{b} round {round}");
            assert_eq!(conflicts(&reports[2]), vec![x.clone()], "{b} round {round}");
            // The second batch's X is what is stored: sent again, it is a re-send.
            let again = svc
                .ingest_border_events(&Ctx::system("test"), vec![second[1].clone()])
                .await?;
            assert_eq!(again.duplicates, 1, "{b} round {round}: {again:?}");
        }
        Ok(())
    })
    .await
}
