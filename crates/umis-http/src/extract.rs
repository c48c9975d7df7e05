//! Request extractors: client address, language, the logged-in officer, the agency client behind
//! a bearer token, and form/JSON bodies whose rejections become proper UI or API errors.

use crate::i18n::Tr;
use crate::{ApiError, AppState, UiError};
use axum::extract::rejection::{FormRejection, JsonRejection};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;
use std::net::SocketAddr;
use umis_domain::Lang;
use umis_service::{Ctx, UserActor};

/// Session cookie name.
pub const SESSION_COOKIE: &str = "umis_session";
/// Anti-forgery cookie for forms shown before login.
pub const CSRF_COOKIE: &str = "umis_csrf";
/// Language preference cookie.
pub const LANG_COOKIE: &str = "umis_lang";

/// The value of cookie `name`, if the request carries it.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim_matches('"').to_owned())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, path `/`, `Secure` when configured.
pub fn set_cookie(name: &str, value: &str, max_age_secs: Option<i64>, secure: bool) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age_secs {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    c
}

/// The client's address: the socket peer, or the first `X-Forwarded-For` hop when trusted.
pub fn client_addr(parts: &Parts, state: &AppState) -> Option<String> {
    if state.config.trust_forwarded_for
        && let Some(fwd) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
    {
        return Some(fwd.trim().chars().take(64).collect());
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0.ip().to_string())
}

/// The language for a request without a logged-in officer: cookie, then `Accept-Language`, then
/// Azerbaijani.
pub fn request_lang(headers: &HeaderMap) -> Lang {
    cookie(headers, LANG_COOKIE)
        .and_then(|c| c.parse().ok())
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::negotiate)
        })
        .unwrap_or_default()
}

/// The logged-in officer, with the request context and a translator.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// The request context (actor + address).
    pub ctx: Ctx,
    /// The officer.
    pub user: UserActor,
    /// The session's anti-forgery token.
    pub csrf: String,
    /// Translator in the officer's language.
    pub tr: Tr,
    /// The session cookie's token.
    pub session_token: String,
    /// How long the session may stay idle before it ends (the page warns before that).
    pub idle_seconds: i64,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = UiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, UiError> {
        let next = parts
            .uri
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_owned();
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE).filter(|t| !t.is_empty()) else {
            return Err(UiError::Login {
                next,
                expired: false,
            });
        };
        let Some((user, csrf)) = state.services.session(&token).await? else {
            return Err(UiError::Login {
                next,
                expired: true,
            });
        };
        let path = parts.uri.path();
        if user.must_enrol_mfa
            && !(path.starts_with("/account") || path == "/logout" || path == "/lang")
        {
            return Err(UiError::MustEnrolMfa);
        }
        let lang = cookie(&parts.headers, LANG_COOKIE)
            .and_then(|c| c.parse().ok())
            .or(user.lang)
            .unwrap_or_else(|| request_lang(&parts.headers));
        let ctx = Ctx::new(
            umis_service::Actor::User(user.clone()),
            client_addr(parts, state),
        );
        Ok(CurrentUser {
            ctx,
            user,
            csrf,
            tr: Tr::new(lang, state.config.display_utc_offset_minutes),
            session_token: token,
            idle_seconds: state.services.security().session_idle_minutes * 60,
        })
    }
}

/// An officer if one is logged in (for pages that anonymous visitors see too).
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<CurrentUser>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = UiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, UiError> {
        match CurrentUser::from_request_parts(parts, state).await {
            Ok(u) => Ok(MaybeUser(Some(u))),
            Err(UiError::Login { .. }) => Ok(MaybeUser(None)),
            Err(UiError::MustEnrolMfa) => Ok(MaybeUser(None)),
            Err(e) => Err(e),
        }
    }
}

/// The agency client (or officer-less caller) authenticated by `Authorization: Bearer`.
#[derive(Debug, Clone)]
pub struct ApiCtx(pub Ctx);

impl FromRequestParts<AppState> for ApiCtx {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let addr = client_addr(parts, state);
        let session = cookie(&parts.headers, SESSION_COOKIE).filter(|t| !t.is_empty());
        if let (None, Some(token)) = (parts.headers.get(header::AUTHORIZATION), session) {
            // An officer's browser session: reads as is; writes must carry the session's
            // anti-forgery token in `X-CSRF-Token`, so another site cannot forge them.
            let Some((user, csrf)) = state.services.session(&token).await? else {
                return Err(ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "session_expired",
                    "the session has ended; log in again",
                ));
            };
            let safe = matches!(
                parts.method,
                axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
            );
            let sent = parts
                .headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            let cross_site = parts
                .headers
                .get("sec-fetch-site")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v == "cross-site");
            if !safe && (cross_site || !umis_service::Services::csrf_ok(&csrf, sent)) {
                let ctx = Ctx::new(umis_service::Actor::User(user), addr);
                state
                    .services
                    .audit_security(&ctx, "security.csrf", "API write without the session token")
                    .await?;
                return Err(ApiError::new(
                    StatusCode::FORBIDDEN,
                    "csrf_failed",
                    "a write with a session cookie needs the session's X-CSRF-Token header",
                ));
            }
            let ctx = Ctx::new(umis_service::Actor::User(user), addr);
            return Ok(ApiCtx(
                ctx.with_purpose(purpose_of(parts.uri.query()).as_deref()),
            ));
        }
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "send 'Authorization: Bearer <token>'",
            ));
        };
        let token = value.to_str().ok().and_then(bearer_token);
        let Some(token) = token else {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "invalid_token",
                "the Authorization header must be 'Bearer <token>'",
            ));
        };
        let ctx = state.services.authenticate_bearer(token, addr).await?;
        Ok(ApiCtx(
            ctx.with_purpose(purpose_of(parts.uri.query()).as_deref()),
        ))
    }
}

