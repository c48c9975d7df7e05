//! The HTTP methods UMIS serves: a closed set of metrics labels, and the refusal of every other
//! method before routing.

use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The methods UMIS serves; every other method is refused before routing.
const KNOWN_METHODS: [Method; 7] = [
    Method::GET,
    Method::HEAD,
    Method::POST,
    Method::PUT,
    Method::PATCH,
    Method::DELETE,
    Method::OPTIONS,
];

/// A metrics label for `method`: one of the served methods, or `other`.
pub(super) fn method_label(method: &Method) -> &'static str {
    KNOWN_METHODS
        .iter()
        .find(|m| *m == method)
        .map_or("other", Method::as_str)
}

/// Refuses a method no route serves with 405 before it reaches routing, metrics or logs (a
/// client-chosen method name is unbounded).
pub(crate) async fn refuse_unknown_methods(req: Request, next: Next) -> Response {
    if KNOWN_METHODS.contains(req.method()) {
        return next.run(req).await;
    }
    let mut res = if req.uri().path().starts_with("/api/") {
        crate::ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            "this endpoint does not accept that method",
        )
        .into_response()
    } else {
        (StatusCode::METHOD_NOT_ALLOWED, "method not allowed").into_response()
    };
    res.headers_mut().insert(
        header::ALLOW,
        header::HeaderValue::from_static("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_labels_are_a_closed_set() {
        assert_eq!(method_label(&Method::GET), "GET");
        assert_eq!(method_label(&Method::DELETE), "DELETE");
        let odd = Method::from_bytes(&[b'Q'; 4000]).expect("a token is a method");
        assert_eq!(method_label(&odd), "other");
        let connect = Method::CONNECT;
        assert_eq!(method_label(&connect), "other");
    }
}
