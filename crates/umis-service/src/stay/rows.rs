//! Stays computed from a person's border events and permits under the stay policies (the rows the store keeps).

use super::*;

pub(super) fn movements(events: &[&BorderEvent]) -> Vec<Movement> {
    events
        .iter()
        .filter_map(|e| {
            Some(Movement {
                date: parse_day(&e.local_date)?,
                direction: e.direction.parse().ok()?,
                permitted_days: e.permitted_days.and_then(|d| u32::try_from(d).ok()),
            })
        })
        .collect()
}

pub(super) fn spans(permits: &[&PermitRecord]) -> Vec<PermitSpan> {
    permits
        .iter()
        .filter_map(|p| {
            Some(PermitSpan {
                kind: p.kind.clone(),
                number: p.number.clone(),
                valid_from: parse_day(&p.valid_from)?,
                valid_to: parse_day(&p.valid_to)?,
            })
        })
        .collect()
}

pub(super) fn flags_text(flags: &[StayFlag]) -> String {
    flags
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// The stays of one person as stored: `events` in the order they happened.
pub(crate) fn stay_rows(
    person_id: i64,
    events: &[&BorderEvent],
    nationalities: &[String],
    permits: &[&PermitRecord],
    policies: &StayPolicies,
) -> Vec<StayRow> {
    // Events whose date cannot be read are skipped (they were validated on the way in).
    let usable: Vec<&BorderEvent> = events
        .iter()
        .copied()
        .filter(|e| parse_day(&e.local_date).is_some() && e.direction.parse::<Direction>().is_ok())
        .collect();
    let moves = movements(&usable);
    let stays = build_stays(nationalities, &moves, &spans(permits), policies);
    let mut out = Vec::with_capacity(stays.len());
    for (i, s) in stays.iter().enumerate() {
        let source = usable.get(s.opened_by);
        let ends_on = s.exit.or_else(|| {
            if s.flags.contains(&StayFlag::MissingExit) {
                stays.get(i + 1).and_then(|n| n.entry)
            } else {
                None
            }
        });
        out.push(StayRow {
            person_id,
            seq: i64::try_from(i).unwrap_or(0) + 1,
            entry_date: s.entry.map(|d| d.to_string()),
            exit_date: s.exit.map(|d| d.to_string()),
            ends_on: ends_on.map(|d| d.to_string()),
            period_until: s.period_until.map(|d| d.to_string()),
            lawful_until: s.lawful_until.map(|d| d.to_string()),
            rule_code: s.rule_code.clone(),
            permitted_days: s.permitted_days.map(i64::from),
            flags: flags_text(&s.flags),
            nationality: source.and_then(|e| e.nationality.clone()),
            document_number: source.and_then(|e| e.document_number.clone()),
            document_issuing_state: source.and_then(|e| e.document_issuing_state.clone()),
            entry_bcp: source
                .filter(|e| e.direction == "entry" && !e.bcp.is_empty())
                .map(|e| e.bcp.clone()),
        });
    }
    out
}
