//! The routes of every screen of the back office.

use super::dashboard::dashboard;
use super::{
    account, admin, admin_users, analytics, audit, cases, control, duplicates, inspections, login,
    persons,
};
use crate::AppState;
use axum::Router;
use axum::routing::{get, post};

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
