//! The API's contract kept by one mechanism: query parameters an operation does not document
//! are refused (a typo in a filter must not silently widen a query of personal data), and
//! every operation documents the error answers any request can get (401, 403, 400, 404, 413,
//! 415, 422, 429) in the OpenAPI document.

use crate::ApiError;
use axum::extract::{MatchedPath, Request};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;
use utoipa::openapi::path::{Operation, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, Required, ResponseBuilder};

/// The longest `purpose` a caller may give.
const MAX_PURPOSE_CHARS: usize = 200;

/// Where the API is mounted; operation paths in the document are relative to it.
const PREFIX: &str = "/api/v1";

type Allowed = HashMap<(Method, String), BTreeSet<String>>;

/// Each operation's documented query parameters, keyed by method and path template.
fn allowed() -> &'static Allowed {
    static ALLOWED: OnceLock<Allowed> = OnceLock::new();
    ALLOWED.get_or_init(|| {
        let doc = super::openapi();
        let mut out = Allowed::new();
        for (path, item) in &doc.paths.paths {
            for (method, op) in operations(item) {
                let names = op
                    .parameters
                    .iter()
                    .flatten()
                    .filter_map(|p| match p {
                        RefOr::T(p) if p.parameter_in == ParameterIn::Query => Some(p.name.clone()),
                        _ => None,
                    })
                    .collect();
                out.insert((method, format!("{PREFIX}{path}")), names);
            }
        }
        out
    })
}

fn operations(item: &utoipa::openapi::PathItem) -> Vec<(Method, &Operation)> {
    [
        (Method::GET, &item.get),
        (Method::POST, &item.post),
        (Method::PUT, &item.put),
        (Method::PATCH, &item.patch),
        (Method::DELETE, &item.delete),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.as_ref().map(|op| (m, op)))
    .collect()
}

pub(super) fn operations_mut(item: &mut utoipa::openapi::PathItem) -> Vec<&mut Operation> {
    [
        &mut item.get,
        &mut item.post,
        &mut item.put,
        &mut item.patch,
        &mut item.delete,
    ]
    .into_iter()
    .filter_map(Option::as_mut)
    .collect()
}

/// Refuses a query parameter the operation does not document with 400 `invalid_parameter`
/// naming it; HEAD is checked as GET.
pub(crate) async fn refuse_unknown_parameters(req: Request, next: Next) -> Response {
    let Some(route) = req.extensions().get::<MatchedPath>() else {
        return next.run(req).await;
    };
    let method = if req.method() == Method::HEAD {
        Method::GET
    } else {
        req.method().clone()
    };
    let Some(names) = allowed().get(&(method, route.as_str().to_owned())) else {
        return next.run(req).await;
    };
    if let Err(e) = check_query(req.uri().query(), names) {
        return e.into_response();
    }
    next.run(req).await
}

fn check_query(query: Option<&str>, names: &BTreeSet<String>) -> Result<(), ApiError> {
    let Some(query) = query.filter(|q| !q.is_empty()) else {
        return Ok(());
    };
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            "the query string is not valid URL encoding",
        )
    })?;
    // No parameter value has a use for a control character; refused here, none reaches a
    // query of the database (PostgreSQL refuses NUL in text) or the audit log.
    if let Some((k, _)) = pairs
        .iter()
        .find(|(k, v)| names.contains(k) && v.chars().any(char::is_control))
    {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            format!("the query parameter '{k}' contains a control character"),
        ));
    }
    if let Some((_, p)) = pairs.iter().find(|(k, _)| k == "purpose")
        && p.chars().count() > MAX_PURPOSE_CHARS
    {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            format!("purpose is at most {MAX_PURPOSE_CHARS} characters"),
        ));
    }
    match pairs.iter().find(|(k, _)| !names.contains(k)) {
        None => Ok(()),
        Some((k, _)) => {
            let known = if names.is_empty() {
                "this operation takes no query parameters".to_owned()
            } else {
                let list: Vec<&str> = names.iter().map(String::as_str).collect();
                format!("known parameters: {}", list.join(", "))
            };
            let shown: String = k.chars().take(64).collect();
            Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_parameter",
                format!("unknown query parameter '{shown}' ({known})"),
            ))
        }
    }
}

