//! A merged batch's report split back into one report per request, rows numbered as each
//! request had them.

use crate::border::{Fate, IngestReport};

/// The report of each request of a merged batch, its rows numbered as the request had them.
pub(super) fn split(report: IngestReport, originals: &[Vec<usize>]) -> Vec<IngestReport> {
    // Merged row n (from 1) belongs to request `owner[n - 1]`, where it was row `orig`.
    let mut owner: Vec<(usize, usize)> = Vec::new();
    for (i, rows) in originals.iter().enumerate() {
        owner.extend(rows.iter().map(|&r| (i, r)));
    }
    let mut parts: Vec<IngestReport> = originals
        .iter()
        .map(|rows| IngestReport {
            received: rows.len(),
            ..Default::default()
        })
        .collect();
    for (row, fate) in report.fates {
        let Some(&(i, orig)) = row.checked_sub(1).and_then(|r| owner.get(r)) else {
            continue;
        };
        let part = &mut parts[i];
        match fate {
            Fate::Duplicate => part.duplicates += 1,
            Fate::Stored => part.accepted += 1,
            Fate::StoredNewPerson => {
                part.accepted += 1;
                part.persons_created += 1;
            }
            Fate::StoredByIdentity => {
                part.accepted += 1;
                part.linked_by_identity += 1;
            }
        }
        part.fates.push((orig, fate));
    }
    for mut e in report.rejected {
        let Some(&(i, orig)) = e.row.checked_sub(1).and_then(|r| owner.get(r)) else {
            continue;
        };
        e.row = orig;
        parts[i].rejected.push(e);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RowError;

    #[test]
    fn a_merged_report_is_split_by_request() {
        let report = IngestReport {
            received: 4,
            accepted: 3,
            duplicates: 1,
            rejected: vec![RowError {
                row: 3,
                event_id: Some("E3".into()),
                field: "bcp".into(),
                code: "invalid_bcp".into(),
                message: "bad".into(),
            }],
            persons_created: 1,
            linked_by_identity: 0,
            fates: vec![
                (1, Fate::Stored),
                (2, Fate::StoredNewPerson),
                (4, Fate::Duplicate),
                (5, Fate::Stored),
            ],
        };
        let parts = split(report, &[vec![1, 2], vec![1, 2, 3]]);
        assert_eq!(parts[0].received, 2);
        assert_eq!((parts[0].accepted, parts[0].persons_created), (2, 1));
        assert!(parts[0].rejected.is_empty());
        assert_eq!(parts[1].received, 3);
        assert_eq!((parts[1].accepted, parts[1].duplicates), (1, 1));
        assert_eq!(parts[1].rejected.len(), 1);
        assert_eq!(parts[1].rejected[0].row, 1);
    }
}
