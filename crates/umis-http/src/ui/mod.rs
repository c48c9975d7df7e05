//! The server-rendered back office: page shell, navigation by role, error pages, security
//! headers, and the routes of every screen.

mod account;
mod admin;
mod admin_users;
mod analytics;
mod audit;
mod audit_details;
pub mod cases;
mod charts;
mod control;
mod duplicates;
mod error_page;
mod inspections;
mod login;
mod persons;
pub(crate) mod redirect;

pub(crate) use error_page::{not_found, render_errors, urlencode};

use crate::extract::{CurrentUser, request_lang};
use crate::i18n::Tr;
use crate::{AppState, UiError};
use askama::Template;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use umis_domain::{Lang, Permission, Role};
use umis_service::UserActor;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard))
        .route("/login", get(login::show).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/session/keepalive", post(login::keepalive))
        .route("/lang", post(login::switch_lang))
        .route("/account", get(account::show))
        .route("/account/totp/start", post(account::totp_start))
        .route("/account/totp/confirm", post(account::totp_confirm))
        .route("/account/totp/disable", post(account::totp_disable))
        .route("/account/password", post(account::change_password))
        .route("/admin/components", get(admin::components))
        .route(
            "/admin/users",
            get(admin_users::users).post(admin_users::create_user),
        )
        .route(
            "/admin/users/{username}/disable",
            post(admin_users::disable_user),
        )
        .route(
            "/admin/users/{username}/enable",
            post(admin_users::enable_user),
        )
        .route(
            "/admin/users/{username}/reset-mfa",
            post(admin_users::reset_mfa),
        )
        .route(
            "/admin/users/{username}/full-name",
            post(admin_users::set_full_name),
        )
        .route(
            "/admin/offices",
            get(admin::offices).post(admin::save_office),
        )
        .route(
            "/admin/tokens",
            get(admin::tokens).post(admin::create_token),
        )
        .route("/admin/tokens/{client}/revoke", post(admin::revoke_token))
        .route(
            "/admin/security",
            get(admin::security).post(admin::set_security),
        )
        .route("/audit", get(audit::search))
        .route("/persons", get(persons::list))
        .route("/persons/new", get(persons::new_form).post(persons::create))
        .route("/persons/new/mrz", post(persons::read_mrz))
        .route("/persons/{id}", get(persons::view))
        .route("/persons/{id}/documents", post(persons::add_document))
        .route("/persons/{id}/edit", post(persons::edit))
        .route("/persons/{id}/merge", post(persons::merge))
        .route("/persons/duplicates", get(duplicates::queue))
        .route("/persons/duplicates/{a}/{b}", get(duplicates::compare))
        .route("/persons/duplicates/{a}/{b}/merge", post(duplicates::merge))
        .route(
            "/persons/duplicates/{a}/{b}/dismiss",
            post(duplicates::dismiss),
        )
        .route(
            "/persons/duplicates/{a}/{b}/reopen",
            post(duplicates::reopen),
        )
        .route("/control/overstays", get(control::overstays))
        .route("/control/overstays.csv", get(control::overstays_csv))
        .route(
            "/control/registrations",
            get(control::overdue_registrations),
        )
        .route("/control/alerts", get(control::alerts))
        .route(
            "/control/inspections",
            get(inspections::list).post(inspections::plan),
        )
        .route("/control/inspections/{id}", get(inspections::view))
        .route(
            "/control/inspections/{id}/findings",
            post(inspections::add_finding),
        )
        .route(
            "/control/inspections/{id}/complete",
            post(inspections::complete),
        )
        .route(
            "/control/inspections/{id}/findings/{person}/{finding}/paid",
            post(inspections::fine_paid),
        )
        .route("/analytics", get(analytics::overview))
        .route("/analytics/explore", get(analytics::explore))
        .route("/analytics/export/{dataset}", get(analytics::export))
        .route(
            "/analytics/forecast",
            get(analytics::forecast).post(analytics::forecast_upload),
        )
        .route("/analytics/anomalies", get(analytics::anomalies))
        .route("/analytics/bulletin", get(analytics::bulletin))
        .route("/analytics/bulletin.pdf", get(analytics::bulletin_pdf))
        .route("/cases", get(cases::queue))
        .route("/cases/new", get(cases::new_form).post(cases::create))
        .route("/cases/{id}", get(cases::view))
        .route("/cases/{id}/act", post(cases::act))
        .route("/cases/{id}/assign", post(cases::assign))
        .route("/cases/{id}/permit", post(cases::change_permit))
        .route(
            "/cases/{id}/attachments",
            post(cases::upload).layer(axum::extract::DefaultBodyLimit::max(
                umis_service::MAX_ATTACHMENT_BYTES + 64 * 1024,
            )),
        )
        .route("/cases/{id}/attachments/{att}", get(cases::download))
        .route("/cases/{id}/checks/{check}/answer", post(cases::answer))
        .route("/cases/{id}/letter", get(cases::letter))
        .route("/cases/{id}/letter.pdf", get(cases::letter_pdf))
        .route("/admin/policy", get(cases::policy).post(cases::save_policy))
        .route("/admin/holidays", post(cases::save_holiday))
        .route("/admin/merges", get(duplicates::merges))
        .route("/admin/merges/{merged}/undo", post(duplicates::undo_merge))
}

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

