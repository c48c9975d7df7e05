//! Worked examples for the case clocks and the workflow, and property tests over random
//! action sequences.

use super::*;
use crate::auth::Role;
use crate::calendar::WorkCalendar;
use proptest::prelude::*;
use time::{Date, Month};

fn d(y: i32, m: Month, day: u8) -> Date {
    Date::from_calendar_date(y, m, day).unwrap_or(Date::MIN)
}

fn officer(name: &str, role: Role) -> Who {
    Who::Officer {
        name: name.into(),
        role,
    }
}

#[test]
fn working_day_deadline_skips_weekends_holidays_and_pauses() {
    let cal = WorkCalendar::azerbaijan(2026, 2027);
    // Registered Friday 6 November 2026; 3 working days: Mon 9 Nov is a holiday, so Tue 10,
    // Wed 11, Thu 12.
    let start = d(2026, Month::November, 6);
    assert_eq!(
        deadline(ClockRule::WorkingDays(3), start, &[], &cal),
        d(2026, Month::November, 12)
    );
    // Stopped Tue 10 to Wed 11 (inclusive): the two days do not count.
    let pause = Pause {
        from: d(2026, Month::November, 10),
        to: d(2026, Month::November, 11),
    };
    assert_eq!(
        deadline(ClockRule::WorkingDays(3), start, &[pause], &cal),
        d(2026, Month::November, 16)
    );
    // Across the New Year: registered Wed 30 Dec 2026, 15 working days.
    assert_eq!(
        deadline(
            ClockRule::WorkingDays(15),
            d(2026, Month::December, 30),
            &[],
            &cal
        ),
        d(2027, Month::January, 22)
    );
    assert_eq!(
        deadline(ClockRule::CalendarDays(10), start, &[pause], &cal),
        d(2026, Month::November, 18)
    );
}

#[test]
fn month_deadlines_clamp_at_month_end_and_move_by_stopped_days() {
    let cal = WorkCalendar::default();
    assert_eq!(
        deadline(
            ClockRule::Months(3),
            d(2026, Month::November, 30),
            &[],
            &cal
        ),
        d(2027, Month::February, 28)
    );
    // Leap year.
    assert_eq!(
        deadline(ClockRule::Months(1), d(2028, Month::January, 31), &[], &cal),
        d(2028, Month::February, 29)
    );
    let pause = Pause {
        from: d(2026, Month::December, 1),
        to: d(2026, Month::December, 10),
    };
    assert_eq!(
        deadline(
            ClockRule::Months(3),
            d(2026, Month::November, 30),
            &[pause],
            &cal
        ),
        d(2027, Month::March, 10)
    );
    assert_eq!(
        shift_months(d(2026, Month::May, 31), -3),
        Some(d(2026, Month::February, 28))
    );
}

#[test]
fn applicant_windows_warn_about_late_filings() {
    let rules = CasePolicies {
        rules: default_rules(),
    };
    let on = d(2026, Month::December, 2);
    let ext = rules.get("window.stay_extension", on).cloned();
    let ext = ext
        .as_ref()
        .map(|r| late_filing(r, on, d(2026, Month::December, 4)));
    // A stay ending 4 December: the last timely day was 1 December.
    assert_eq!(ext, Some(Some(d(2026, Month::December, 1))));
    let prp = rules.get("window.permanent_residence", on);
    assert_eq!(
        prp.map(|r| late_filing(r, on, d(2027, Month::March, 2))),
        Some(None)
    );
    assert_eq!(
        prp.map(|r| late_filing(r, on, d(2027, Month::March, 1))),
        Some(Some(d(2026, Month::December, 1)))
    );
}

