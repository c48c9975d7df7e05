//! Applications (cases): the case rows with their workflow state and legal clock, the timeline,
//! interagency checks, attachments, the case policy rules and holiday calendar, and the
//! history of the permits that approvals issue.
//!
//! Every change of a case is an optimistic-concurrency write: it names the version it was
//! based on, and a case changed meanwhile by someone else is a conflict, never overwritten.

mod attachments;
mod cases;
mod checks;
mod holidays;
mod linked;
mod permits;
mod policy;
mod rows;

use crate::{Store, StoreError, audited, on_pool};
use umis_domain::NewAuditEntry;

pub(crate) use cases::*;
use linked::{ATTACHMENT_COLUMNS, CHECK_COLUMNS};
pub use linked::{AttachmentMeta, CheckRow, PermitEvent, PermitRecord, PolicyRuleRow};
use rows::APP_COLUMNS;
pub use rows::{ApplicationRow, CaseChange, CaseEvent, CaseFilter};

/// The message of a stale write.
pub const STALE: &str =
    "the case was changed by someone else since it was read: reload it and try again";
