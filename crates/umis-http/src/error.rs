//! Errors as HTTP answers: `application/problem+json` (RFC 9457) with a stable `code` for the
//! API, a translated page for the UI. 5xx bodies are generic; causes go to the log.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use umis_service::{ServiceError, reason};

/// A problem detail for the API.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI reference naming the problem type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short, stable summary of the problem type.
    pub title: String,
    /// HTTP status.
    pub status: u16,
    /// What went wrong this time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Stable machine-readable code, e.g. `invalid_token` or `missing_scope`.
    pub code: String,
    /// Field-level errors, for validation problems.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// One invalid field.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// The field.
    pub field: String,
    /// Stable code.
    pub code: String,
    /// What is wrong.
    pub message: String,
}

/// An API error answer.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    problem: Box<Problem>,
    www_authenticate: bool,
    retry_after: Option<u64>,
}

impl ApiError {
    /// A problem with `status`, stable `code`, and `detail`.
    pub fn new(status: StatusCode, code: &str, detail: impl Into<String>) -> Self {
        ApiError {
            status,
            problem: Box::new(Problem {
                kind: format!("/api/v1/problems/{code}"),
                title: status.canonical_reason().unwrap_or("Error").to_owned(),
                status: status.as_u16(),
                detail: Some(detail.into()),
                code: code.to_owned(),
                errors: Vec::new(),
            }),
            www_authenticate: status == StatusCode::UNAUTHORIZED,
            retry_after: None,
        }
    }

    /// The stable code.
    pub fn code(&self) -> &str {
        &self.problem.code
    }

    /// The same problem under a more specific stable `code` (its type follows).
    pub fn with_code(mut self, code: &str) -> Self {
        self.problem.kind = format!("/api/v1/problems/{code}");
        self.problem.code = code.to_owned();
        self
    }

    /// The same problem telling the client to retry after `seconds` (`Retry-After`).
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::Validation {
                field,
                message,
                code,
            } => {
                let mut err = ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation_failed",
                    &message,
                );
                err.problem.errors.push(FieldError {
                    field: field.to_owned(),
                    code: code.to_owned(),
                    message,
                });
                err
            }
            ServiceError::Unauthenticated(why) => {
                let code = match why {
                    reason::TOKEN_REVOKED => "token_revoked",
                    reason::TOKEN_EXPIRED => "token_expired",
                    _ => "invalid_token",
                };
                ApiError::new(StatusCode::UNAUTHORIZED, code, why)
            }
            ServiceError::Locked { .. } => ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "locked",
                "too many failed attempts; try again later",
            ),
            ServiceError::SecondFactor => ApiError::new(
                StatusCode::UNAUTHORIZED,
                "second_factor_required",
                "a valid one-time code is required",
            ),
            ServiceError::Forbidden(why) => ApiError::new(StatusCode::FORBIDDEN, "forbidden", why),
            ServiceError::MissingScope(scope) => ApiError::new(
                StatusCode::FORBIDDEN,
                "missing_scope",
                format!("the token lacks scope '{scope}'"),
            ),
            ServiceError::NotFound => {
                ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such resource")
            }
            ServiceError::Conflict(m) => ApiError::new(StatusCode::CONFLICT, "conflict", m),
            ServiceError::Refused { code, message } => {
                ApiError::new(StatusCode::CONFLICT, code, message)
            }
            ServiceError::TooLarge { code, message } => {
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, code, message)
            }
            ServiceError::Busy { retry_after_secs } => ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                format!("too many requests of this kind at once; retry in {retry_after_secs} s"),
            )
            .retry_after(retry_after_secs),
            ServiceError::Unavailable { code, message } => {
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, code, message)
            }
            ServiceError::NotImplemented(what) => ApiError::new(
                StatusCode::NOT_IMPLEMENTED,
                "not_implemented",
                format!("{what} is not available in this version"),
            ),
            ServiceError::Internal(cause) => {
                tracing::error!(%cause, "internal error answering an API request");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal_error",
                    "an internal error occurred; it has been logged",
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = (self.status, Json(self.problem)).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if self.www_authenticate {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"umis\""),
            );
        }
        if let Some(seconds) = self.retry_after {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        res
    }
}

