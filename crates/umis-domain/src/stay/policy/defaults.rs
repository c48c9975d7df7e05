//! The default stay and registration rules (R1, R4) as data, in force since 2013.

use super::{PolicyStatus, RegistrationRule, StayLimit, StayPolicies, StayRule};
use time::{Date, Month};

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
}
