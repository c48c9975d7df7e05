//! Duplicate review in the back office: the queue of likely pairs, a side-by-side comparison
//! with merge and "not a duplicate" decisions, and the administrators' list of merges to undo.

use super::{Page, render};
use crate::extract::{CurrentUser, Protected, csrf_form};
use crate::i18n::Tr;
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_domain::Permission;
use umis_domain::person::PersonId;
use umis_service::{DuplicatePair, MergeEntry, ServiceError};
use umis_store::Person;

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

/// One row of the comparison: a message key, both sides' values, whether they differ.
struct Row {
    key: &'static str,
    a: String,
    b: String,
    differs: bool,
}

#[derive(Template)]
#[template(path = "duplicate_compare.html")]
struct ComparePage {
    page: Page,
    a: Person,
    b: Person,
    num_a: String,
    num_b: String,
    pair: Option<DuplicatePair>,
    rows: Vec<Row>,
    can_decide: bool,
    both_active: bool,
    reason: String,
    error_key: Option<&'static str>,
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

fn names_of(p: &Person) -> String {
    p.names
        .iter()
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
        .collect::<Vec<_>>()
        .join("\n")
}

fn documents_of(tr: &Tr, p: &Person) -> String {
    p.documents
        .iter()
        .map(|d| {
            format!(
                "{}, {} {} ({})",
                tr.t(format!("doc-type-{}", d.doc_type.replace('_', "-"))),
                tr.country(&d.issuing_state),
                d.number,
                tr.t(format!("doc-status-{}", d.status))
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn rows_of(tr: &Tr, a: &Person, b: &Person) -> Vec<Row> {
    let sex = |p: &Person| {
        p.sex
            .as_deref()
            .map(|s| tr.t(format!("person-sex-{}", s.to_ascii_lowercase())))
            .unwrap_or_default()
    };
    let birth = |p: &Person| {
        p.birth_date
            .as_deref()
            .map(|d| tr.date(d))
            .unwrap_or_default()
    };
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let nationalities = |p: &Person| {
        let mut codes = p.nationalities.clone();
        codes.sort();
        codes
            .iter()
            .map(|c| tr.country(c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let pairs: Vec<(&'static str, String, String)> = vec![
        ("person-names", names_of(a), names_of(b)),
        ("person-sex", sex(a), sex(b)),
        ("person-birth-date", birth(a), birth(b)),
        (
            "person-place-of-birth",
            opt(&a.place_of_birth),
            opt(&b.place_of_birth),
        ),
        ("person-nationalities", nationalities(a), nationalities(b)),
        ("person-documents", documents_of(tr, a), documents_of(tr, b)),
        ("dup-external-id", opt(&a.external_id), opt(&b.external_id)),
    ];
    pairs
        .into_iter()
        .map(|(key, a, b)| Row {
            key,
            differs: !a.is_empty() && !b.is_empty() && a != b,
            a,
            b,
        })
        .collect()
}

async fn compare_page(
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

/// Which record survives a merge.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct MergeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    survivor: String,
}

/// Why two records are different persons.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct DismissForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
}

/// A form with nothing but its anti-forgery token.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct EmptyForm {
    #[serde(default)]
    csrf: String,
}

/// Undoing a merge: the record it was merged into.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct UndoForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    survivor: String,
}

csrf_form!(MergeForm, DismissForm, EmptyForm, UndoForm);

/// Merges one record of the pair into the other (the officer chooses the survivor).
pub(crate) async fn merge(
    State(state): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    Protected { cu, form }: Protected<MergeForm>,
) -> Result<Response, UiError> {
    let survivor = form.survivor.trim();
    let merged = if survivor == a.trim() {
        b.trim()
    } else if survivor == b.trim() {
        a.trim()
    } else {
        return Err(UiError::BadRequest("dup-error-survivor"));
    };
    let error = match state
        .services
        .merge_persons(&cu.ctx, survivor, merged)
        .await
    {
        Ok(_) => {
            return Ok(
                crate::ui::redirect::see_other("/persons/duplicates?done=merged").into_response(),
            );
        }
        Err(ServiceError::Conflict(_)) => "person-error-merge-state",
        Err(ServiceError::Validation { .. }) | Err(ServiceError::NotFound) => {
            return Err(UiError::NotFound);
        }
        Err(e) => return Err(e.into()),
    };
    let mut page = compare_page(&state, &cu, &a, &b).await?;
    page.error_key = Some(error);
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::CONFLICT;
    Ok(res)
}

/// Records that the pair are different persons.
pub(crate) async fn dismiss(
    State(state): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    Protected { cu, form }: Protected<DismissForm>,
) -> Result<Response, UiError> {
    let (error, status) = match state
        .services
        .decide_not_duplicate(&cu.ctx, &a, &b, &form.reason)
        .await
    {
        Ok(_) => {
            return Ok(
                crate::ui::redirect::see_other("/persons/duplicates?done=dismissed")
                    .into_response(),
            );
        }
        Err(ServiceError::Validation {
            field: "reason",
            code,
            ..
        }) => (
            if code == "too_long" {
                "dup-error-reason-long"
            } else {
                "dup-error-reason"
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(ServiceError::Conflict(_)) => ("dup-error-decided", StatusCode::CONFLICT),
        Err(ServiceError::Validation { .. }) | Err(ServiceError::NotFound) => {
            return Err(UiError::NotFound);
        }
        Err(e) => return Err(e.into()),
    };
    let mut page = compare_page(&state, &cu, &a, &b).await?;
    page.error_key = Some(error);
    page.reason = form.reason.chars().take(2000).collect();
    let mut res = render(&page)?;
    *res.status_mut() = status;
    Ok(res)
}

/// Withdraws a "not a duplicate" decision.
pub(crate) async fn reopen(
    State(state): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    Protected { cu, form: _ }: Protected<EmptyForm>,
) -> Result<Response, UiError> {
    match state.services.reopen_duplicate(&cu.ctx, &a, &b).await {
        Ok(()) => Ok(
            crate::ui::redirect::see_other(&format!("/persons/duplicates/{a}/{b}")).into_response(),
        ),
        Err(ServiceError::Validation { .. }) | Err(ServiceError::NotFound) => {
            Err(UiError::NotFound)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "admin_merges.html")]
struct MergesPage {
    page: Page,
    merges: Vec<MergeEntry>,
    notice_key: Option<&'static str>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct MergesQuery {
    #[serde(default)]
    done: Option<String>,
}

/// Merges an administrator may undo (person numbers only: administrators do not read cases).
pub(crate) async fn merges(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<MergesQuery>,
) -> Result<Response, UiError> {
    let merges = state.services.list_merges(&cu.ctx, 200).await?;
    render(&MergesPage {
        page: Page::for_user(&cu, "merges", "nav-merges", "/admin/merges"),
        merges,
        notice_key: (q.done.as_deref() == Some("undone")).then_some("merges-undone"),
    })
}

/// Undoes the merge of `merged` into the survivor given in the form.
pub(crate) async fn undo_merge(
    State(state): State<AppState>,
    Path(merged): Path<String>,
    Protected { cu, form }: Protected<UndoForm>,
) -> Result<Response, UiError> {
    match state
        .services
        .unmerge_persons(&cu.ctx, form.survivor.trim(), merged.trim())
        .await
    {
        Ok(()) => Ok(crate::ui::redirect::see_other("/admin/merges?done=undone").into_response()),
        Err(ServiceError::Conflict(_)) => Err(UiError::BadRequest("merges-error-state")),
        Err(ServiceError::Validation { .. }) | Err(ServiceError::NotFound) => {
            Err(UiError::NotFound)
        }
        Err(e) => Err(e.into()),
    }
}