#[test]
fn rules_are_picked_by_the_date_they_judge() {
    let mut rules = CasePolicies {
        rules: default_rules(),
    };
    let mut newer = rules
        .get("deadline.stay_extension", d(2026, Month::January, 1))
        .cloned()
        .unwrap_or_else(|| default_rules().remove(0));
    newer.valid_from = d(2027, Month::January, 1);
    newer.params = serde_json::json!({"unit": "working_days", "n": 5});
    rules.rules.push(newer);
    assert_eq!(
        rules.clock("deadline.stay_extension", d(2026, Month::December, 31)),
        Some(ClockRule::WorkingDays(3))
    );
    assert_eq!(
        rules.clock("deadline.stay_extension", d(2027, Month::January, 1)),
        Some(ClockRule::WorkingDays(5))
    );
    // Every type's deadline, window and validity rule exists.
    for t in TYPES {
        let on = d(2026, Month::June, 1);
        for tier in [None, Some("standard"), Some("urgent")] {
            if tier.is_some() && !t.fee_tiers {
                continue;
            }
            assert!(
                rules.clock(&t.deadline_rule_for(tier), on).is_some(),
                "{}",
                t.code
            );
        }
        assert!(rules.get(t.validity_rule, on).is_some(), "{}", t.code);
        if let Some(w) = t.window_rule {
            assert!(rules.get(w, on).is_some(), "{w}");
        }
    }
}

#[test]
fn clock_status_marks_risk_and_overdue() {
    let cal = WorkCalendar::azerbaijan(2026, 2026);
    let today = d(2026, Month::December, 2);
    assert_eq!(ClockStatus::of(None, today, &cal), ClockStatus::Stopped);
    assert_eq!(
        ClockStatus::of(Some(d(2026, Month::December, 1)), today, &cal),
        ClockStatus::Overdue
    );
    assert_eq!(
        ClockStatus::of(Some(d(2026, Month::December, 4)), today, &cal),
        ClockStatus::AtRisk
    );
    assert_eq!(
        ClockStatus::of(Some(d(2026, Month::December, 14)), today, &cal),
        ClockStatus::OnTime
    );
}

#[test]
fn form_fields_are_checked_against_the_type() {
    let spec = AppType::WorkPermit.spec();
    let ok = serde_json::json!({
        "employer_name": "Bakı Tikinti MMC", "employer_tax_id": "1700123451",
        "position": "engineer", "contract_until": "2027-06-30", "fee_tier": "urgent",
        "requested_months": 12
    });
    let fields = ok.as_object().cloned().unwrap_or_default();
    assert!(spec.validate_fields(&fields).is_ok());
    let mut bad = fields.clone();
    bad.insert("fee_tier".into(), "express".into());
    assert_eq!(
        spec.validate_fields(&bad).map_err(|e| e.code),
        Err("unknown_value")
    );
    let mut bad = fields.clone();
    bad.insert("requested_months".into(), 13.into());
    assert_eq!(
        spec.validate_fields(&bad).map_err(|e| e.code),
        Err("out_of_range")
    );
    let mut bad = fields.clone();
    bad.remove("position");
    assert_eq!(
        spec.validate_fields(&bad).map_err(|e| e.field),
        Err("position".into())
    );
    let mut bad = fields;
    bad.insert("salary".into(), 1.into());
    assert_eq!(
        spec.validate_fields(&bad).map_err(|e| e.code),
        Err("unknown_field")
    );
    assert_eq!(
        "residence"
            .parse::<AppType>()
            .map_err(|e| e.to_string().contains("temporary_residence")),
        Err(true)
    );
}

