//! Roles of officers, scopes of agency API clients, and the permissions both are checked against.

use std::fmt;
use std::str::FromStr;

/// A value that is not one of an enumeration's known members.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} '{value}'; expected one of: {expected}")]
pub struct UnknownValue {
    /// What kind of value was expected (role, scope, language…).
    pub kind: &'static str,
    /// The value that was given.
    pub value: String,
    /// The accepted values, comma-separated.
    pub expected: String,
}

impl UnknownValue {
    pub(crate) fn new(kind: &'static str, value: &str, expected: &[&str]) -> Self {
        Self {
            kind,
            value: value.chars().take(64).collect(),
            expected: expected.join(", "),
        }
    }
}

/// An officer's role (domain.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Prepares cases.
    CaseOfficer,
    /// Senior officer who decides cases prepared by others.
    DecisionMaker,
    /// Runs inspections and enforcement.
    Inspector,
    /// Sees statistics and pseudonymised data only.
    Analyst,
    /// Reads the audit log.
    Auditor,
    /// Manages users, offices, policy rules and agency clients; no case content by default.
    Admin,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 6] = [
        Role::CaseOfficer,
        Role::DecisionMaker,
        Role::Inspector,
        Role::Analyst,
        Role::Auditor,
        Role::Admin,
    ];

    /// The stable machine name used in the database, CLI and API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::CaseOfficer => "case_officer",
            Role::DecisionMaker => "decision_maker",
            Role::Inspector => "inspector",
            Role::Analyst => "analyst",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
        }
    }

    /// Whether this role sees data of every office rather than only its own.
    pub fn has_national_scope(self) -> bool {
        matches!(self, Role::Analyst | Role::Auditor | Role::Admin)
    }

    /// Whether a user of this role may do what `permission` names.
    pub fn can(self, permission: Permission) -> bool {
        use Permission as P;
        use Role as R;
        match permission {
            P::ManageUsers
            | P::ManageApiClients
            | P::ManageSecurity
            | P::UndoMerge
            | P::ManagePolicy => self == R::Admin,
            P::ReadAudit => self == R::Auditor,
            P::ReadPersons | P::WritePersons | P::ReadApplications | P::WriteApplications => {
                matches!(self, R::CaseOfficer | R::DecisionMaker | R::Inspector)
            }
            P::Screen => matches!(self, R::CaseOfficer | R::DecisionMaker | R::Inspector),
            P::ManageWatchLists => matches!(self, R::DecisionMaker | R::Inspector),
            P::WriteBorderEvents | P::WriteStayRegistrations => {
                matches!(self, R::Inspector | R::CaseOfficer)
            }
            P::WriteExpulsions => matches!(self, R::Inspector | R::DecisionMaker),
            P::AnswerChecks => false,
            P::ReadStats => matches!(self, R::Analyst | R::DecisionMaker),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
                UnknownValue::new("role", s, &names)
            })
    }
}

/// A scope granted to a partner agency's API token, written `resource:action`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Read persons and their documents.
    PersonsRead,
    /// Create and change persons.
    PersonsWrite,
    /// Screen travellers against watch lists and read results.
    ScreeningRead,
    /// Send border entry and exit events.
    BorderEventsWrite,
    /// Register foreigners at their place of stay.
    StayRegistrationsWrite,
    /// Read applications and their status.
    ApplicationsRead,
    /// File and update applications.
    ApplicationsWrite,
    /// Answer interagency checks.
    ChecksAnswer,
    /// Read published statistics.
    StatsRead,
    /// Issue expulsion orders (the bodies that order them: MIA, courts).
    ExpulsionsWrite,
}

impl Scope {
    /// Every scope, in display order.
    pub const ALL: [Scope; 10] = [
        Scope::PersonsRead,
        Scope::PersonsWrite,
        Scope::ScreeningRead,
        Scope::BorderEventsWrite,
        Scope::StayRegistrationsWrite,
        Scope::ApplicationsRead,
        Scope::ApplicationsWrite,
        Scope::ChecksAnswer,
        Scope::StatsRead,
        Scope::ExpulsionsWrite,
    ];

