//! The shell every page shares (language, officer, navigation, anti-forgery token), and the
//! rendering of a page into an HTML response.

use super::{NavItem, nav_for};
use crate::UiError;
use crate::extract::CurrentUser;
use crate::i18n::Tr;
use askama::Template;
use axum::response::{Html, IntoResponse, Response};
use umis_domain::Lang;
use umis_service::UserActor;

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