#[test]
fn a_case_runs_to_an_issued_permit_under_four_eyes() {
    let ann = officer("ann", Role::CaseOfficer);
    let dan = officer("dan", Role::DecisionMaker);
    let eve = officer("eve", Role::DecisionMaker);
    let front = Who::Client {
        name: "e-gov".into(),
    };
    let mut case = Case::new(AppType::TemporaryResidence);
    case.missing_documents = vec!["photo".into()];
    case = apply(&case, &front, &Action::Plain(ActionKind::Submit)).unwrap_or(case);
    assert_eq!(case.state, State::Submitted);
    // A client cannot register; documents must be complete first.
    assert!(matches!(
        apply(&case, &front, &Action::Plain(ActionKind::Register)),
        Err(WorkflowError::NotPermitted { .. })
    ));
    assert_eq!(
        apply(&case, &ann, &Action::Plain(ActionKind::Register)).map_err(|e| e.code()),
        Err("missing_documents")
    );
    case.missing_documents.clear();
    for a in [ActionKind::Register, ActionKind::StartReview] {
        case = apply(&case, &ann, &Action::Plain(a)).unwrap_or(case);
    }
    case = apply(&case, &ann, &Action::RequestChecks { n: 2 }).unwrap_or(case);
    assert_eq!(case.state, State::AwaitingChecks);
    let proposal = Action::Propose {
        outcome: Outcome::Approve,
        ground: "highly_qualified".into(),
    };
    assert_eq!(
        apply(&case, &ann, &proposal).map_err(|e| e.code()),
        Err("checks_pending")
    );
    case.pending_checks = 0;
    // An approval ground of another type, or a refusal without a refusal ground, is refused.
    let wrong = Action::Propose {
        outcome: Outcome::Refuse,
        ground: "highly_qualified".into(),
    };
    assert_eq!(
        apply(&case, &ann, &wrong).map_err(|e| e.code()),
        Err("unknown_ground")
    );
    case = apply(&case, &ann, &proposal).unwrap_or(case);
    assert_eq!(case.state, State::Proposed);
    // The preparer cannot decide, even as a decision maker; another decision maker can.
    let ann_dm = officer("ann", Role::DecisionMaker);
    assert!(matches!(
        apply(&case, &ann_dm, &Action::Plain(ActionKind::Decide)),
        Err(WorkflowError::FourEyes { .. })
    ));
    assert!(matches!(
        apply(&case, &ann, &Action::Plain(ActionKind::Decide)),
        Err(WorkflowError::NotPermitted { .. })
    ));
    case = apply(&case, &dan, &Action::Plain(ActionKind::Decide)).unwrap_or(case);
    assert_eq!(case.decided_by.as_deref(), Some("dan"));
    assert_eq!(
        apply(&case, &front, &Action::Plain(ActionKind::LodgeAppeal)).map_err(|e| e.code()),
        Err("not_refused")
    );
    assert_eq!(
        apply(&case, &ann, &Action::Plain(ActionKind::Close)).map_err(|e| e.code()),
        Err("not_issued")
    );
    case = apply(&case, &ann, &Action::Plain(ActionKind::Issue)).unwrap_or(case);
    case = apply(&case, &ann, &Action::Plain(ActionKind::Close)).unwrap_or(case);
    assert_eq!(case.state, State::Closed);
    assert!(allowed(&case, &eve).is_empty());
}

#[test]
fn a_refusal_is_appealed_and_overturned_by_a_new_decider() {
    let ann = officer("ann", Role::CaseOfficer);
    let dan = officer("dan", Role::DecisionMaker);
    let eve = officer("eve", Role::DecisionMaker);
    let mut case = Case::new(AppType::RefugeeStatus);
    case.state = State::UnderReview;
    case.preparers = vec!["ann".into()];
    let refuse = Action::Propose {
        outcome: Outcome::Refuse,
        ground: "exclusion_clause".into(),
    };
    case = apply(&case, &ann, &refuse).unwrap_or(case);
    case = apply(&case, &dan, &Action::Plain(ActionKind::Decide)).unwrap_or(case);
    case = apply(&case, &ann, &Action::Plain(ActionKind::Close)).unwrap_or(case);
    assert_eq!(case.state, State::Closed);
    case = apply(&case, &ann, &Action::Plain(ActionKind::LodgeAppeal)).unwrap_or(case);
    assert_eq!(case.state, State::AppealLodged);
    // The original decider does not hear the appeal.
    assert!(matches!(
        apply(&case, &dan, &Action::Plain(ActionKind::OverturnDecision)),
        Err(WorkflowError::FourEyes { .. })
    ));
    case = apply(&case, &eve, &Action::Plain(ActionKind::OverturnDecision)).unwrap_or(case);
    assert_eq!(case.state, State::UnderReview);
    assert_eq!(case.outcome, None);
    assert_eq!(
        apply(&case, &ann, &Action::Plain(ActionKind::LodgeAppeal)).map_err(|e| e.code()),
        Err("illegal_transition")
    );
}

fn who_strategy() -> impl Strategy<Value = Who> {
    prop_oneof![
        Just(officer("ann", Role::CaseOfficer)),
        Just(officer("bob", Role::CaseOfficer)),
        Just(officer("dan", Role::DecisionMaker)),
        Just(officer("eve", Role::DecisionMaker)),
        Just(officer("ivy", Role::Inspector)),
        Just(Who::Client {
            name: "e-gov".into()
        }),
    ]
}