    /// The stable `resource:action` name.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::PersonsRead => "persons:read",
            Scope::PersonsWrite => "persons:write",
            Scope::ScreeningRead => "screening:read",
            Scope::BorderEventsWrite => "border-events:write",
            Scope::StayRegistrationsWrite => "stay-registrations:write",
            Scope::ApplicationsRead => "applications:read",
            Scope::ApplicationsWrite => "applications:write",
            Scope::ChecksAnswer => "checks:answer",
            Scope::StatsRead => "stats:read",
            Scope::ExpulsionsWrite => "expulsions:write",
        }
    }

    /// What the scope allows, in one English sentence (for `--help` and docs).
    pub fn describe(self) -> &'static str {
        match self {
            Scope::PersonsRead => "read persons, identity documents and status",
            Scope::PersonsWrite => "create and update persons",
            Scope::ScreeningRead => "screen travellers against watch lists and entry bans",
            Scope::BorderEventsWrite => "send border entry/exit events",
            Scope::StayRegistrationsWrite => "register foreigners at their place of stay",
            Scope::ApplicationsRead => "read applications and decisions",
            Scope::ApplicationsWrite => "file and update applications",
            Scope::ChecksAnswer => "answer interagency checks",
            Scope::ExpulsionsWrite => "issue expulsion orders and the entry bans they carry",
            Scope::StatsRead => "read statistics",
        }
    }

    /// The scope an API client needs for `permission`, if clients may have it at all.
    pub fn for_permission(permission: Permission) -> Option<Scope> {
        use Permission as P;
        Some(match permission {
            P::ReadPersons => Scope::PersonsRead,
            P::WritePersons => Scope::PersonsWrite,
            P::Screen => Scope::ScreeningRead,
            P::WriteBorderEvents => Scope::BorderEventsWrite,
            P::WriteStayRegistrations => Scope::StayRegistrationsWrite,
            P::ReadApplications => Scope::ApplicationsRead,
            P::WriteApplications => Scope::ApplicationsWrite,
            P::AnswerChecks => Scope::ChecksAnswer,
            P::ReadStats => Scope::StatsRead,
            P::WriteExpulsions => Scope::ExpulsionsWrite,
            P::ManageUsers
            | P::ManageApiClients
            | P::ManageSecurity
            | P::ReadAudit
            | P::UndoMerge
            | P::ManagePolicy
            | P::ManageWatchLists => {
                return None;
            }
        })
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Scope {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Scope::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Scope::ALL.iter().map(|r| r.as_str()).collect();
                UnknownValue::new("scope", s, &names)
            })
    }
}

/// A set of scopes, stored and printed as an alphabetically sorted comma-separated list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopeSet(Vec<Scope>);

impl ScopeSet {
    /// Parses `S1,S2`; whitespace around names is ignored, an unknown or missing name is an error.
    pub fn parse(list: &str) -> Result<Self, UnknownValue> {
        let mut scopes = Vec::new();
        for part in list.split(',') {
            let part = part.trim();
            let scope: Scope = part.parse()?;
            if !scopes.contains(&scope) {
                scopes.push(scope);
            }
        }
        scopes.sort_by_key(|s| s.as_str());
        Ok(Self(scopes))
    }

    /// Whether the set holds `scope`.
    pub fn contains(&self, scope: Scope) -> bool {
        self.0.contains(&scope)
    }

    /// The scopes, sorted.
    pub fn iter(&self) -> impl Iterator<Item = Scope> + '_ {
        self.0.iter().copied()
    }
}

impl fmt::Display for ScopeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.0.iter().map(|s| s.as_str()).collect();
        f.write_str(&names.join(","))
    }
}

