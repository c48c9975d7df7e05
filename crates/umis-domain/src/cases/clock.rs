//! Legal clocks and effective-dated case policy rules: decision deadlines counted in working
//! days, calendar days or months, stopped while the applicant is being waited for, and the
//! applicant-side windows (apply at least … before the current stay or permit ends).

use crate::calendar::WorkCalendar;
use crate::stay::PolicyStatus;
use time::{Date, Duration};

/// One effective-dated policy rule as stored: a code, its parameters and where they come from.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyRule {
    /// Stable code, e.g. `deadline.work_permit.urgent`.
    pub code: String,
    /// Parameters (JSON object), e.g. `{"unit":"working_days","n":10}`.
    pub params: serde_json::Value,
    /// First day in force.
    pub valid_from: Date,
    /// Last day in force, if it has ended.
    pub valid_to: Option<Date>,
    /// The legal text the values come from.
    pub legal_ref: String,
    /// Sourced from that text, or an assumption kept configurable.
    pub status: PolicyStatus,
}

impl PolicyRule {
    /// Whether the rule is in force on `on`.
    pub fn in_force(&self, on: Date) -> bool {
        self.valid_from <= on && self.valid_to.is_none_or(|to| on <= to)
    }

    /// Integer parameter `key`.
    pub fn int(&self, key: &str) -> Option<i64> {
        self.params.get(key).and_then(serde_json::Value::as_i64)
    }
}

/// The rules in force at any date: picks, per code, the rule whose validity covers the date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CasePolicies {
    /// All stored rules, any order.
    pub rules: Vec<PolicyRule>,
}

impl CasePolicies {
    /// The rule `code` in force on `on` (the latest-starting one if periods overlap).
    pub fn get(&self, code: &str, on: Date) -> Option<&PolicyRule> {
        self.rules
            .iter()
            .filter(|r| r.code == code && r.in_force(on))
            .max_by_key(|r| r.valid_from)
    }

    /// The clock rule `code` in force on `on`.
    pub fn clock(&self, code: &str, on: Date) -> Option<ClockRule> {
        self.get(code, on).and_then(ClockRule::from_rule)
    }
}

/// How a legal period is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockRule {
    /// `n` working days (weekends and public holidays skipped).
    WorkingDays(u32),
    /// `n` calendar days.
    CalendarDays(u32),
    /// `n` calendar months.
    Months(u32),
}

impl ClockRule {
    /// Reads `{"unit": "working_days"|"calendar_days"|"months", "n": N}`.
    pub fn from_rule(rule: &PolicyRule) -> Option<ClockRule> {
        let n = u32::try_from(rule.int("n")?).ok()?;
        match rule.params.get("unit")?.as_str()? {
            "working_days" => Some(ClockRule::WorkingDays(n)),
            "calendar_days" => Some(ClockRule::CalendarDays(n)),
            "months" => Some(ClockRule::Months(n)),
            _ => None,
        }
    }
}

/// A stretch of days on which the clock stood still: `from` (the day it stopped) through
/// `to` (the day before it ran again), both inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    /// First day stopped.
    pub from: Date,
    /// Last day stopped.
    pub to: Date,
}

fn paused(pauses: &[Pause], d: Date) -> bool {
    pauses.iter().any(|p| p.from <= d && d <= p.to)
}

/// Adds `months` calendar months to `d`, clamping to the month's last day (31 January + 1
/// month = 28 or 29 February).
pub fn add_months(d: Date, months: u32) -> Date {
    shift_months(d, i64::from(months)).unwrap_or(Date::MAX)
}

/// `d` moved by `delta` calendar months (either way), clamped to the month's last day.
pub fn shift_months(d: Date, delta: i64) -> Option<Date> {
    let total = i64::from(d.year()) * 12 + i64::from(u8::from(d.month())) - 1 + delta;
    let year = i32::try_from(total.div_euclid(12)).ok()?;
    let month = time::Month::try_from(u8::try_from(total.rem_euclid(12) + 1).ok()?).ok()?;
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, d.day().min(last)).ok()
}

