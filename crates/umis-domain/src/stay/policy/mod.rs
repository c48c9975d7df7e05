//! Effective-dated stay policies: how long a foreigner may stay without a permit (R1) and when
//! a registration at the place of stay is due (R4), per nationality group.

mod defaults;

use time::Date;

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

impl StayPolicies {
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
