//! The tracing span of one request, carrying ids and never personal data.

use axum::extract::{MatchedPath, Request};

/// The span of one request: method, route template and request id; no query strings, which may
/// hold names.
pub(crate) fn make_span(req: &Request) -> tracing::Span {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| req.uri().path().to_owned(), |m| m.as_str().to_owned());
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|id| {
            id.len() <= 64
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .unwrap_or("invalid");
    tracing::info_span!("request", method = %req.method(), route = %route, request_id = %request_id)
}