/// A UI error: rendered as a translated page by [`crate::ui`].
#[derive(Debug)]
pub enum UiError {
    /// 400 with a message key.
    BadRequest(&'static str),
    /// 403: the role may not see this.
    Forbidden,
    /// 403: the anti-forgery check failed.
    Csrf,
    /// 404.
    NotFound,
    /// 409 with a detail.
    Conflict(String),
    /// 413.
    TooLarge,
    /// 500; the cause is logged.
    Internal,
    /// The officer must enrol a second factor before anything else.
    MustEnrolMfa,
    /// Not logged in: go to the login page, then back to `next`.
    Login {
        /// Where to return after login.
        next: String,
        /// The request carried a session that has ended (expired, logged out elsewhere).
        expired: bool,
    },
}

impl From<ServiceError> for UiError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::Forbidden(_) | ServiceError::MissingScope(_) => UiError::Forbidden,
            ServiceError::NotFound => UiError::NotFound,
            ServiceError::Conflict(m) | ServiceError::Refused { message: m, .. } => {
                UiError::Conflict(m)
            }
            ServiceError::Unauthenticated(_) | ServiceError::SecondFactor => UiError::Login {
                next: "/".into(),
                expired: false,
            },
            ServiceError::Validation { .. } | ServiceError::Locked { .. } => {
                UiError::BadRequest("error-bad-request")
            }
            ServiceError::NotImplemented(_) => UiError::NotFound,
            ServiceError::TooLarge { .. } => UiError::TooLarge,
            ServiceError::Busy { .. } => UiError::BadRequest("error-busy"),
            ServiceError::Unavailable { .. } => UiError::BadRequest("error-out-of-time"),
            ServiceError::Internal(cause) => {
                tracing::error!(%cause, "internal error answering a page request");
                UiError::Internal
            }
        }
    }
}

/// The answer to a handler that panicked: a generic 500, never the panic message.
pub(crate) fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    let body = r#"{"type":"/api/v1/problems/internal_error","title":"Internal Server Error","status":500,"code":"internal_error","detail":"an internal error occurred; it has been logged"}"#;
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body,
    )
        .into_response()
}

/// Gives every API error answer the problem+json shape: those produced without a body by
/// middleware (time limit, body limit) and the plain-text rejections of extractors (a path
/// parameter that does not parse, bad UTF-8, an oversized or malformed body).
pub(crate) async fn problem_bodies(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let status = res.status();
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if !is_api || status.as_u16() < 400 || is_problem {
        return res;
    }
    let (code, generic) = match status {
        StatusCode::BAD_REQUEST => ("invalid_parameter", "the request is malformed"),
        StatusCode::NOT_FOUND => ("not_found", "no such resource"),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "this endpoint does not accept that method",
        ),
        StatusCode::REQUEST_TIMEOUT => ("request_timeout", "the request took too long"),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "payload_too_large",
            "the request body is larger than the server accepts",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            "the body's content type is not accepted",
        ),
        StatusCode::UNPROCESSABLE_ENTITY => ("invalid_body", "the body is invalid"),
        s if s.is_server_error() => (
            "internal_error",
            "an internal error occurred; it has been logged",
        ),
        _ => ("error", "the request could not be served"),
    };
    // An extractor's own words say what was wrong (never a server fault's).
    let detail = if status.is_client_error() {
        let bytes = axum::body::to_bytes(res.into_body(), 4096)
            .await
            .unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes).trim().to_owned();
        if text.is_empty() || text.len() > 1000 {
            generic.to_owned()
        } else {
            text
        }
    } else {
        generic.to_owned()
    };
    ApiError::new(status, code, detail).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::routing::get;
    use tower::ServiceExt;

    async fn answer(path: &str, status: StatusCode) -> Response {
        let app = Router::new()
            .route("/api/v1/slow", get(move || async move { status }))
            .route("/slow", get(move || async move { status }))
            .layer(axum::middleware::from_fn(problem_bodies));
        let req = axum::http::Request::get(path).body(Body::empty());
        match req {
            Ok(req) => app.oneshot(req).await.unwrap_or_else(|e| match e {}),
            Err(e) => panic!("request: {e}"),
        }
    }

    #[tokio::test]
    async fn bodiless_api_errors_become_problems() {
        let res = answer("/api/v1/slow", StatusCode::REQUEST_TIMEOUT).await;
        assert_eq!(res.status(), StatusCode::REQUEST_TIMEOUT);
        assert_eq!(
            res.headers()[header::CONTENT_TYPE],
            "application/problem+json"
        );
        let res = answer("/api/v1/slow", StatusCode::OK).await;
        assert!(
            res.headers().get(header::CONTENT_TYPE).is_none(),
            "successes untouched"
        );
        let res = answer("/slow", StatusCode::REQUEST_TIMEOUT).await;
        assert!(
            res.headers().get(header::CONTENT_TYPE).is_none(),
            "pages untouched"
        );
    }
}
