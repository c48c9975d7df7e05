//! Worked dates for the stay rules: month ends, leap years, windows crossing a year.

use super::*;
use proptest::prelude::*;
use time::{Date, Month};

fn d(s: &str) -> Date {
    let p: Vec<u32> = s.split('-').map(|x| x.parse().unwrap_or(0)).collect();
    let month = Month::try_from(u8::try_from(p[1]).unwrap_or(1)).unwrap_or(Month::January);
    Date::from_calendar_date(i32::try_from(p[0]).unwrap_or(2000), month, p[2] as u8)
        .unwrap_or(Date::MIN)
}

fn entry(s: &str) -> Movement {
    Movement {
        date: d(s),
        direction: Direction::Entry,
        permitted_days: None,
    }
}

fn entry_for(s: &str, days: u32) -> Movement {
    Movement {
        permitted_days: Some(days),
        ..entry(s)
    }
}

fn exit(s: &str) -> Movement {
    Movement {
        date: d(s),
        direction: Direction::Exit,
        permitted_days: None,
    }
}

fn nats(n: &[&str]) -> Vec<String> {
    n.iter().map(|s| (*s).to_owned()).collect()
}

fn judge(nationalities: &[&str], movements: &[Movement], as_of: &str) -> StayAssessment {
    let n = nats(nationalities);
    let input = StayInput {
        nationalities: &n,
        movements,
        ..Default::default()
    };
    assess(&input, d(as_of), &StayPolicies::defaults())
}

#[test]
fn per_entry_period_counts_the_entry_day_as_day_one() {
    // (nationality, entry, last lawful day): 90 days for the CIS group.
    let cases = [
        ("RUS", "2026-01-01", "2026-03-31"),
        ("RUS", "2024-02-01", "2024-04-30"), // leap year: February has 29 days
        ("RUS", "2025-02-01", "2025-05-01"),
        ("KAZ", "2026-11-15", "2027-02-12"), // crosses the year
        ("UZB", "2026-01-31", "2026-04-30"), // from a month end
    ];
    for (nat, from, until) in cases {
        let m = [entry(from)];
        let on_last = judge(&[nat], &m, until);
        assert_eq!(on_last.basis, StayBasis::VisaFree, "{nat} {from}");
        assert_eq!(on_last.lawful_until, Some(d(until)), "{nat} {from}");
        assert_eq!(on_last.overstay_days, 0);
        let next = (d(until) + time::Duration::days(1)).to_string();
        let after = judge(&[nat], &m, &next);
        assert_eq!(after.basis, StayBasis::None, "{nat} {from}");
        assert_eq!(after.overstay_days, 1, "{nat} {from}");
    }
}

#[test]
fn permitted_days_on_the_entry_set_the_period() {
    // A visa national with a 30-day e-visa entering on 20 December: lawful through 18 January.
    let m = [entry_for("2026-12-20", 30)];
    let a = judge(&["IND"], &m, "2027-01-18");
    assert_eq!(a.basis, StayBasis::Visa);
    assert_eq!(a.lawful_until, Some(d("2027-01-18")));
    let b = judge(&["IND"], &m, "2027-02-02");
    assert_eq!(b.overstay_days, 15);
    // Permitted days also override a visa-free period.
    let c = judge(&["RUS"], &[entry_for("2026-01-01", 10)], "2026-01-11");
    assert_eq!(c.overstay_days, 1);
    assert!(c.flags.is_empty());
}

#[test]
fn a_visa_national_without_a_recorded_period_gets_the_fallback_and_a_flag() {
    let a = judge(&["IND"], &[entry("2026-03-01")], "2026-03-30");
    assert_eq!(a.basis, StayBasis::Visa);
    assert_eq!(a.lawful_until, Some(d("2026-03-30")));
    assert_eq!(a.flags, vec![StayFlag::NoPermittedPeriod]);
}

