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
mod dashboard;
mod duplicates;
mod error_page;
mod inspections;
mod login;
mod nav;
mod page;
mod persons;
pub(crate) mod redirect;
mod routes;
mod security_headers;

pub(crate) use error_page::{not_found, render_errors, urlencode};
pub use nav::{NavItem, nav_for};
pub use page::Page;
pub(crate) use page::render;
pub(crate) use routes::routes;
pub(crate) use security_headers::security_headers;

use crate::AppState;
use crate::extract::request_lang;
use crate::i18n::Tr;

/// Lets handlers that only need the language of an anonymous request share one helper.
pub(crate) fn anon_tr(state: &AppState, headers: &axum::http::HeaderMap) -> Tr {
    Tr::new(
        request_lang(headers),
        state.config.display_utc_offset_minutes,
    )
}
