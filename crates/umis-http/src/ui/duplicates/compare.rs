//! Two records side by side, with the pair's score and any decision already taken.

use super::compare_rows::{Row, rows_of};
use crate::extract::CurrentUser;
use crate::ui::{Page, render};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use umis_domain::Permission;
use umis_domain::person::PersonId;
use umis_service::{DuplicatePair, Person, ServiceError};

#[derive(Template)]
#[template(path = "duplicate_compare.html")]
pub(super) struct ComparePage {
    page: Page,
    a: Person,
    b: Person,
    num_a: String,
    num_b: String,
    pair: Option<DuplicatePair>,
    rows: Vec<Row>,
    can_decide: bool,
    both_active: bool,
    pub(super) reason: String,
    pub(super) error_key: Option<&'static str>,
    decided_at: Option<i64>,
}

impl ComparePage {
    fn score(&self) -> String {
        self.pair
            .as_ref()
            .map(|p| format!("{:.0}%", p.score * 100.0))
            .unwrap_or_else(|| "—".into())
    }

    fn status_key(&self) -> String {
        let s = self.pair.as_ref().map_or("none", |p| p.status.as_str());
        format!("dup-status-{}", s.replace('_', "-"))
    }

    fn decided(&self) -> bool {
        self.pair
            .as_ref()
            .is_some_and(|p| p.status == "not_duplicate")
    }

    fn decision_by(&self) -> String {
        self.pair
            .as_ref()
            .and_then(|p| p.decided_by.clone())
            .unwrap_or_default()
    }

    fn decision_reason(&self) -> String {
        self.pair
            .as_ref()
            .and_then(|p| p.reason.clone())
            .unwrap_or_default()
    }
}

pub(super) async fn compare_page(
    state: &AppState,
    cu: &CurrentUser,
    a: &str,
    b: &str,
) -> Result<ComparePage, UiError> {
    let (pa, pb, pair) = match state.services.compare_persons(&cu.ctx, a, b).await {
        Ok(r) => r,
        Err(ServiceError::Validation { .. }) => return Err(UiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let (num_a, num_b) = (
        PersonId::from_stored(pa.person_id).to_string(),
        PersonId::from_stored(pb.person_id).to_string(),
    );
    Ok(ComparePage {
        page: Page::for_user(
            cu,
            "duplicates",
            "dup-compare",
            &format!("/persons/duplicates/{num_a}/{num_b}"),
        ),
        rows: rows_of(&cu.tr, &pa, &pb),
        both_active: pa.status == "active" && pb.status == "active",
        can_decide: cu.ctx.may(Permission::WritePersons),
        num_a,
        num_b,
        a: pa,
        b: pb,
        decided_at: pair.as_ref().and_then(|p| p.decided_at),
        pair,
        reason: String::new(),
        error_key: None,
    })
}

/// Two records side by side.
pub(crate) async fn compare(
    State(state): State<AppState>,
    cu: CurrentUser,
    Path((a, b)): Path<(String, String)>,
) -> Result<Response, UiError> {
    render(&compare_page(&state, &cu, &a, &b).await?)
}