#[test]
fn rolling_window_counts_earlier_stays_in_the_window() {
    // 60 days (1 Jan – 1 Mar), back on 1 April: 30 days left.
    let m = [entry("2026-01-01"), exit("2026-03-01"), entry("2026-04-01")];
    let a = judge(&["TUR"], &m, "2026-04-30");
    assert_eq!(a.lawful_until, Some(d("2026-04-30")));
    assert_eq!(
        a.window,
        Some(WindowUse {
            days_used: 90,
            days_allowed: 90,
            window_days: 180
        })
    );
    let b = judge(&["TUR"], &m, "2026-05-01");
    assert_eq!(b.basis, StayBasis::None);
    assert_eq!(b.overstay_days, 1);
}

#[test]
fn rolling_window_frees_days_as_earlier_stays_leave_it() {
    // 90 days (1 Oct – 29 Dec 2025). Back on 1 March 2026: the window still holds all 90,
    // so the entry day itself is an overstay.
    let full = [entry("2025-10-01"), exit("2025-12-29"), entry("2026-03-01")];
    let a = judge(&["TUR"], &full, "2026-03-01");
    assert_eq!(a.basis, StayBasis::None);
    assert_eq!(a.lawful_until, Some(d("2026-02-28")));
    assert_eq!(a.overstay_days, 1);
    // Back on 1 April: 87 days of the old stay remain in the window and one leaves it each
    // day the new stay adds one, until the old stay is out on 27 June; 90 days are reached
    // on 29 June.
    let later = [entry("2025-10-01"), exit("2025-12-29"), entry("2026-04-01")];
    let b = judge(&["TUR"], &later, "2026-06-29");
    assert_eq!(b.lawful_until, Some(d("2026-06-29")));
    assert_eq!(b.basis, StayBasis::VisaFree);
    assert_eq!(b.window.map(|w| w.days_used), Some(90));
    assert_eq!(judge(&["TUR"], &later, "2026-06-30").overstay_days, 1);
    assert_eq!(
        judge(&["TUR"], &later, "2026-05-01")
            .window
            .map(|w| w.days_used),
        Some(88)
    );
}

#[test]
fn entry_and_exit_days_both_count_in_the_window() {
    let stays = build_stays(
        &nats(&["TUR"]),
        &[
            entry("2026-01-10"),
            exit("2026-01-10"),
            entry("2026-01-12"),
            exit("2026-01-13"),
        ],
        &[],
        &StayPolicies::defaults(),
    );
    assert_eq!(
        days_present_in_window(&stays, &[], d("2026-01-01"), d("2026-01-31")),
        3
    );
    // Leaving and coming back on the same day is one day present, not two.
    let same_day = build_stays(
        &nats(&["TUR"]),
        &[
            entry("2026-01-10"),
            exit("2026-01-12"),
            entry("2026-01-12"),
            exit("2026-01-13"),
        ],
        &[],
        &StayPolicies::defaults(),
    );
    assert_eq!(
        days_present_in_window(&same_day, &[], d("2026-01-01"), d("2026-01-31")),
        4
    );
    // The window bounds are inclusive.
    assert_eq!(
        days_present_in_window(&stays, &[], d("2026-01-13"), d("2026-01-13")),
        1
    );
}

#[test]
fn presence_follows_the_last_movement_on_or_before_the_date() {
    let m = [entry("2026-05-01"), exit("2026-05-20")];
    assert!(judge(&["RUS"], &m, "2026-05-01").present);
    assert!(judge(&["RUS"], &m, "2026-05-19").present);
    let gone = judge(&["RUS"], &m, "2026-05-20");
    assert!(!gone.present);
    assert_eq!(gone.basis, StayBasis::NotPresent);
    assert_eq!(gone.last_exit, Some(d("2026-05-20")));
    assert!(!judge(&["RUS"], &m, "2026-04-30").present);
}