/// The decision deadline of a case registered on `start` (the registration day is not
/// counted: the first counted day is the next one), skipping the days the clock was stopped.
/// A month rule ends on the same day of the month `n` months later, moved by the number of
/// stopped days; a working-day rule skips weekends, public holidays and stopped days.
pub fn deadline(rule: ClockRule, start: Date, pauses: &[Pause], calendar: &WorkCalendar) -> Date {
    let step = |d: Date| d.checked_add(Duration::days(1)).unwrap_or(Date::MAX);
    match rule {
        ClockRule::WorkingDays(n) | ClockRule::CalendarDays(n) => {
            let working = matches!(rule, ClockRule::WorkingDays(_));
            let mut d = start;
            let mut left = n;
            // A guard against absurd inputs: no legal period is longer than ten years.
            let mut guard = 3660 + pauses.len() * 3660;
            while left > 0 && guard > 0 {
                d = step(d);
                guard -= 1;
                if d == Date::MAX {
                    break;
                }
                if paused(pauses, d) || (working && !calendar.is_working_day(d)) {
                    continue;
                }
                left -= 1;
            }
            d
        }
        ClockRule::Months(n) => {
            let stopped: i64 = pauses
                .iter()
                .filter(|p| p.to > start)
                .map(|p| (p.to - p.from.max(step(start))).whole_days() + 1)
                .filter(|d| *d > 0)
                .sum();
            add_months(start, n)
                .checked_add(Duration::days(stopped))
                .unwrap_or(Date::MAX)
        }
    }
}

/// Working days from `from` (excluded) to `to` (included); negative when `to` is earlier.
pub fn working_days_between(from: Date, to: Date, calendar: &WorkCalendar) -> i64 {
    let (a, b, sign) = if to >= from {
        (from, to, 1)
    } else {
        (to, from, -1)
    };
    let mut n = 0;
    let mut d = a;
    let mut guard = 0;
    while d < b && guard < 40_000 {
        d = d.checked_add(Duration::days(1)).unwrap_or(Date::MAX);
        guard += 1;
        if calendar.is_working_day(d) {
            n += 1;
        }
    }
    n * sign
}

/// How a case stands against its deadline on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockStatus {
    /// The clock is stopped (awaiting the applicant).
    Stopped,
    /// More than `AT_RISK_WORKING_DAYS` working days left.
    OnTime,
    /// The deadline is near.
    AtRisk,
    /// The deadline has passed.
    Overdue,
}

/// Working days before the deadline from which a case counts as at risk.
pub const AT_RISK_WORKING_DAYS: i64 = 2;

impl ClockStatus {
    /// The status of a case due on `deadline` as seen on `today`.
    pub fn of(deadline: Option<Date>, today: Date, calendar: &WorkCalendar) -> ClockStatus {
        match deadline {
            None => ClockStatus::Stopped,
            Some(d) if d < today => ClockStatus::Overdue,
            Some(d) if working_days_between(today, d, calendar) <= AT_RISK_WORKING_DAYS => {
                ClockStatus::AtRisk
            }
            Some(_) => ClockStatus::OnTime,
        }
    }

    /// The stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            ClockStatus::Stopped => "stopped",
            ClockStatus::OnTime => "on_time",
            ClockStatus::AtRisk => "at_risk",
            ClockStatus::Overdue => "overdue",
        }
    }
}

/// The applicant-side window: an application filed on `filed` for a stay or permit ending on
/// `ends` is late when fewer than the rule's `days_before` days (or `months_before` months)
/// remain. Returns the last timely filing day when the filing is late.
pub fn late_filing(rule: &PolicyRule, filed: Date, ends: Date) -> Option<Date> {
    let last_day = if let Some(days) = rule.int("days_before") {
        ends.checked_sub(Duration::days(days))?
    } else if let Some(months) = rule.int("months_before") {
        shift_months(ends, -months)?
    } else {
        return None;
    };
    (filed > last_day).then_some(last_day)
}