fn action_strategy() -> impl Strategy<Value = Action> {
    prop_oneof![
        (0..ActionKind::ALL.len()).prop_map(|i| Action::Plain(ActionKind::ALL[i])),
        (0..3u32).prop_map(|n| Action::RequestChecks { n }),
        (any::<bool>(), 0..4usize).prop_map(|(approve, g)| Action::Propose {
            outcome: if approve {
                Outcome::Approve
            } else {
                Outcome::Refuse
            },
            ground: ["highly_qualified", "security_threat", "study", "nonsense"][g].into(),
        }),
        Just(Action::Plain(ActionKind::Submit)),
    ]
}

/// The invariants no sequence of actions may break.
fn consistent(c: &Case) -> Result<(), String> {
    let decided = matches!(c.state, State::Decided | State::Issued | State::Closed);
    if decided && (c.outcome.is_none() || c.decided_by.is_none()) {
        return Err(format!("{:?} without a decision", c.state));
    }
    if c.state == State::Proposed && (c.outcome.is_none() || c.proposed_by.is_none()) {
        return Err("proposed without a proposal".into());
    }
    if let Some(dm) = &c.decided_by
        && (c.preparers.contains(dm) || c.proposed_by.as_deref() == Some(dm.as_str()))
    {
        return Err(format!("{dm} prepared and decided"));
    }
    if c.outcome.is_some() && c.ground.is_none() {
        return Err("an outcome without a ground".into());
    }
    if c.permit_issued && c.outcome != Some(Outcome::Approve) {
        return Err("a permit without an approval".into());
    }
    if c.state == State::Issued && !c.permit_issued {
        return Err("issued without a permit".into());
    }
    if c.state == State::AppealLodged && c.outcome != Some(Outcome::Refuse) {
        return Err("an appeal against something other than a refusal".into());
    }
    if c.appeals > 1 {
        return Err("appealed twice".into());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_action_sequence_reaches_an_inconsistent_case(
        t in 0..TYPES.len(),
        steps in proptest::collection::vec((who_strategy(), action_strategy(), any::<bool>()), 1..60)
    ) {
        let mut case = Case::new(TYPES[t].app_type);
        for (who, action, answer_checks) in steps {
            // `allowed` agrees with `check`, and the engine never moves on a refused action.
            let listed = allowed(&case, &who).contains(&action.kind());
            if let Ok(next) = apply(&case, &who, &action) {
                prop_assert!(listed, "{:?} applied but not listed", action);
                prop_assert_eq!(next.state, transition(action.kind()).to);
                case = next;
            } else if let Action::Plain(k) = action
                && !matches!(k, ActionKind::Propose | ActionKind::RequestChecks)
            {
                // Only a bad payload may refuse a listed action.
                prop_assert!(!listed, "{:?} listed but refused", action);
            }
            if answer_checks {
                case.pending_checks = 0;
            }
            if let Err(e) = consistent(&case) {
                prop_assert!(false, "{} after {:?} by {:?}", e, action, who);
            }
        }
    }

    #[test]
    fn deadlines_never_come_before_the_start_and_grow_with_pauses(
        start in 0i64..3000, n in 0u32..120, pause_at in 0i64..60, pause_len in 0i64..30
    ) {
        let cal = WorkCalendar::azerbaijan(2024, 2036);
        let base = d(2025, Month::January, 1);
        let start = base.checked_add(time::Duration::days(start)).unwrap_or(base);
        let from = start.checked_add(time::Duration::days(pause_at + 1)).unwrap_or(start);
        let pause = Pause { from, to: from.checked_add(time::Duration::days(pause_len)).unwrap_or(from) };
        for rule in [ClockRule::WorkingDays(n), ClockRule::CalendarDays(n), ClockRule::Months(n % 12)] {
            let plain = deadline(rule, start, &[], &cal);
            let stopped = deadline(rule, start, &[pause], &cal);
            prop_assert!(plain >= start);
            prop_assert!(stopped >= plain);
        }
    }
}
