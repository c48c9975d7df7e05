//! The auditor's view of the audit log, filtered by actor, person, action and period.

use super::{Page, render};
use crate::extract::CurrentUser;
use crate::i18n::parse_local_date;
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use umis_domain::AuditRecord;
use umis_service::AuditFilter;

const PAGE_SIZE: i64 = 50;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct AuditQuery {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    person: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    before: Option<i64>,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    page: Page,
    q: AuditQuery,
    rows: Vec<AuditRecord>,
    errors: Vec<(&'static str, &'static str)>,
    next_url: Option<String>,
    chain_size: i64,
}

impl AuditPage {
    fn error(&self, field: &str) -> Option<&'static str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, k)| *k)
    }

    fn actor_kind_key(&self, r: &AuditRecord) -> String {
        format!("audit-actor-{}", r.entry.actor_kind.as_str())
    }

    fn outcome_key(&self, r: &AuditRecord) -> String {
        format!("audit-outcome-{}", r.entry.outcome.as_str())
    }

    fn object(&self, r: &AuditRecord) -> String {
        match (&r.entry.object_type, &r.entry.object_id) {
            (Some(t), Some(id)) => format!("{t} {id}"),
            (Some(t), None) => t.clone(),
            _ => String::new(),
        }
    }

    fn details(&self, r: &AuditRecord) -> Vec<(String, String)> {
        super::audit_details::audit_facts(&self.page.tr, &r.entry.details)
    }
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.chars().take(128).collect())
}

pub(crate) async fn search(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<AuditQuery>,
) -> Result<Response, UiError> {
    let offset = state.config.display_utc_offset_minutes;
    let mut errors = Vec::new();
    let from = opt(&q.from).and_then(|d| {
        let parsed = parse_local_date(&d, offset);
        if parsed.is_none() {
            errors.push(("from", "audit-error-date"));
        }
        parsed
    });
    let until = opt(&q.to).and_then(|d| {
        let parsed = parse_local_date(&d, offset).map(|t| t + 86_400_000_000);
        if parsed.is_none() {
            errors.push(("to", "audit-error-date"));
        }
        parsed
    });
    let filter = AuditFilter {
        actor: opt(&q.actor),
        person_id: opt(&q.person),
        action: opt(&q.action),
        from,
        until,
        before_seq: q.before.filter(|b| *b > 0),
    };
    let rows = if errors.is_empty() {
        state
            .services
            .search_audit(&cu.ctx, &filter, PAGE_SIZE)
            .await?
    } else {
        // An invalid query still answers 403 to an officer without the role.
        state
            .services
            .authorize(&cu.ctx, umis_domain::Permission::ReadAudit, "audit.search")
            .await?;
        Vec::new()
    };
    let next_url = (rows.len() as i64 == PAGE_SIZE)
        .then(|| rows.last().map(|r| r.seq))
        .flatten()
        .map(|seq| {
            let params = [
                ("actor", q.actor.as_str()),
                ("person", q.person.as_str()),
                ("action", q.action.as_str()),
                ("from", q.from.as_str()),
                ("to", q.to.as_str()),
            ];
            let mut qs = serde_urlencoded::to_string(params).unwrap_or_default();
            qs.push_str(&format!("&before={seq}"));
            format!("/audit?{qs}")
        });
    let chain_size = state.services.audit_size(&cu.ctx).await?;
    let page = Page::for_user(&cu, "audit", "nav-audit", "/audit");
    render(&AuditPage {
        page,
        q,
        rows,
        errors,
        next_url,
        chain_size,
    })
}