/// Something an actor may be allowed to do; checked in the service layer for users and clients alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Create, disable and list officer accounts.
    ManageUsers,
    /// Issue and revoke partner agency API tokens.
    ManageApiClients,
    /// Change security settings such as mandatory second factor per role.
    ManageSecurity,
    /// Read the audit log.
    ReadAudit,
    /// Read persons.
    ReadPersons,
    /// Create or change persons.
    WritePersons,
    /// Screen travellers.
    Screen,
    /// Record border events.
    WriteBorderEvents,
    /// Record stay registrations.
    WriteStayRegistrations,
    /// Read applications.
    ReadApplications,
    /// Write applications.
    WriteApplications,
    /// Answer interagency checks.
    AnswerChecks,
    /// Read statistics.
    ReadStats,
    /// Undo a merge of two person records.
    UndoMerge,
    /// Add and lift watch-list entries such as entry bans.
    ManageWatchLists,
    /// Order expulsions (with their entry bans) and record their outcome.
    WriteExpulsions,
    /// Edit the effective-dated policy rules and the holiday calendar.
    ManagePolicy,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_unknown_is_refused() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        let err = "superuser".parse::<Role>().unwrap_err();
        assert_eq!(err.kind, "role");
        assert!(err.expected.contains("decision_maker"));
    }

    #[test]
    fn scope_sets_parse_sort_and_reject_unknown() {
        let set = ScopeSet::parse("stats:read, persons:read,persons:read").unwrap();
        assert_eq!(set.to_string(), "persons:read,stats:read");
        assert!(set.contains(Scope::PersonsRead));
        assert!(!set.contains(Scope::PersonsWrite));
        assert!(ScopeSet::parse("persons:delete").is_err());
        assert!(ScopeSet::parse("").is_err());
        assert!(ScopeSet::parse("persons:read,").is_err());
    }

    #[test]
    fn permission_table_follows_domain_roles() {
        // Admin manages but cannot read case content; auditor only reads the log.
        assert!(Role::Admin.can(Permission::ManageUsers));
        assert!(!Role::Admin.can(Permission::ReadPersons));
        assert!(!Role::Admin.can(Permission::ReadAudit));
        assert!(Role::Auditor.can(Permission::ReadAudit));
        assert!(!Role::Auditor.can(Permission::ReadPersons));
        assert!(!Role::Analyst.can(Permission::ReadPersons));
        assert!(Role::Analyst.can(Permission::ReadStats));
        assert!(Role::CaseOfficer.can(Permission::ReadPersons));
        assert!(!Role::CaseOfficer.can(Permission::ManageUsers));
        assert_eq!(
            Scope::for_permission(Permission::WritePersons),
            Some(Scope::PersonsWrite)
        );
        assert_eq!(Scope::for_permission(Permission::ManageUsers), None);
    }
}

/// How long logins stay refused after the `failures`-th consecutive failure, in seconds:
/// none for the first three, then a delay that doubles (1, 2, 4 … 64 s), and a 15-minute
/// lockout from the tenth failure on.
pub fn login_delay_secs(failures: i32) -> Option<i64> {
    match failures {
        i32::MIN..=2 => None,
        3..=9 => Some(1_i64 << (failures - 3)),
        _ => Some(LOCKOUT_SECS),
    }
}

/// The temporary lockout after ten consecutive failed logins.
pub const LOCKOUT_SECS: i64 = 15 * 60;

#[cfg(test)]
mod throttle_tests {
    use super::*;

    #[test]
    fn delays_grow_then_lock() {
        let table = [
            (0, None),
            (1, None),
            (2, None),
            (3, Some(1)),
            (4, Some(2)),
            (9, Some(64)),
            (10, Some(900)),
            (50, Some(900)),
        ];
        for (n, want) in table {
            assert_eq!(login_delay_secs(n), want, "after {n} failures");
        }
    }
}