/// Scopes whose operations read personal data: each may say why, with `purpose`.
const PERSONAL_SCOPES: [&str; 2] = ["persons:read", "applications:read"];

/// The scopes an operation needs.
fn scopes(op: &Operation) -> Vec<String> {
    let value = serde_json::to_value(&op.security).unwrap_or_default();
    let mut out = Vec::new();
    for requirement in value.as_array().into_iter().flatten() {
        for list in requirement.as_object().into_iter().flat_map(|m| m.values()) {
            for s in list
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str())
            {
                out.push(s.to_owned());
            }
        }
    }
    out
}

/// Documents `purpose` on every operation that reads personal data (once).
fn document_purpose(op: &mut Operation) {
    if !scopes(op)
        .iter()
        .any(|s| PERSONAL_SCOPES.contains(&s.as_str()))
    {
        return;
    }
    let params = op.parameters.get_or_insert_with(Vec::new);
    let has = params
        .iter()
        .any(|p| matches!(p, RefOr::T(p) if p.name == "purpose"));
    if !has {
        let string = ObjectBuilder::new()
            .schema_type(Type::String)
            .max_length(Some(MAX_PURPOSE_CHARS))
            .build();
        params.push(RefOr::T(
            ParameterBuilder::new()
                .name("purpose")
                .parameter_in(ParameterIn::Query)
                .required(Required::False)
                .description(Some(
                    "Why the data is accessed (e.g. a case or border check reference), at most \
                     200 characters; recorded in the audit log",
                ))
                .schema(Some(string))
                .build(),
        ));
    }
}

/// Adds to every operation the `purpose` of personal-data reads and the error answers it can
/// give but does not document yet.
pub(crate) fn document_contract(doc: &mut OpenApi) {
    for (path, item) in doc.paths.paths.iter_mut() {
        let names_a_resource = path.contains('{');
        for op in operations_mut(item) {
            document_purpose(op);
            let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
            let has_body = op.request_body.is_some();
            let mut answers = vec![
                ("400", "Unknown query parameter or malformed parameter"),
                ("429", "Too many requests"),
            ];
            if secured {
                answers.push(("401", "Missing, malformed, expired or revoked token"));
                answers.push(("403", "The token lacks the scope this operation needs"));
            }
            if names_a_resource {
                answers.push(("404", "No such resource"));
            }
            if has_body {
                answers.push(("413", "The request body is larger than the server accepts"));
                answers.push(("415", "The body's content type is not accepted"));
                answers.push(("422", "The body is well-formed but invalid"));
            }
            for (status, description) in answers {
                op.responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| problem(description));
            }
        }
    }
}

fn problem(description: &str) -> RefOr<utoipa::openapi::Response> {
    let content = Content::new(Some(Ref::from_schema_name("Problem")));
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content("application/problem+json", content)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn only_documented_parameters_pass() {
        let known = names(&["limit", "purpose"]);
        assert!(check_query(None, &known).is_ok());
        assert!(check_query(Some(""), &known).is_ok());
        assert!(check_query(Some("limit=5&purpose=case"), &known).is_ok());
        let e = check_query(Some("limit=5&purpose=a%00b"), &known).err();
        assert_eq!(e.as_ref().map(ApiError::code), Some("invalid_parameter"));
        assert!(check_query(Some("purpose=a%0Ab"), &known).is_err());
        let e = check_query(Some("limit=5&nationalty=KAZ"), &known).err();
        assert_eq!(e.as_ref().map(ApiError::code), Some("invalid_parameter"));
        assert!(check_query(Some("x=1"), &names(&[])).is_err());
    }

    #[test]
    fn every_operation_documents_its_error_answers() {
        let doc = super::super::openapi();
        for (path, item) in &doc.paths.paths {
            for (method, op) in operations(item) {
                let has = |s: &str| op.responses.responses.contains_key(s);
                assert!(has("400"), "{method} {path}: 400");
                if op.security.as_ref().is_some_and(|s| !s.is_empty()) {
                    assert!(has("401") && has("403"), "{method} {path}: 401/403");
                }
                if op.request_body.is_some() {
                    assert!(has("413") && has("415"), "{method} {path}: 413/415");
                }
            }
        }
    }
}
