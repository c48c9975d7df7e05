//! The work queue: cases by type, state, officer and legal clock, paged.

use super::*;

#[derive(Template)]
#[template(path = "cases.html")]
pub(super) struct QueueTemplate {
    pub(super) page: Page,
    pub(super) queue: QueuePage,
    /// The applicants' names, by person number.
    pub(super) names: std::collections::HashMap<String, umis_service::DisplayName>,
    pub(super) q: QueueForm,
    pub(super) types: Vec<&'static str>,
    pub(super) states: Vec<&'static str>,
    pub(super) may_write: bool,
    pub(super) prev: Option<String>,
    pub(super) next: Option<String>,
}

/// Queue filters from the query string (empty values mean "any").
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct QueueForm {
    #[serde(default)]
    pub(super) app_type: Option<String>,
    #[serde(default)]
    pub(super) state: Option<String>,
    #[serde(default)]
    pub(super) status: Option<String>,
    #[serde(default)]
    pub(super) due: Option<String>,
    #[serde(default)]
    pub(super) assigned: Option<String>,
    #[serde(default)]
    pub(super) person_id: Option<String>,
    #[serde(default)]
    pub(super) offset: Option<i64>,
}

pub(super) const PAGE_SIZE: i64 = 50;

/// The work queue.
pub(crate) async fn queue(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(form): Query<QueueForm>,
) -> Result<Response, UiError> {
    let q = QueueForm {
        app_type: nonempty(&form.app_type),
        state: nonempty(&form.state),
        status: nonempty(&form.status),
        due: nonempty(&form.due),
        assigned: nonempty(&form.assigned),
        person_id: nonempty(&form.person_id),
        offset: form.offset.filter(|o| *o > 0),
    };
    let query = QueueQuery {
        app_type: q.app_type.clone(),
        state: q.state.clone(),
        status: q.status.clone(),
        due: q.due.clone(),
        assigned: q.assigned.clone(),
        person_id: q.person_id.clone(),
        limit: Some(PAGE_SIZE),
        offset: q.offset,
    };
    let queue = match state.services.application_queue(&cu.ctx, &query).await {
        Ok(q) => q,
        Err(ServiceError::Validation { .. }) => {
            return Err(UiError::BadRequest("error-bad-request"));
        }
        Err(e) => return Err(e.into()),
    };
    let base: Vec<String> = [
        ("app_type", &q.app_type),
        ("state", &q.state),
        ("status", &q.status),
        ("due", &q.due),
        ("assigned", &q.assigned),
        ("person_id", &q.person_id),
    ]
    .iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", urlencode(v))))
    .collect();
    let offset = q.offset.unwrap_or(0);
    let link = |o: i64| {
        let mut parts = base.clone();
        if o > 0 {
            parts.push(format!("offset={o}"));
        }
        format!("/cases?{}", parts.join("&"))
    };
    let names = if cu.ctx.may(Permission::ReadPersons) {
        let ids: Vec<&str> = queue.items.iter().map(|c| c.person_id.as_str()).collect();
        state.services.display_names(&cu.ctx, &ids).await?
    } else {
        Default::default()
    };
    let prev = (offset > 0).then(|| link((offset - PAGE_SIZE).max(0)));
    let more = queue.total_is_capped || offset + PAGE_SIZE < queue.total;
    let next = more.then(|| link(offset + PAGE_SIZE));
    render(&QueueTemplate {
        page: Page::for_user(&cu, "cases", "nav-cases", "/cases"),
        queue,
        names,
        q,
        types: TYPES.iter().map(|t| t.code).collect(),
        states: umis_domain::cases::State::ALL
            .iter()
            .map(|s| s.as_str())
            .collect(),
        may_write: cu.ctx.may(Permission::WriteApplications),
        prev,
        next,
    })
}

pub(super) fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
