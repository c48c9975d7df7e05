//! Administration screens: offices, partner agency tokens, security settings, the component
//! gallery (officer accounts: `admin_users`).

use super::{Page, render};
use crate::extract::{CurrentUser, Protected, csrf_form};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_domain::{Permission, Role, Scope};
use umis_service::ServiceError;
use umis_store::{ApiToken, Office};

#[derive(Debug, Deserialize)]
pub(crate) struct DoneQuery {
    #[serde(default)]
    pub(crate) done: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

#[derive(Template)]
#[template(path = "admin_offices.html")]
struct OfficesPage {
    page: Page,
    offices: Vec<Office>,
    /// Crossing points of the offices that list some.
    points: std::collections::BTreeMap<String, Vec<String>>,
    /// Regions of the offices that list some.
    regions: std::collections::BTreeMap<String, Vec<String>>,
    form: OfficeForm,
    errors: Vec<(&'static str, &'static str)>,
    notice_key: Option<&'static str>,
}

impl OfficesPage {
    /// The crossing points an office answers for, as shown (its own code when none listed).
    fn crossing_points(&self, code: &str) -> String {
        self.points
            .get(code)
            .map_or_else(|| code.to_owned(), |p| p.join(", "))
    }

    /// The regions an office answers for, as shown (a dash when none listed).
    fn regions(&self, code: &str) -> String {
        self.regions
            .get(code)
            .map_or_else(|| "—".to_owned(), |r| r.join("; "))
    }

