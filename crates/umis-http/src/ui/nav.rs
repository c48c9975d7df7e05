//! The main navigation: every section of the back office, and the sections each role sees.

use umis_domain::{Permission, Role};

/// One entry of the main navigation.
#[derive(Debug, Clone)]
pub struct NavItem {
    /// Stable id (also the `data-nav` attribute tests look for).
    pub id: &'static str,
    /// Link target.
    pub href: &'static str,
    /// Message key of the label.
    pub key: &'static str,
    /// Whether this is the current section.
    pub active: bool,
}

/// Every section of the back office and the permission it needs (`None`: every officer).
/// Capabilities add their sections here; the menu of each role follows from the permissions.
const SECTIONS: &[(&str, &str, &str, Option<Permission>)] = &[
    ("home", "/", "nav-home", None),
    (
        "persons",
        "/persons",
        "nav-persons",
        Some(Permission::ReadPersons),
    ),
    (
        "duplicates",
        "/persons/duplicates",
        "nav-duplicates",
        Some(Permission::ReadPersons),
    ),
    (
        "cases",
        "/cases",
        "nav-cases",
        Some(Permission::ReadApplications),
    ),
    (
        "overstays",
        "/control/overstays",
        "nav-overstays",
        Some(Permission::ReadPersons),
    ),
    (
        "registrations",
        "/control/registrations",
        "nav-registrations",
        Some(Permission::ReadPersons),
    ),
    (
        "alerts",
        "/control/alerts",
        "nav-alerts",
        Some(Permission::ReadPersons),
    ),
    (
        "inspections",
        "/control/inspections",
        "nav-inspections",
        Some(Permission::ReadPersons),
    ),
    (
        "analytics",
        "/analytics",
        "nav-analytics",
        Some(Permission::ReadStats),
    ),
    (
        "users",
        "/admin/users",
        "nav-users",
        Some(Permission::ManageUsers),
    ),
    (
        "offices",
        "/admin/offices",
        "nav-offices",
        Some(Permission::ManageUsers),
    ),
    (
        "tokens",
        "/admin/tokens",
        "nav-tokens",
        Some(Permission::ManageApiClients),
    ),
    (
        "security",
        "/admin/security",
        "nav-security",
        Some(Permission::ManageSecurity),
    ),
    (
        "policy",
        "/admin/policy",
        "nav-policy",
        Some(Permission::ManagePolicy),
    ),
    (
        "merges",
        "/admin/merges",
        "nav-merges",
        Some(Permission::UndoMerge),
    ),
    ("audit", "/audit", "nav-audit", Some(Permission::ReadAudit)),
    ("account", "/account", "nav-account", None),
];

/// The navigation a role sees.
pub fn nav_for(role: Role, active: &str) -> Vec<NavItem> {
    SECTIONS
        .iter()
        .filter(|(_, _, _, p)| p.is_none_or(|p| role.can(p)))
        .map(|&(id, href, key, _)| NavItem {
            id,
            href,
            key,
            active: id == active,
        })
        .collect()
}
