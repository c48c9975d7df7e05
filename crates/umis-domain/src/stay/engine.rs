//! Pairing movements into stays, the period each stay is lawful for, and the assessment of a
//! person on a date.

use super::{
    Direction, Movement, PermitSpan, RegistrationDue, Stay, StayAssessment, StayBasis, StayFlag,
    StayInput, StayLimit, StayPolicies, WindowUse,
};
use time::{Date, Duration};

/// `d` moved by `n` days, saturating at the ends of the calendar.
fn plus(d: Date, n: i64) -> Date {
    d.checked_add(Duration::days(n))
        .unwrap_or(if n < 0 { Date::MIN } else { Date::MAX })
}

/// Inclusive day count of [a, b] (0 when b < a).
fn span(a: Date, b: Date) -> u32 {
    u32::try_from((b - a).whole_days() + 1).unwrap_or(0)
}

/// The last day a stay counts towards presence when its exit is unknown: through `to` while
/// it is open, through the end of its period when a later entry shows an unrecorded exit.
fn counted_end(stay: &Stay, to: Date) -> Option<Date> {
    let entry = stay.entry?;
    Some(match stay.exit {
        Some(x) => x,
        None if stay.flags.contains(&StayFlag::MissingExit) => {
            stay.period_until.unwrap_or(entry).max(entry)
        }
        None => to,
    })
}