#[test]
fn unpaired_movements_are_flagged_not_rejected() {
    let a = judge(&["RUS"], &[exit("2026-02-01")], "2026-02-10");
    assert!(!a.present);
    assert_eq!(a.flags, vec![StayFlag::ExitWithoutEntry]);
    let m = [entry("2026-01-01"), entry("2026-06-01")];
    let stays = build_stays(&nats(&["RUS"]), &m, &[], &StayPolicies::defaults());
    assert_eq!(stays[0].flags, vec![StayFlag::MissingExit]);
    let b = judge(&["RUS"], &m, "2026-06-10");
    assert!(b.present);
    assert_eq!(b.last_entry, Some(d("2026-06-01")));
    assert_eq!(b.lawful_until, Some(d("2026-08-29")));
}

#[test]
fn a_permit_continues_the_stay_and_its_end_starts_an_overstay() {
    let n = nats(&["RUS"]);
    let m = [entry("2026-01-01")];
    let permits = [PermitSpan {
        kind: "temporary_residence".into(),
        number: "TRP-1".into(),
        valid_from: d("2026-03-15"),
        valid_to: d("2027-03-14"),
    }];
    let input = StayInput {
        nationalities: &n,
        movements: &m,
        permits: &permits,
        ..Default::default()
    };
    let p = StayPolicies::defaults();
    let a = assess(&input, d("2026-06-01"), &p);
    assert_eq!(a.basis.as_str(), "permit");
    assert_eq!(a.lawful_until, Some(d("2027-03-14")));
    assert_eq!(a.registration, None);
    let b = assess(&input, d("2027-03-20"), &p);
    assert_eq!(b.basis, StayBasis::None);
    assert_eq!(b.overstay_days, 6);
    // Days under the permit do not count towards a rolling allowance.
    let stays = build_stays(&n, &m, &permits, &p);
    assert_eq!(stays[0].lawful_until, Some(d("2027-03-14")));
    assert_eq!(
        days_present_in_window(&stays, &permits, d("2026-03-01"), d("2026-03-31")),
        14
    );
}

#[test]
fn a_timely_application_keeps_the_stay_lawful_and_a_late_one_does_not() {
    let n = nats(&["RUS"]);
    let m = [entry("2026-01-01")];
    let p = StayPolicies::defaults();
    let timely = [PendingApplication {
        kind: "stay_extension".into(),
        filed_on: d("2026-03-28"),
    }];
    let input = StayInput {
        nationalities: &n,
        movements: &m,
        pending: &timely,
        ..Default::default()
    };
    let a = assess(&input, d("2026-04-10"), &p);
    assert_eq!(a.basis.as_str(), "pending_application");
    assert_eq!(a.lawful_until, None);
    assert_eq!(a.overstay_days, 0);
    let late = [PendingApplication {
        kind: "stay_extension".into(),
        filed_on: d("2026-04-02"),
    }];
    let input = StayInput {
        pending: &late,
        ..input
    };
    assert_eq!(assess(&input, d("2026-04-10"), &p).overstay_days, 10);
}

#[test]
fn registration_is_due_after_fifteen_days_and_thirty_for_kazakhstan() {
    let m = [entry("2026-01-01")];
    let r = |nat: &str, on: &str| judge(&[nat], &m, on).registration;
    let day15 = r("RUS", "2026-01-15").map(|x| x.required);
    assert_eq!(day15, Some(false));
    let day16 = r("RUS", "2026-01-16");
    assert_eq!(
        day16.as_ref().map(|x| (x.required, x.overdue)),
        Some((true, false))
    );
    assert_eq!(day16.map(|x| x.deadline), Some(d("2026-01-16")));
    assert_eq!(r("RUS", "2026-01-17").map(|x| x.overdue), Some(true));
    assert_eq!(r("KAZ", "2026-01-20").map(|x| x.required), Some(false));
    assert_eq!(r("KAZ", "2026-02-01").map(|x| x.overdue), Some(true));
    let n = nats(&["RUS"]);
    let reg = [d("2026-01-05")];
    let input = StayInput {
        nationalities: &n,
        movements: &m,
        registrations: &reg,
        ..Default::default()
    };
    let a = assess(&input, d("2026-02-01"), &StayPolicies::defaults());
    assert_eq!(
        a.registration.map(|x| (x.registered, x.overdue)),
        Some((true, false))
    );
}