    fn error(&self, field: &str) -> Option<&'static str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, k)| *k)
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct OfficeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    national: Option<String>,
    /// Comma-separated crossing point codes.
    #[serde(default)]
    crossing_points: String,
    /// Region names separated by semicolons.
    #[serde(default)]
    regions: String,
}

pub(crate) async fn offices(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Response, UiError> {
    // Offices are organisation data, but only administrators manage them.
    state
        .services
        .authorize(&cu.ctx, umis_domain::Permission::ManageUsers, "office.list")
        .await?;
    render(&OfficesPage {
        page: Page::for_user(&cu, "offices", "nav-offices", "/admin/offices"),
        offices: state.services.list_offices().await?,
        points: state.services.office_crossing_points().await?,
        regions: state.services.office_regions().await?,
        form: OfficeForm::default(),
        errors: Vec::new(),
        notice_key: (q.done.as_deref() == Some("saved")).then_some("offices-saved"),
    })
}

pub(crate) async fn save_office(
    State(state): State<AppState>,
    Protected { cu, form }: Protected<OfficeForm>,
) -> Result<Response, UiError> {
    let office = Office {
        code: form.code.trim().to_owned(),
        name: form.name.trim().to_owned(),
        national: form.national.is_some(),
    };
    let bcps: Vec<String> = form
        .crossing_points
        .split(|c: char| c == ',' || c.is_whitespace())
        .map(str::to_owned)
        .collect();
    let regions: Vec<String> = form.regions.split([';', '\n']).map(str::to_owned).collect();
    let saved = state
        .services
        .save_office(&cu.ctx, office, Some(&bcps), Some(&regions))
        .await
        .map(|_| ());
    let error = match saved {
        Ok(()) => {
            return Ok(crate::ui::redirect::see_other("/admin/offices?done=saved").into_response());
        }
        Err(ServiceError::Validation { field: "code", .. }) => ("code", "offices-error-code"),
        Err(ServiceError::Validation {
            field: "crossing_points",
            ..
        }) => ("crossing_points", "offices-error-crossing-points"),
        Err(ServiceError::Validation {
            field: "regions", ..
        }) => ("regions", "offices-error-regions"),
        Err(ServiceError::Validation { .. }) => ("name", "offices-error-name"),
        Err(e) => return Err(e.into()),
    };
    let mut res = render(&OfficesPage {
        page: Page::for_user(&cu, "offices", "nav-offices", "/admin/offices"),
        offices: state.services.list_offices().await?,
        points: state.services.office_crossing_points().await?,
        regions: state.services.office_regions().await?,
        form,
        errors: vec![error],
        notice_key: None,
    })?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

#[derive(Template)]
#[template(path = "admin_tokens.html")]
struct TokensPage {
    page: Page,
    tokens: Vec<ApiToken>,
    scopes: Vec<Scope>,
    form: NewTokenForm,
    issued: Option<String>,
    errors: Vec<(&'static str, &'static str)>,
    notice_key: Option<&'static str>,
    now: i64,
}

impl TokensPage {
    fn error(&self, field: &str) -> Option<&'static str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, k)| *k)
    }

    fn checked(&self, scope: &Scope) -> bool {
        self.form.scopes.iter().any(|s| s == scope.as_str())
    }

    fn status_key(&self, t: &ApiToken) -> &'static str {
        if t.revoked_at.is_some() {
            "tokens-status-revoked"
        } else if t.expires_at.is_some_and(|e| e <= self.now) {
            "tokens-status-expired"
        } else {
            "tokens-status-active"
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct NewTokenForm {
    #[serde(default)]
    client: String,
    #[serde(default)]
    scopes: Vec<String>,
    #[serde(default)]
    expires_days: String,
}

async fn tokens_page(state: &AppState, cu: &CurrentUser) -> Result<TokensPage, UiError> {
    Ok(TokensPage {
        page: Page::for_user(cu, "tokens", "nav-tokens", "/admin/tokens"),
        tokens: state.services.list_tokens(&cu.ctx).await?,
        scopes: Scope::ALL.to_vec(),
        form: NewTokenForm::default(),
        issued: None,
        errors: Vec::new(),
        notice_key: None,
        now: state.services.now(),
    })
}

pub(crate) async fn tokens(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Response, UiError> {
    let mut page = tokens_page(&state, &cu).await?;
    page.notice_key = (q.done.as_deref() == Some("revoked")).then_some("tokens-revoked");
    render(&page)
}

pub(crate) async fn create_token(
    State(state): State<AppState>,
    Protected { cu, form: pairs }: Protected<Vec<(String, String)>>,
) -> Result<Response, UiError> {
    // Repeated `scopes` fields (one per checkbox) are read as pairs.
    let mut form = NewTokenForm::default();
    for (k, v) in pairs {
        match k.as_str() {
            "client" => form.client = v.trim().to_owned(),
            "scopes" => form.scopes.push(v),
            "expires_days" => form.expires_days = v.trim().to_owned(),
            _ => {}
        }
    }
    let mut errors = Vec::new();
    let expires = if form.expires_days.is_empty() {
        None
    } else {
        match form.expires_days.parse::<i64>() {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(("expires_days", "tokens-error-expiry"));
                None
            }
        }
    };
    if form.scopes.is_empty() {
        errors.push(("scopes", "tokens-error-scopes"));
    }
    let mut issued = None;
    if errors.is_empty() {
        match state
            .services
            .issue_token(&cu.ctx, &form.client, &form.scopes.join(","), expires)
            .await
        {
            Ok(t) => issued = Some(t.token),
            Err(ServiceError::Validation { field, .. }) => errors.push(match field {
                "client" => ("client", "tokens-error-client"),
                "scopes" => ("scopes", "tokens-error-scopes"),
                _ => ("expires_days", "tokens-error-expiry"),
            }),
            Err(e) => return Err(e.into()),
        }
    }
    let mut page = tokens_page(&state, &cu).await?;
    let failed = issued.is_none();
    page.issued = issued;
    page.errors = errors;
    if failed {
        page.form = form;
    }
    let mut res = render(&page)?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

pub(crate) async fn revoke_token(
    State(state): State<AppState>,
    Path(client): Path<String>,
    Protected { cu, form: _ }: Protected<CsrfForm>,
) -> Result<Response, UiError> {
    state.services.revoke_tokens(&cu.ctx, &client).await?;
    Ok(crate::ui::redirect::see_other("/admin/tokens?done=revoked").into_response())
}

#[derive(Template)]
#[template(path = "admin_security.html")]
struct SecurityPage {
    page: Page,
    roles: Vec<(Role, bool)>,
    notice_key: Option<&'static str>,
}

pub(crate) async fn security(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Response, UiError> {
    let roles = state.services.role_mfa_settings(&cu.ctx).await?;
    render(&SecurityPage {
        page: Page::for_user(&cu, "security", "nav-security", "/admin/security"),
        roles,
        notice_key: (q.done.as_deref() == Some("saved")).then_some("security-saved"),
    })
}

pub(crate) async fn set_security(
    State(state): State<AppState>,
    Protected { cu, form: pairs }: Protected<Vec<(String, String)>>,
) -> Result<Response, UiError> {
    let mut wanted = Vec::new();
    for (k, v) in &pairs {
        if k == "mfa" {
            let role: Role = v
                .parse()
                .map_err(|_| UiError::BadRequest("error-bad-form"))?;
            wanted.push(role);
        }
    }
    for (role, current) in state.services.role_mfa_settings(&cu.ctx).await? {
        let required = wanted.contains(&role);
        if required != current {
            state.services.set_role_mfa(&cu.ctx, role, required).await?;
        }
    }
    Ok(crate::ui::redirect::see_other("/admin/security?done=saved").into_response())
}

csrf_form!(CsrfForm, OfficeForm);

#[derive(Template)]
#[template(path = "admin_components.html")]
struct ComponentsPage {
    page: Page,
}

/// Every component of the design system on one page (administrators), as docs/UI.md lists them.
pub(crate) async fn components(
    State(state): State<AppState>,
    cu: CurrentUser,
) -> Result<Response, UiError> {
    state
        .services
        .authorize(&cu.ctx, Permission::ManageUsers, "components.view")
        .await?;
    render(&ComponentsPage {
        page: Page::for_user(&cu, "components", "components-title", "/admin/components"),
    })
}
