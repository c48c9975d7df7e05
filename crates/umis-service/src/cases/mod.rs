//! Applications and decisions: intake with eligibility checks and filing-window warnings, the
//! workflow (through the domain engine), legal clocks, interagency checks, attachments,
//! reasoned decisions and the permits they issue, and the policy rules and calendar the clocks
//! are counted on.

mod attachments;
mod catalogue;
mod checks;
mod intake;
mod permits;
mod queue;
mod read;
mod rules;
mod views;
mod workflow;

use crate::persons::invalid;
use crate::stay::parse_day;
use crate::{Actor, Ctx, ServiceError, Services};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use time::{Date, Duration};
use umis_domain::calendar::WorkCalendar;
use umis_domain::cases::{
    self, Action, ActionKind, AppType, Case, CasePolicies, ClockStatus, Outcome, Pause, PolicyRule,
    State, Who,
};
use umis_domain::person::PersonId;
use umis_domain::stay::PolicyStatus;
use umis_domain::{AuditOutcome, Permission};
use umis_store::{
    ApplicationRow, AttachmentMeta, CaseChange, CaseEvent, CaseFilter, CheckRow, PermitRecord,
    PolicyRuleRow, StoreError,
};

pub use attachments::{MAX_ATTACHMENT_BYTES, OTHER_DOCUMENT, sniff_content_type};
pub use catalogue::{CatalogueView, FieldConstraints, FieldView, RefusalGroundView, TypeView};
pub(crate) use rules::RulesCache;
pub use views::*;

/// The queue date of a case without a deadline: after every real one.
const FAR_FUTURE: &str = "9999-12-31";

fn who_of(ctx: &Ctx) -> Result<Who, ServiceError> {
    match &ctx.actor {
        Actor::User(u) => Ok(Who::Officer {
            name: u.username.clone(),
            role: u.role,
        }),
        Actor::Client(c) => Ok(Who::Client {
            name: c.client_name.clone(),
        }),
        Actor::System(s) => Ok(Who::System { name: s.clone() }),
        Actor::Anonymous => Err(ServiceError::Unauthenticated(crate::reason::LOGIN_REQUIRED)),
    }
}

fn json_list(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

fn json_pauses(s: &str) -> Vec<Pause> {
    let raw: Vec<(String, String)> = serde_json::from_str(s).unwrap_or_default();
    raw.iter()
        .filter_map(|(a, b)| {
            Some(Pause {
                from: parse_day(a)?,
                to: parse_day(b)?,
            })
        })
        .collect()
}

fn pauses_json(p: &[Pause]) -> String {
    let raw: Vec<(String, String)> = p
        .iter()
        .map(|p| (p.from.to_string(), p.to.to_string()))
        .collect();
    serde_json::to_string(&raw).unwrap_or_else(|_| "[]".into())
}

fn workflow_error(e: cases::WorkflowError) -> ServiceError {
    match e {
        cases::WorkflowError::NotPermitted { .. } | cases::WorkflowError::FourEyes { .. } => {
            ServiceError::Forbidden(e.to_string())
        }
        cases::WorkflowError::IllegalTransition { .. } => ServiceError::Refused {
            code: "illegal_transition",
            message: e.to_string(),
        },
        cases::WorkflowError::Precondition { code, message } => ServiceError::Validation {
            field: match code {
                "missing_documents" => "documents",
                "unknown_ground" | "ground_required" => "ground",
                "no_checks" => "agencies",
                "checks_pending" => "checks",
                _ => "action",
            },
            message,
            code,
        },
    }
}

fn text(
    field: &'static str,
    v: &Option<String>,
    max: usize,
) -> Result<Option<String>, ServiceError> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s)
            if s.chars().count() <= max
                && !s.chars().any(|c| c.is_control() && c != '\n' && c != '\r') =>
        {
            Ok(Some(s.to_owned()))
        }
        Some(_) => Err(invalid(
            field,
            "invalid_text",
            format!("{field} must be at most {max} printable characters"),
        )),
    }
}

fn rfc3339(micros: i64) -> String {
    crate::stay::rfc3339(micros)
}