#[test]
fn the_most_favourable_nationality_applies() {
    let a = judge(&["IND", "RUS"], &[entry("2026-01-01")], "2026-02-15");
    assert_eq!(a.basis, StayBasis::VisaFree);
    assert_eq!(a.rule_code.as_deref(), Some("R1-cis-90"));
}

#[test]
fn rules_are_judged_at_the_entry_date() {
    let mut p = StayPolicies::defaults();
    let mut newer = p.stay_rules[0].clone();
    p.stay_rules[0].valid_to = Some(d("2026-06-30"));
    newer.code = "R1-cis-60".into();
    newer.limit = StayLimit::PerEntry { days: 60 };
    newer.valid_from = d("2026-07-01");
    p.stay_rules.insert(0, newer);
    let n = nats(&["RUS"]);
    let before = [entry("2026-06-30")];
    let after = [entry("2026-07-01")];
    let at = |m: &[Movement]| {
        let input = StayInput {
            nationalities: &n,
            movements: m,
            ..Default::default()
        };
        assess(&input, d("2026-08-31"), &p)
    };
    assert_eq!(at(&before).rule_code.as_deref(), Some("R1-cis-90"));
    assert_eq!(at(&before).lawful_until, Some(d("2026-09-27")));
    assert_eq!(at(&after).rule_code.as_deref(), Some("R1-cis-60"));
    assert_eq!(at(&after).lawful_until, Some(d("2026-08-29")));
}

fn movement() -> impl Strategy<Value = Movement> {
    (0i64..800, any::<bool>(), proptest::option::of(0u32..400)).prop_map(|(k, e, pd)| Movement {
        date: d("2025-01-01") + time::Duration::days(k),
        direction: if e { Direction::Entry } else { Direction::Exit },
        permitted_days: pd,
    })
}

proptest! {
    #[test]
    fn assessments_are_consistent(
        mut moves in proptest::collection::vec(movement(), 0..12),
        nat in prop::sample::select(vec!["RUS", "TUR", "IND", "KAZ"]),
        k in 0i64..900,
    ) {
        moves.sort_by_key(|m| m.date);
        let as_of = d("2025-01-01") + time::Duration::days(k);
        let a = judge(&[nat], &moves, &as_of.to_string());
        prop_assert_eq!(a.overstay_days > 0, a.basis == StayBasis::None);
        if a.present {
            prop_assert!(a.last_entry.is_some_and(|e| e <= as_of));
        } else {
            prop_assert_eq!(&a.basis, &StayBasis::NotPresent);
        }
        if let (Some(until), StayBasis::None) = (a.lawful_until, &a.basis) {
            prop_assert!(until < as_of);
        }
        if let Some(w) = a.window {
            prop_assert!(w.days_used <= w.window_days);
        }
    }
}

#[test]
fn a_daily_commuter_uses_up_a_rolling_allowance_and_old_trips_do_not_count() {
    // Day trips every day for 400 days: every day of the last 180 is a day present.
    let start = d("2025-01-01");
    let mut m = Vec::new();
    for k in 0..400 {
        let day = (start + time::Duration::days(k)).to_string();
        m.push(entry(&day));
        m.push(exit(&day));
    }
    let next = (start + time::Duration::days(400)).to_string();
    m.push(entry(&next));
    let a = judge(&["TUR"], &m, &next);
    assert_eq!(a.basis, StayBasis::None);
    assert_eq!(a.window.map(|w| w.days_used), Some(180));
    // The same traveller after a 180-day pause has the whole allowance again.
    let later = (start + time::Duration::days(400 + 180)).to_string();
    m.push(exit(&next));
    m.push(entry(&later));
    let b = judge(&["TUR"], &m, &later);
    assert_eq!(b.basis, StayBasis::VisaFree);
    assert_eq!(b.lawful_until, Some(d(&later) + time::Duration::days(89)));
}
