//! Effective-dated stay policies: how long a foreigner may stay without a permit (R1) and when
//! a registration at the place of stay is due (R4), per nationality group.

use time::{Date, Month};

/// How a stay period is limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StayLimit {
    /// At most `days` days from each entry (the entry day is day 1).
    PerEntry {
        /// Days allowed per entry.
        days: u32,
    },
    /// At most `days` days present in any `window`-day window ending on the day judged
    /// (entry and exit days both count; days under a permit do not).
    Rolling {
        /// Days allowed in the window.
        days: u32,
        /// Window length in days.
        window: u32,
    },
}

/// Whether a policy value comes from a cited legal text or is a configurable assumption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyStatus {
    /// Taken from the cited legal reference.
    Sourced,
    /// An assumption kept configurable until confirmed.
    Uncertain,
}

impl PolicyStatus {
    /// The stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyStatus::Sourced => "sourced",
            PolicyStatus::Uncertain => "uncertain",
        }
    }
}

/// One effective-dated stay rule for a group of nationalities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StayRule {
    /// Stable code, cited in assessments (e.g. `R1-cis-90`).
    pub code: String,
    /// ICAO nationality codes the rule applies to; empty for the fallback rule.
    pub nationalities: Vec<String>,
    /// Whether the group needs a visa or e-visa: the entry's `permitted_days` then sets the
    /// period, and `limit` applies only when an entry carries none.
    pub visa_required: bool,
    /// The limit on a stay without a permit.
    pub limit: StayLimit,
    /// First day the rule is in force.
    pub valid_from: Date,
    /// Last day the rule is in force, if it has ended.
    pub valid_to: Option<Date>,
    /// The legal text the values come from.
    pub legal_ref: String,
    /// Sourced or uncertain.
    pub status: PolicyStatus,
}

/// One effective-dated registration rule (R4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationRule {
    /// Stable code.
    pub code: String,
    /// ICAO nationality codes the rule applies to; empty for the fallback rule.
    pub nationalities: Vec<String>,
    /// A stay longer than this many days must be registered.
    pub stay_over_days: u32,
    /// The registration is due within this many days after arrival.
    pub register_within_days: u32,
    /// First day the rule is in force.
    pub valid_from: Date,
    /// Last day the rule is in force, if it has ended.
    pub valid_to: Option<Date>,
    /// The legal text the values come from.
    pub legal_ref: String,
    /// Sourced or uncertain.
    pub status: PolicyStatus,
}

/// The stay and registration rules in force, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StayPolicies {
    /// Stay-period rules.
    pub stay_rules: Vec<StayRule>,
    /// Registration rules.
    pub registration_rules: Vec<RegistrationRule>,
}

fn in_force(from: Date, to: Option<Date>, on: Date) -> bool {
    from <= on && to.is_none_or(|t| on <= t)
}

fn date(y: i32, m: Month, d: u8) -> Date {
    Date::from_calendar_date(y, m, d).unwrap_or(Date::MIN)
}

/// Visa-free for 90 days per entry (R1): CIS states and Georgia.
const CIS_VISA_FREE: &[&str] = &[
    "BLR", "GEO", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UKR", "UZB",
];

impl StayPolicies {
    /// The default rules: R1 (90 days per entry for the CIS group, 90 in any 180 days for
    /// Türkiye, a visa for everyone else — 30 days when an entry carries no period) and R4
    /// (register a stay over 15 days within 15 days; Kazakhstan 30/30).
    pub fn defaults() -> StayPolicies {
        let since = date(2013, Month::January, 1);
        let rule = |code: &str, nats: &[&str], visa: bool, limit, legal: &str, status| StayRule {
            code: code.into(),
            nationalities: nats.iter().map(|s| (*s).to_owned()).collect(),
            visa_required: visa,
            limit,
            valid_from: since,
            valid_to: None,
            legal_ref: legal.into(),
            status,
        };
        let reg = |code: &str, nats: &[&str], over, within, status| RegistrationRule {
            code: code.into(),
            nationalities: nats.iter().map(|s| (*s).to_owned()).collect(),
            stay_over_days: over,
            register_within_days: within,
            valid_from: since,
            valid_to: None,
            legal_ref: "Migration Code, art. 20 (R4)".into(),
            status,
        };
        StayPolicies {
            stay_rules: vec![
                rule(
                    "R1-cis-90",
                    CIS_VISA_FREE,
                    false,
                    StayLimit::PerEntry { days: 90 },
                    "Migration Code, art. 18; bilateral visa-free agreements (R1)",
                    PolicyStatus::Uncertain,
                ),
                rule(
                    "R1-tur-90-180",
                    &["TUR"],
                    false,
                    StayLimit::Rolling {
                        days: 90,
                        window: 180,
                    },
                    "Visa-free agreement with Türkiye (R1)",
                    PolicyStatus::Uncertain,
                ),
                rule(
                    "R1-visa-30",
                    &[],
                    true,
                    StayLimit::PerEntry { days: 30 },
                    "Migration Code, art. 18; single-entry e-visa period (R1)",
                    PolicyStatus::Uncertain,
                ),
            ],
            registration_rules: vec![
                reg("R4-kaz-30", &["KAZ"], 30, 30, PolicyStatus::Sourced),
                reg("R4-15", &[], 15, 15, PolicyStatus::Sourced),
            ],
        }
    }

    /// The stay rule for a national of `nationality` on `on`: a rule naming the nationality,
    /// else the fallback rule in force.
    pub fn stay_rule(&self, nationality: &str, on: Date) -> Option<&StayRule> {
        pick(&self.stay_rules, nationality, on, |r| {
            (&r.nationalities, r.valid_from, r.valid_to)
        })
    }

    /// The registration rule for a national of `nationality` on `on`.
    pub fn registration_rule(&self, nationality: &str, on: Date) -> Option<&RegistrationRule> {
        pick(&self.registration_rules, nationality, on, |r| {
            (&r.nationalities, r.valid_from, r.valid_to)
        })
    }
}

fn pick<'a, T>(
    rules: &'a [T],
    nationality: &str,
    on: Date,
    key: impl Fn(&T) -> (&Vec<String>, Date, Option<Date>),
) -> Option<&'a T> {
    let live = |r: &&T| {
        let (_, from, to) = key(r);
        in_force(from, to, on)
    };
    rules
        .iter()
        .filter(live)
        .find(|r| key(r).0.iter().any(|n| n == nationality))
        .or_else(|| rules.iter().filter(live).find(|r| key(r).0.is_empty()))
}