/// Sorted, merged permit intervals.
fn merged_permits(permits: &[PermitSpan]) -> Vec<(Date, Date)> {
    let mut v: Vec<(Date, Date)> = permits
        .iter()
        .filter(|p| p.valid_from <= p.valid_to)
        .map(|p| (p.valid_from, p.valid_to))
        .collect();
    v.sort();
    let mut out: Vec<(Date, Date)> = Vec::with_capacity(v.len());
    for (a, b) in v {
        match out.last_mut() {
            Some(last) if a <= plus(last.1, 1) => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

fn present_days(stays: &[Stay], permits: &[(Date, Date)], from: Date, to: Date) -> u32 {
    // The union of the stays' days inside the window (a same-day exit and re-entry is one
    // day), less the days a permit covers.
    let mut spans: Vec<(Date, Date)> = stays
        .iter()
        .filter_map(|s| Some((s.entry?.max(from), counted_end(s, to)?.min(to))))
        .filter(|(a, b)| a <= b)
        .collect();
    spans.sort();
    let mut merged: Vec<(Date, Date)> = Vec::with_capacity(spans.len());
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let mut total = 0u32;
    for (a, b) in merged {
        let mut days = span(a, b);
        for &(pa, pb) in permits {
            let (x, y) = (pa.max(a), pb.min(b));
            if x <= y {
                days = days.saturating_sub(span(x, y));
            }
        }
        total += days;
    }
    total
}

/// Days present in [from, to] over `stays`, entry and exit days included, days covered by a
/// permit excluded.
pub fn days_present_in_window(stays: &[Stay], permits: &[PermitSpan], from: Date, to: Date) -> u32 {
    present_days(stays, &merged_permits(permits), from, to)
}

/// The end of a lawful period continued by permits that start no later than the day after it.
fn extend_by_permits(until: Date, permits: &[(Date, Date)]) -> Date {
    let mut until = until;
    for &(a, b) in permits {
        if a <= plus(until, 1) && b > until {
            until = b;
        }
    }
    until
}

struct Period {
    until: Date,
    rule_code: String,
    by_visa: bool,
    no_period: bool,
}

/// The period one entry grants under one nationality's rule.
fn period_for(
    nationality: &str,
    entry: Date,
    permitted_days: Option<u32>,
    prior: &[Stay],
    permits: &[(Date, Date)],
    policies: &StayPolicies,
) -> Option<Period> {
    let rule = policies.stay_rule(nationality, entry)?;
    if let Some(days) = permitted_days {
        return Some(Period {
            until: plus(entry, i64::from(days) - 1),
            rule_code: rule.code.clone(),
            by_visa: true,
            no_period: false,
        });
    }
    let until = match rule.limit {
        StayLimit::PerEntry { days } => plus(entry, i64::from(days) - 1),
        StayLimit::Rolling { days, window } => {
            // Walk forward from the entry until the days present in the window ending on
            // that day exceed the allowance; the day before is the last lawful one.
            let mut current = Stay {
                opened_by: 0,
                entry: Some(entry),
                exit: Some(entry),
                permitted_days: None,
                rule_code: None,
                by_visa: false,
                period_until: None,
                lawful_until: None,
                flags: Vec::new(),
            };
            // Only stays that can reach into a window ending within the horizon matter; a
            // frequent traveller's older stays are left out, so the walk stays short.
            let earliest = plus(entry, 1 - i64::from(window));
            let recent: Vec<Stay> = prior
                .iter()
                .filter(|s| counted_end(s, entry).is_some_and(|e| e >= earliest))
                .cloned()
                .collect();
            let prior = recent.as_slice();
            let horizon = i64::from(days) + i64::from(window);
            let mut last_lawful = plus(entry, -1);
            for k in 0..=horizon {
                let d = plus(entry, k);
                current.exit = Some(d);
                let from = plus(d, 1 - i64::from(window));
                let used = present_days(prior, permits, from, d)
                    + present_days(std::slice::from_ref(&current), permits, from, d);
                if used > days {
                    break;
                }
                last_lawful = d;
            }
            last_lawful
        }
    };
    Some(Period {
        until,
        rule_code: rule.code.clone(),
        by_visa: rule.visa_required,
        no_period: rule.visa_required,
    })
}

/// Pairs `movements` (in the order they happened) into stays and computes each stay's lawful
/// period under the most favourable rule among the person's nationalities.
pub fn build_stays(
    nationalities: &[String],
    movements: &[Movement],
    permits: &[PermitSpan],
    policies: &StayPolicies,
) -> Vec<Stay> {
    let merged = merged_permits(permits);
    let fallback = [String::new()];
    let nats: &[String] = if nationalities.is_empty() {
        &fallback
    } else {
        nationalities
    };
    let mut stays: Vec<Stay> = Vec::new();
    for (i, m) in movements.iter().enumerate() {
        match m.direction {
            Direction::Entry => {
                if let Some(open) = stays.last_mut()
                    && open.entry.is_some()
                    && open.exit.is_none()
                    && !open.flags.contains(&StayFlag::MissingExit)
                {
                    open.flags.push(StayFlag::MissingExit);
                }
                let best = nats
                    .iter()
                    .filter_map(|n| {
                        period_for(n, m.date, m.permitted_days, &stays, &merged, policies)
                    })
                    .max_by_key(|p| p.until);
                let mut flags = Vec::new();
                if best.as_ref().is_some_and(|p| p.no_period) {
                    flags.push(StayFlag::NoPermittedPeriod);
                }
                let period_until = best.as_ref().map(|p| p.until);
                stays.push(Stay {
                    opened_by: i,
                    entry: Some(m.date),
                    exit: None,
                    permitted_days: m.permitted_days,
                    rule_code: best.as_ref().map(|p| p.rule_code.clone()),
                    by_visa: best.as_ref().is_some_and(|p| p.by_visa),
                    period_until,
                    lawful_until: period_until.map(|u| extend_by_permits(u, &merged)),
                    flags,
                });
            }
            Direction::Exit => match stays.last_mut() {
                Some(open)
                    if open.entry.is_some()
                        && open.exit.is_none()
                        && !open.flags.contains(&StayFlag::MissingExit) =>
                {
                    open.exit = Some(m.date);
                }
                _ => stays.push(Stay {
                    opened_by: i,
                    entry: None,
                    exit: Some(m.date),
                    permitted_days: None,
                    rule_code: None,
                    by_visa: false,
                    period_until: None,
                    lawful_until: None,
                    flags: vec![StayFlag::ExitWithoutEntry],
                }),
            },
        }
    }
    stays
}

/// Whether `stay` is still open (entered, no exit, no later entry).
fn is_open(stay: &Stay) -> bool {
    stay.entry.is_some() && stay.exit.is_none() && !stay.flags.contains(&StayFlag::MissingExit)
}

/// Judges a person on `as_of`: only movements on or before that date count.
pub fn assess(input: &StayInput<'_>, as_of: Date, policies: &StayPolicies) -> StayAssessment {
    let upto: Vec<Movement> = input
        .movements
        .iter()
        .filter(|m| m.date <= as_of)
        .copied()
        .collect();
    let stays = build_stays(input.nationalities, &upto, input.permits, policies);
    let merged = merged_permits(input.permits);
    let last_entry = stays.iter().rev().find_map(|s| s.entry);
    let last_exit = stays.iter().filter_map(|s| s.exit).max();
    let mut flags: Vec<StayFlag> = stays.last().map(|s| s.flags.clone()).unwrap_or_default();
    if stays
        .iter()
        .any(|s| s.flags.contains(&StayFlag::ExitWithoutEntry))
        && !flags.contains(&StayFlag::ExitWithoutEntry)
    {
        flags.push(StayFlag::ExitWithoutEntry);
    }
    let mut out = StayAssessment {
        as_of,
        present: false,
        last_entry,
        last_exit,
        basis: StayBasis::NotPresent,
        rule_code: None,
        lawful_until: None,
        overstay_days: 0,
        window: None,
        registration: None,
        flags,
    };
    let Some(current) = stays.last().filter(|s| is_open(s)) else {
        return out;
    };
    let Some(entry) = current.entry else {
        return out;
    };
    out.present = true;
    out.rule_code = current.rule_code.clone();
    let covering = input
        .permits
        .iter()
        .filter(|p| p.valid_from <= as_of && as_of <= p.valid_to)
        .max_by_key(|p| p.valid_to);
    let stay_until = current.lawful_until.unwrap_or(plus(entry, -1));
    if let Some(p) = covering {
        out.basis = StayBasis::Permit {
            kind: p.kind.clone(),
            number: p.number.clone(),
        };
        out.lawful_until = Some(extend_by_permits(p.valid_to, &merged));
    } else if as_of <= stay_until {
        out.basis = if current.by_visa {
            StayBasis::Visa
        } else {
            StayBasis::VisaFree
        };
        out.lawful_until = Some(stay_until);
    } else if let Some(app) = input
        .pending
        .iter()
        .filter(|a| a.filed_on <= stay_until && a.filed_on <= as_of)
        .min_by_key(|a| a.filed_on)
    {
        out.basis = StayBasis::PendingApplication {
            kind: app.kind.clone(),
            filed_on: app.filed_on,
        };
    } else {
        out.basis = StayBasis::None;
        out.lawful_until = Some(stay_until);
        out.overstay_days = u32::try_from((as_of - stay_until).whole_days()).unwrap_or(0);
    }
    let fallback = [String::new()];
    let nats: &[String] = if input.nationalities.is_empty() {
        &fallback
    } else {
        input.nationalities
    };
    if let Some(code) = &current.rule_code
        && let Some(rule) = policies.stay_rules.iter().find(|r| &r.code == code)
        && let StayLimit::Rolling { days, window } = rule.limit
        && current.permitted_days.is_none()
    {
        out.window = Some(WindowUse {
            days_used: present_days(&stays, &merged, plus(as_of, 1 - i64::from(window)), as_of),
            days_allowed: days,
            window_days: window,
        });
    }
    if !matches!(out.basis, StayBasis::Permit { .. })
        && let Some(rule) = nats
            .iter()
            .filter_map(|n| policies.registration_rule(n, entry))
            .max_by_key(|r| r.stay_over_days)
    {
        let required = span(entry, as_of) > rule.stay_over_days;
        let deadline = plus(entry, i64::from(rule.register_within_days));
        let registered = input
            .registrations
            .iter()
            .any(|r| entry <= *r && *r <= as_of);
        out.registration = Some(RegistrationDue {
            rule_code: rule.code.clone(),
            required,
            deadline,
            registered,
            overdue: required && !registered && as_of > deadline,
        });
    }
    out
}