/// The default case policy rules (what a fresh database is seeded with): deadlines, windows,
/// validity and eligibility thresholds, with their legal references and status.
pub fn default_rules() -> Vec<PolicyRule> {
    use serde_json::json;
    let from = Date::from_calendar_date(2013, time::Month::August, 1).unwrap_or(Date::MIN);
    let rule =
        |code: &str, params: serde_json::Value, legal: &str, status: PolicyStatus| PolicyRule {
            code: code.to_owned(),
            params,
            valid_from: from,
            valid_to: None,
            legal_ref: legal.to_owned(),
            status,
        };
    use PolicyStatus::{Sourced, Uncertain};
    vec![
        // The period in which an applicant may appeal a decision, counted from its date; the
        // decision letter states it and the portal's online appeal uses it.
        rule(
            "appeal.window",
            json!({"unit": "months", "n": 1}),
            "Administrative appeal against a decision (source to be confirmed)",
            Uncertain,
        ),
        rule(
            "deadline.stay_extension",
            json!({"unit": "working_days", "n": 3}),
            "Migration Code, art. 22 (R3)",
            Sourced,
        ),
        rule(
            "deadline.temporary_residence",
            json!({"unit": "working_days", "n": 20}),
            "Migration Code, art. 47 (R7)",
            Uncertain,
        ),
        rule(
            "deadline.permanent_residence",
            json!({"unit": "working_days", "n": 20}),
            "Migration Code, art. 48 (R12)",
            Uncertain,
        ),
        rule(
            "deadline.work_permit.standard",
            json!({"unit": "working_days", "n": 15}),
            "Migration Code, art. 63 (R16)",
            Sourced,
        ),
        rule(
            "deadline.work_permit.urgent",
            json!({"unit": "working_days", "n": 10}),
            "Migration Code, art. 63 (R16)",
            Sourced,
        ),
        rule(
            "deadline.immigrant_status",
            json!({"unit": "working_days", "n": 20}),
            "Migration Code, art. 49",
            Uncertain,
        ),
        rule(
            "deadline.citizenship",
            json!({"unit": "months", "n": 3}),
            "Law on citizenship, art. 20 (R13)",
            Uncertain,
        ),
        rule(
            "deadline.refugee_status",
            json!({"unit": "months", "n": 3}),
            "Law on the status of refugees, art. 7 (R23)",
            Sourced,
        ),
        rule(
            "window.stay_extension",
            json!({"days_before": 3}),
            "Migration Code, art. 22 (R3)",
            Sourced,
        ),
        rule(
            "window.temporary_residence",
            json!({"days_before": 30}),
            "Migration Code, art. 47 (R7)",
            Sourced,
        ),
        rule(
            "window.permanent_residence",
            json!({"months_before": 3}),
            "Migration Code, art. 48 (R12)",
            Sourced,
        ),
        rule(
            "validity.stay_extension",
            json!({"max_days": 90}),
            "Migration Code, art. 22 (R3)",
            Uncertain,
        ),
        rule(
            "validity.temporary_residence",
            json!({"max_months": 12, "extension_max_months": 24}),
            "Migration Code, art. 47 (R9)",
            Uncertain,
        ),
        rule(
            "validity.permanent_residence",
            json!({"years": 5}),
            "Migration Code, art. 48 (R12)",
            Sourced,
        ),
        rule(
            "validity.work_permit",
            json!({"max_months": 12}),
            "Migration Code, art. 62 (R15)",
            Sourced,
        ),
        rule(
            "validity.immigrant_status",
            json!({"years": 5}),
            "Migration Code, art. 49",
            Uncertain,
        ),
        rule(
            "validity.citizenship",
            json!({}),
            "Law on citizenship",
            Sourced,
        ),
        rule(
            "validity.refugee_status",
            json!({"years": 5}),
            "Law on the status of refugees (R23)",
            Uncertain,
        ),
        rule(
            "eligibility.passport_months_beyond",
            json!({"months": 3}),
            "Migration Code, art. 47.3 (R10)",
            Sourced,
        ),
        rule(
            "eligibility.prp_trp_years",
            json!({"years": 2}),
            "Migration Code, art. 48 (R12)",
            Sourced,
        ),
        rule(
            "eligibility.citizenship_prp_years",
            json!({"years": 5}),
            "Law on citizenship, art. 14 (R13)",
            Sourced,
        ),
        rule(
            "quota.work_permit",
            json!({"per_year": 15000}),
            "Cabinet of Ministers decision on the annual quota (R17)",
            Uncertain,
        ),
        rule(
            "check.deadline",
            json!({"unit": "working_days", "n": 5}),
            "Interagency exchange regulation",
            Uncertain,
        ),
    ]
}
