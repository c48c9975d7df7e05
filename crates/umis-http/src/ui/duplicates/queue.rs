//! The review queue of likely duplicate pairs, best pairs first.

use crate::extract::CurrentUser;
use crate::ui::{Page, render};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use umis_domain::person::PersonId;
use umis_service::{DuplicatePair, Person};

const PAGE_SIZE: usize = 25;

#[derive(Template)]
#[template(path = "duplicates.html")]
struct QueuePage {
    page: Page,
    rows: Vec<(DuplicatePair, Option<Person>, Option<Person>)>,
    total: i64,
    prev_url: Option<String>,
    next_url: Option<String>,
    notice_key: Option<&'static str>,
}

impl QueuePage {
    fn score(&self, p: &DuplicatePair) -> String {
        format!("{:.0}%", p.score * 100.0)
    }

    fn label(&self, p: &Option<Person>) -> String {
        p.as_ref().map(person_label).unwrap_or_default()
    }

    fn born(&self, p: &Option<Person>) -> String {
        p.as_ref()
            .and_then(|p| p.birth_date.clone())
            .unwrap_or_default()
    }
}

fn person_label(p: &Person) -> String {
    p.names
        .first()
        .map(|n| {
            [
                Some(n.surname.as_str()),
                n.given_names.as_deref(),
                n.patronymic.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
        })
        .unwrap_or_default()
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct QueueQuery {
    #[serde(default)]
    offset: Option<String>,
    #[serde(default)]
    done: Option<String>,
}

/// The review queue, best pairs first.
pub(crate) async fn queue(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<QueueQuery>,
) -> Result<Response, UiError> {
    let offset = match q.offset.as_deref().filter(|s| !s.is_empty()) {
        None => 0,
        Some(s) => s
            .parse::<usize>()
            .map_err(|_| UiError::BadRequest("error-bad-request"))?,
    };
    let (pairs, total) = state
        .services
        .duplicate_queue(&cu.ctx, offset, PAGE_SIZE)
        .await?;
    let ids: Vec<i64> = pairs
        .iter()
        .flat_map(|p| [&p.person_a, &p.person_b])
        .filter_map(|s| s.parse::<PersonId>().ok())
        .map(PersonId::as_i64)
        .collect();
    let persons = state.services.persons_shown(&cu.ctx, &ids).await?;
    let find = |s: &str| {
        let id = s.parse::<PersonId>().ok()?.as_i64();
        persons.iter().find(|p| p.person_id == id).cloned()
    };
    let rows = pairs
        .into_iter()
        .map(|p| {
            let (a, b) = (find(&p.person_a), find(&p.person_b));
            (p, a, b)
        })
        .collect::<Vec<_>>();
    let next_url = (((offset + rows.len()) as i64) < total)
        .then(|| format!("/persons/duplicates?offset={}", offset + PAGE_SIZE));
    let prev_url = (offset > 0).then(|| {
        format!(
            "/persons/duplicates?offset={}",
            offset.saturating_sub(PAGE_SIZE)
        )
    });
    let notice_key = match q.done.as_deref() {
        Some("merged") => Some("dup-done-merged"),
        Some("dismissed") => Some("dup-done-dismissed"),
        _ => None,
    };
    render(&QueuePage {
        page: Page::for_user(&cu, "duplicates", "nav-duplicates", "/persons/duplicates"),
        rows,
        total,
        prev_url,
        next_url,
        notice_key,
    })
}
