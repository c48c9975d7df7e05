//! UMIS over HTTP: the REST API under `/api/v1` (JSON, problem+json errors, bearer tokens with
//! scopes, OpenAPI) and the server-rendered back office (sessions, CSRF, three languages).

pub mod api;
mod assets;
pub mod countries;
mod error;
mod extract;
pub mod i18n;
mod ops;
use umis_render::pdf;
pub mod serve;
mod ui;

/// Error codes the case screens explain in the officer's language (`case-error-…` messages).
pub use ui::cases::TRANSLATED_ERRORS as CASE_ERROR_CODES;

pub use error::{ApiError, UiError};
pub use serve::{ListenerLimits, serve};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use std::sync::Arc;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use umis_service::Services;

/// HTTP settings.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Mark cookies `Secure` (set when UMIS is served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// Largest accepted request body, in bytes.
    pub max_body_bytes: usize,
    /// Longest a request may take before it is answered with 408.
    pub request_timeout: Duration,
    /// Minutes east of UTC in which the UI shows times (Baku: 240).
    pub display_utc_offset_minutes: i32,
    /// Trust `X-Forwarded-For` for the client address (only behind a known proxy).
    pub trust_forwarded_for: bool,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            max_body_bytes: 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            display_utc_offset_minutes: 240,
            trust_forwarded_for: false,
        }
    }
}

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The use cases.
    pub services: Services,
    /// HTTP settings.
    pub config: Arc<HttpConfig>,
}

/// The whole application: UI, API, assets and operations endpoints, with their middleware.
pub fn router(services: Services, config: HttpConfig) -> Router {
    let max_body = config.max_body_bytes;
    let timeout = config.request_timeout;
    let state = AppState {
        services,
        config: Arc::new(config),
    };
    Router::new()
        .merge(ui::routes())
        .nest("/api/v1", api::routes())
        .merge(ops::routes())
        .merge(assets::routes())
        .route_layer(axum::middleware::from_fn(ops::track_metrics))
        .fallback(ui::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            ui::render_errors,
        ))
        .with_state(state)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(CatchPanicLayer::custom(error::panic_response))
        .layer(axum::middleware::from_fn(error::problem_bodies))
        .layer(axum::middleware::from_fn(ui::security_headers))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(ops::make_span))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(axum::middleware::from_fn(ops::refuse_unknown_methods))
}
