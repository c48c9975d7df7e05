//! The partner agencies' API tokens: the list with each token's status and the issuing form.

use super::DoneQuery;
use crate::extract::CurrentUser;
use crate::ui::{Page, render};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use umis_domain::Scope;
use umis_service::ApiToken;

#[derive(Template)]
#[template(path = "admin_tokens.html")]
pub(super) struct TokensPage {
    page: Page,
    tokens: Vec<ApiToken>,
    scopes: Vec<Scope>,
    pub(super) form: NewTokenForm,
    pub(super) issued: Option<String>,
    pub(super) errors: Vec<(&'static str, &'static str)>,
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
    pub(super) client: String,
    #[serde(default)]
    pub(super) scopes: Vec<String>,
    #[serde(default)]
    pub(super) expires_days: String,
}

pub(super) async fn tokens_page(state: &AppState, cu: &CurrentUser) -> Result<TokensPage, UiError> {
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