/// What every page's shell needs.
#[derive(Debug, Clone)]
pub struct Page {
    /// Translator.
    pub tr: Tr,
    /// The officer, if logged in.
    pub user: Option<UserActor>,
    /// Anti-forgery token for forms on the page.
    pub csrf: String,
    /// Main navigation.
    pub nav: Vec<NavItem>,
    /// The page's path and query (where the language switch returns).
    pub path: String,
    /// Message key of the page title.
    pub title_key: &'static str,
    /// Seconds a session may stay idle (0 without a session): the page warns before the end.
    pub idle_seconds: i64,
}

impl Page {
    /// The shell for a logged-in officer on section `active`.
    pub fn for_user(
        cu: &CurrentUser,
        active: &'static str,
        title_key: &'static str,
        path: &str,
    ) -> Page {
        Page {
            tr: cu.tr,
            user: Some(cu.user.clone()),
            csrf: cu.csrf.clone(),
            nav: if cu.user.must_enrol_mfa {
                Vec::new()
            } else {
                nav_for(cu.user.role, active)
            },
            path: path.to_owned(),
            title_key,
            idle_seconds: cu.idle_seconds,
        }
    }

    /// The languages for the switch, with the current one marked.
    pub fn langs(&self) -> Vec<(&'static str, &'static str, bool)> {
        Lang::ALL
            .iter()
            .map(|l| (l.code(), l.endonym(), *l == self.tr.lang))
            .collect()
    }

    /// Message key of a section's one-line description.
    pub fn about_key(&self, nav_key: &str) -> String {
        format!("{nav_key}-about")
    }

    /// Message key of a scope's description (`persons:read` → `scope-persons-read`).
    pub fn scope_key(&self, scope: &str) -> String {
        format!("scope-{}", scope.replace([':', '_'], "-"))
    }

    /// Whether two values are equal (templates compare loop items with form values).
    pub fn same(&self, a: &str, b: &str) -> bool {
        a == b
    }

    /// Message key of a document type (`id_card` → `doc-type-id-card`).
    pub fn doc_type_key(&self, t: &str) -> String {
        format!("doc-type-{}", t.replace('_', "-"))
    }

    /// Message key of a role's name.
    pub fn role_key(&self, role: &str) -> String {
        format!("role-{}", role.replace('_', "-"))
    }
}

/// Renders a template into an HTML response.
pub(crate) fn render<T: Template>(t: &T) -> Result<Response, UiError> {
    match t.render() {
        Ok(html) => Ok(Html(html).into_response()),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            Err(UiError::Internal)
        }
    }
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    page: Page,
    office_name: String,
    /// System alerts, for administrators.
    alerts: Vec<umis_store::SystemAlert>,
    /// What needs the officer today.
    items: Vec<umis_service::HomeItem>,
}

impl DashboardPage {
    /// The message shown for a system alert of `kind`.
    fn alert_key(&self, kind: &str) -> &'static str {
        match kind {
            umis_service::ALERT_AUDIT_VERIFICATION_FAILED => "system-alert-audit-verification",
            umis_service::ALERT_AUDIT_CHECKPOINT_FAILED => "system-alert-audit-checkpoint",
            _ => "system-alert-other",
        }
    }
}

async fn dashboard(State(state): State<AppState>, cu: CurrentUser) -> Result<Response, UiError> {
    let office_name = state
        .services
        .list_offices()
        .await?
        .into_iter()
        .find(|o| o.code == cu.user.office_code)
        .map_or_else(|| cu.user.office_code.clone(), |o| o.name);
    let alerts = if cu.ctx.may(umis_domain::Permission::ManageSecurity) {
        state.services.system_alerts(&cu.ctx).await?
    } else {
        Vec::new()
    };
    let items = state.services.home(&cu.ctx).await?;
    let page = Page::for_user(&cu, "home", "nav-home", "/");
    render(&DashboardPage {
        page,
        office_name,
        alerts,
        items,
    })
}

/// Headers every response carries: a strict content security policy, no framing, no sniffing,
/// and no caching of pages that may hold personal data.
pub(crate) async fn security_headers(req: Request, next: Next) -> Response {
    let is_asset = req.uri().path().starts_with("/assets/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if !is_asset && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// Lets handlers that only need the language of an anonymous request share one helper.
pub(crate) fn anon_tr(state: &AppState, headers: &axum::http::HeaderMap) -> Tr {
    Tr::new(
        request_lang(headers),
        state.config.display_utc_offset_minutes,
    )
}