/// The `purpose` query parameter: why the caller reads the data, recorded in the audit log.
fn purpose_of(query: Option<&str>) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query?).ok()?;
    pairs
        .into_iter()
        .find(|(k, _)| k == "purpose")
        .map(|(_, v)| v)
}

/// The token of `Bearer <token>`: the scheme in any case, one space, then an RFC 6750
/// token68 (letters, digits, `-._~+/`, trailing `=`); anything else (two spaces, a trailing
/// space, a comma) is refused.
fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.split_at_checked(7)?;
    if !scheme.eq_ignore_ascii_case("bearer ") || token.is_empty() {
        return None;
    }
    let body = token.trim_end_matches('=');
    let token68 = !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b));
    token68.then_some(token)
}

/// A URL-encoded form body; a malformed or oversized body becomes a translated error page.
#[derive(Debug)]
pub struct UiForm<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequest<AppState> for UiForm<T> {
    type Rejection = UiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, UiError> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(v)) => Ok(UiForm(v)),
            Err(FormRejection::BytesRejection(r))
                if r.status() == StatusCode::PAYLOAD_TOO_LARGE =>
            {
                Err(UiError::TooLarge)
            }
            Err(_) => Err(UiError::BadRequest("error-bad-form")),
        }
    }
}

/// A JSON body; rejections become problem+json with precise codes.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequest<AppState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(r: JsonRejection) -> ApiError {
    match r {
        JsonRejection::MissingJsonContentType(_) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send 'Content-Type: application/json'",
        ),
        JsonRejection::JsonSyntaxError(e) => {
            ApiError::new(StatusCode::BAD_REQUEST, "malformed_json", e.body_text())
        }
        JsonRejection::JsonDataError(e) => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
            e.body_text(),
        ),
        JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "the request body is larger than the server accepts",
            )
        }
        other => ApiError::new(other.status(), "invalid_body", other.body_text()),
    }
}

/// The client's address as an extractor.
#[derive(Debug, Clone)]
pub struct ClientAddr(pub Option<String>);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, std::convert::Infallible> {
        Ok(ClientAddr(client_addr(parts, state)))
    }
}

/// A form that carries an anti-forgery token in its `csrf` field.
pub trait CsrfToken {
    /// The submitted token.
    fn csrf_token(&self) -> &str;
}

impl CsrfToken for Vec<(String, String)> {
    fn csrf_token(&self) -> &str {
        self.iter()
            .find(|(k, _)| k == "csrf")
            .map_or("", |(_, v)| v.as_str())
    }
}

/// Implements [`CsrfToken`] for form structs with a `csrf: String` field.
macro_rules! csrf_form {
    ($($t:ty),+ $(,)?) => {
        $(impl $crate::extract::CsrfToken for $t {
            fn csrf_token(&self) -> &str {
                &self.csrf
            }
        })+
    };
}
pub(crate) use csrf_form;

/// A state-changing form posted by a logged-in officer, accepted only with the session's
/// anti-forgery token and from this site. Every officer form goes through it, so no handler
/// can forget the check.
#[derive(Debug)]
pub struct Protected<T> {
    /// The officer.
    pub cu: CurrentUser,
    /// The form.
    pub form: T,
}

impl<T: DeserializeOwned + Send + CsrfToken> FromRequest<AppState> for Protected<T> {
    type Rejection = UiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, UiError> {
        let (mut parts, body) = req.into_parts();
        let cu = CurrentUser::from_request_parts(&mut parts, state).await?;
        let headers = parts.headers.clone();
        let UiForm(form) =
            UiForm::<T>::from_request(Request::from_parts(parts, body), state).await?;
        check_csrf(
            &state.services,
            &cu.ctx,
            &cu.csrf,
            form.csrf_token(),
            &headers,
        )
        .await?;
        Ok(Protected { cu, form })
    }
}

/// Checks a submitted anti-forgery token (and refuses cross-site form posts outright); a failure
/// is audited.
pub(crate) async fn check_csrf(
    services: &umis_service::Services,
    ctx: &Ctx,
    expected: &str,
    submitted: &str,
    headers: &HeaderMap,
) -> Result<(), UiError> {
    let cross_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site");
    if !cross_site && umis_service::Services::csrf_ok(expected, submitted) {
        return Ok(());
    }
    let reason = if cross_site {
        "cross-site form post"
    } else {
        "missing or wrong token"
    };
    services
        .audit_security(ctx, "security.csrf", reason)
        .await?;
    Err(UiError::Csrf)
}

#[cfg(test)]
mod tests {
    use super::bearer_token;

    #[test]
    fn one_space_and_a_token68() {
        assert_eq!(
            bearer_token("Bearer abc-DEF_1.2~x+/=="),
            Some("abc-DEF_1.2~x+/==")
        );
        assert_eq!(bearer_token("bearer abc"), Some("abc"));
        for bad in [
            "Bearer  abc",
            "Bearer abc ",
            "Bearer ",
            "Bearer",
            "Basic abc",
            "Bearer a,b",
            "Bearer ==",
            "Bearerabc",
        ] {
            assert_eq!(bearer_token(bad), None, "{bad:?}");
        }
    }
}
