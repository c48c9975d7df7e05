//! Error pages: a UI error becomes a translated page in the request's language, inside the
//! officer's usual shell (navigation and user menu) when a session is open.

use super::{Page, redirect};
use crate::AppState;
use crate::UiError;
use crate::extract::{MaybeUser, request_lang};
use crate::i18n::Tr;
use askama::Template;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

#[derive(Template)]
#[template(path = "error.html")]
pub(super) struct ErrorPage {
    page: Page,
    status: u16,
    message_key: &'static str,
    detail: Option<String>,
}

/// Marks a response as a UI error page still to be rendered in the request's language.
#[derive(Debug, Clone)]
struct PendingErrorPage {
    message_key: &'static str,
    detail: Option<String>,
}

impl IntoResponse for UiError {
    fn into_response(self) -> Response {
        let (status, key, detail) = match self {
            UiError::Login { next, expired } => {
                let next = redirect::local_or_home(Some(&next));
                let mut target = format!("/login?next={}", urlencode(&next));
                if expired {
                    target.push_str("&expired=1");
                }
                let mut res = redirect::see_other(&target).into_response();
                if expired {
                    // Drop the dead cookie so the next visit starts clean.
                    let clear = "umis_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
                    res.headers_mut()
                        .append(header::SET_COOKIE, HeaderValue::from_static(clear));
                }
                return res;
            }
            UiError::MustEnrolMfa => {
                return redirect::see_other("/account?mfa=required").into_response();
            }
            UiError::BadRequest(key) => (StatusCode::BAD_REQUEST, key, None),
            UiError::Forbidden => (StatusCode::FORBIDDEN, "error-forbidden", None),
            UiError::Csrf => (StatusCode::FORBIDDEN, "error-csrf", None),
            UiError::NotFound => (StatusCode::NOT_FOUND, "error-not-found", None),
            // Service messages are English and may name people: show the translated text only.
            UiError::Conflict(_) => (StatusCode::CONFLICT, "error-conflict", None),
            UiError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "error-too-large", None),
            UiError::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "error-internal", None),
        };
        let mut res = status.into_response();
        res.extensions_mut().insert(PendingErrorPage {
            message_key: key,
            detail,
        });
        res
    }
}

pub(crate) fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|e| e.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}

/// Renders pending error pages in the language of the request.
pub(crate) async fn render_errors(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let headers = req.headers().clone();
    let uri = req.uri().clone();
    let res = next.run(req).await;
    let Some(pending) = res.extensions().get::<PendingErrorPage>().cloned() else {
        return res;
    };
    let status = res.status();
    let page = ErrorPage {
        page: shell(&state, headers, uri).await,
        status: status.as_u16(),
        message_key: pending.message_key,
        detail: pending.detail,
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => status.into_response(),
    }
}

/// The answer for an unknown path: problem+json under `/api/`, a translated page elsewhere.
pub(crate) async fn not_found(State(state): State<AppState>, req: Request) -> Response {
    if req.uri().path().starts_with("/api/") {
        return crate::ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such endpoint")
            .into_response();
    }
    let page = ErrorPage {
        page: shell(&state, req.headers().clone(), req.uri().clone()).await,
        status: 404,
        message_key: "error-not-found",
        detail: None,
    };
    match page.render() {
        Ok(html) => (StatusCode::NOT_FOUND, Html(html)).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The page shell of an error: the officer's navigation and menu when a session is open (so
/// that a refused or missing page is not a dead end), the anonymous shell otherwise.
async fn shell(state: &AppState, headers: HeaderMap, uri: Uri) -> Page {
    let mut probe = Request::new(());
    *probe.uri_mut() = uri;
    *probe.headers_mut() = headers;
    let (mut parts, ()) = probe.into_parts();
    if let Ok(MaybeUser(Some(cu))) = MaybeUser::from_request_parts(&mut parts, state).await {
        return Page::for_user(&cu, "", "error-title", "/");
    }
    Page {
        tr: Tr::new(
            request_lang(&parts.headers),
            state.config.display_utc_offset_minutes,
        ),
        user: None,
        csrf: String::new(),
        nav: Vec::new(),
        path: "/".into(),
        title_key: "error-title",
        idle_seconds: 0,
    }
}
