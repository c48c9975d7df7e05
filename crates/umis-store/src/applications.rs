//! Applications (cases): the case rows with their workflow state and legal clock, the timeline,
//! interagency checks, attachments, the case policy rules and holiday calendar, and the
//! history of the permits that approvals issue.
//!
//! Every change of a case is an optimistic-concurrency write: it names the version it was
//! based on, and a case changed meanwhile by someone else is a conflict, never overwritten.

use crate::{Store, StoreError, audited, on_pool};
use umis_domain::NewAuditEntry;

/// One application as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ApplicationRow {
    /// Id (0 for a new one).
    pub application_id: i64,
    /// Public number, e.g. `TRP-2026-000042`.
    pub number: String,
    /// Type (`temporary_residence`…).
    pub app_type: String,
    /// Applicant (the worker, for a work permit).
    pub person_id: i64,
    /// Office in charge.
    pub office_code: String,
    /// Workflow state.
    pub state: String,
    /// Whether the case is in a queue.
    pub is_open: bool,
    /// Proposed or decided outcome.
    pub outcome: Option<String>,
    /// Legal ground of the proposal or decision.
    pub ground: Option<String>,
    /// Reasoning of the proposal or decision.
    pub reasoning: Option<String>,
    /// Form fields (JSON object).
    pub fields: String,
    /// Document kinds on file (JSON array).
    pub documents: String,
    /// Warnings raised at intake (JSON array).
    pub warnings: String,
    /// Applicant's language for letters.
    pub lang: String,
    /// Day filed.
    pub filed_on: Option<String>,
    /// Day registered (the clock's start).
    pub registered_on: Option<String>,
    /// Legal deadline while the clock runs.
    pub deadline: Option<String>,
    /// Queue sort key: the deadline, or `9999-12-31`.
    pub queue_due: String,
    /// Stretches the clock stood still (JSON array of `[from, to]`).
    pub pauses: String,
    /// Day the clock stopped, while it is stopped.
    pub paused_since: Option<String>,
    /// Officer in charge.
    pub assigned_to: Option<String>,
    /// Officers who prepared the case (comma-separated).
    pub preparers: String,
    /// Who proposed.
    pub proposed_by: Option<String>,
    /// Who decided.
    pub decided_by: Option<String>,
    /// Day decided.
    pub decided_on: Option<String>,
    /// Appeals lodged.
    pub appeals: i64,
    /// The decider whose decision is under appeal.
    pub appealed_decider: Option<String>,
    /// Number of the permit issued.
    pub permit_number: Option<String>,
    /// Optimistic-concurrency version.
    pub version: i64,
    /// Created (Unix µs).
    pub created_at: i64,
    /// By whom.
    pub created_by: String,
    /// Last changed (Unix µs).
    pub updated_at: i64,
}

const APP_COLUMNS: &str = "application_id, number, app_type, person_id, office_code, state, \
    is_open, outcome, ground, reasoning, fields, documents, warnings, lang, filed_on, \
    registered_on, deadline, queue_due, pauses, paused_since, assigned_to, preparers, \
    proposed_by, decided_by, decided_on, appeals, appealed_decider, permit_number, version, \
    created_at, created_by, updated_at";

/// One event of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CaseEvent {
    /// Case.
    pub application_id: i64,
    /// Number within the case (0 for a new one).
    pub seq: i64,
    /// When (Unix µs).
    pub at: i64,
    /// Who.
    pub actor: String,
    /// What (`submit`, `register`, `check.answer`, `attachment.add`…).
    pub action: String,
    /// State before.
    pub from_state: Option<String>,
    /// State after.
    pub to_state: String,
    /// Reason or note.
    pub note: Option<String>,
    /// Further details (JSON).
    pub details: String,
}

/// An interagency check.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CheckRow {
    /// Id (0 for a new one).
    pub check_id: i64,
    /// Case.
    pub application_id: i64,
    /// Partner body (`security`, `internal_affairs`…).
    pub agency: String,
    /// What is asked.
    pub question: String,
    /// `pending` or `answered`.
    pub status: String,
    /// Requested (Unix µs).
    pub requested_at: i64,
    /// By whom.
    pub requested_by: String,
    /// Answer due.
    pub due_on: String,
    /// `no_objection`, `objection` or `no_record`.
    pub answer: Option<String>,
    /// The answer's text.
    pub answer_text: Option<String>,
    /// Answered (Unix µs).
    pub answered_at: Option<i64>,
    /// By whom.
    pub answered_by: Option<String>,
}

const CHECK_COLUMNS: &str = "check_id, application_id, agency, question, status, requested_at, \
    requested_by, due_on, answer, answer_text, answered_at, answered_by";

/// An attached document, without its content.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AttachmentMeta {
    /// Id.
    pub attachment_id: i64,
    /// Case.
    pub application_id: i64,
    /// Checklist kind (`passport_copy`…).
    pub doc_kind: String,
    /// File name as uploaded (sanitised).
    pub filename: String,
    /// Content type detected from the content.
    pub content_type: String,
    /// Size.
    pub size_bytes: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// Uploaded (Unix µs).
    pub uploaded_at: i64,
    /// By whom.
    pub uploaded_by: String,
}

const ATTACHMENT_COLUMNS: &str = "attachment_id, application_id, doc_kind, filename, \
    content_type, size_bytes, sha256, uploaded_at, uploaded_by";

/// A case policy rule as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PolicyRuleRow {
    /// Id (0 for a new one).
    pub rule_id: i64,
    /// Code.
    pub code: String,
    /// Parameters (JSON object).
    pub params: String,
    /// First day in force.
    pub valid_from: String,
    /// Last day in force.
    pub valid_to: Option<String>,
    /// Legal reference.
    pub legal_ref: String,
    /// `sourced` or `uncertain`.
    pub status: String,
    /// Changed (Unix µs).
    pub updated_at: i64,
    /// By whom.
    pub updated_by: String,
}

/// A permit with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PermitRecord {
    /// Holder.
    pub person_id: i64,
    /// Number within the holder's permits.
    pub permit_id: i64,
    /// Kind.
    pub kind: String,
    /// Number.
    pub number: String,
    /// First valid day.
    pub valid_from: String,
    /// Last valid day.
    pub valid_to: String,
    /// `valid`, `revoked` or `replaced`.
    pub status: String,
    /// Recorded (Unix µs).
    pub created_at: i64,
    /// The application that issued it.
    pub application_id: Option<i64>,
    /// Conditions.
    pub conditions: Option<String>,
}

/// One event of a permit's history.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PermitEvent {
    /// Holder.
    pub person_id: i64,
    /// Permit.
    pub permit_id: i64,
    /// Number within the permit's history.
    pub seq: i64,
    /// When (Unix µs).
    pub at: i64,
    /// Who.
    pub actor: String,
    /// `issued`, `extended`, `replaced` or `revoked`.
    pub action: String,
    /// Details (JSON).
    pub details: String,
}

/// Which cases a queue shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    /// Only this office's cases.
    pub office: Option<String>,
    /// Only open (true) or only finished (false) cases.
    pub open: Option<bool>,
    /// Only this type.
    pub app_type: Option<String>,
    /// Only this state.
    pub state: Option<String>,
    /// Only cases due on or before this day.
    pub due_by: Option<String>,
    /// Only cases assigned to this officer.
    pub assigned_to: Option<String>,
    /// Only this applicant's cases.
    pub person_id: Option<i64>,
}

/// What a saved change of a case brings along, written in the same transaction.
#[derive(Debug, Clone, Default)]
pub struct CaseChange {
    /// Checks to request.
    pub new_checks: Vec<CheckRow>,
    /// A permit to issue (its `permit_id` is assigned).
    pub permit: Option<PermitRecord>,
    /// A check answered: (check id, answer, text, by, at).
    pub answered_check: Option<(i64, String, Option<String>, String, i64)>,
    /// An attachment to store: its metadata and content.
    pub attachment: Option<(AttachmentMeta, Vec<u8>)>,
}

fn where_clause(f: &CaseFilter) -> (String, Vec<String>) {
    // Text binds only; `is_open` is compared through a literal so one statement fits both
    // backends (INTEGER on SQLite, BOOLEAN on PostgreSQL).
    let mut conds = Vec::new();
    let mut binds = Vec::new();
    let mut push = |cond: &str, v: &str| {
        binds.push(v.to_owned());
        conds.push(cond.replace('?', &format!("${}", binds.len())));
    };
    if let Some(o) = &f.office {
        push("office_code = ?", o);
    }
    if let Some(t) = &f.app_type {
        push("app_type = ?", t);
    }
    if let Some(s) = &f.state {
        push("state = ?", s);
    }
    if let Some(d) = &f.due_by {
        push("queue_due <= ?", d);
    }
    if let Some(a) = &f.assigned_to {
        push("assigned_to = ?", a);
    }
    if let Some(p) = f.person_id {
        push("CAST(person_id AS TEXT) = ?", &p.to_string());
    }
    match f.open {
        Some(true) => conds.push("is_open = TRUE".into()),
        Some(false) => conds.push("is_open = FALSE".into()),
        None => {}
    }
    let w = if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    };
    (w, binds)
}

macro_rules! insert_event {
    ($tx:expr, $e:expr) => {{
        let e: &CaseEvent = $e;
        let (next,): (i64,) = sqlx::query_as(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM application_events WHERE application_id = $1",
        )
        .bind(e.application_id)
        .fetch_one(&mut *$tx)
        .await?;
        sqlx::query(
            "INSERT INTO application_events (application_id, seq, at, actor, action, \
             from_state, to_state, note, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(e.application_id)
        .bind(next)
        .bind(e.at)
        .bind(&e.actor)
        .bind(&e.action)
        .bind(&e.from_state)
        .bind(&e.to_state)
        .bind(&e.note)
        .bind(&e.details)
        .execute(&mut *$tx)
        .await?;
    }};
}

macro_rules! insert_permit_event {
    ($tx:expr, $person:expr, $permit:expr, $at:expr, $actor:expr, $action:expr, $details:expr) => {{
        let (next,): (i64,) = sqlx::query_as(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM permit_events WHERE person_id = $1 \
             AND permit_id = $2",
        )
        .bind($person)
        .bind($permit)
        .fetch_one(&mut *$tx)
        .await?;
        sqlx::query(
            "INSERT INTO permit_events (person_id, permit_id, seq, at, actor, action, details) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind($person)
        .bind($permit)
        .bind(next)
        .bind($at)
        .bind($actor)
        .bind($action)
        .bind($details)
        .execute(&mut *$tx)
        .await?;
    }};
}
pub(crate) use insert_permit_event;

/// Inserts permit `$p` (a [`PermitRecord`]) as the holder's next permit, with its `issued`
/// history event by `$actor`; evaluates to the new permit id. The one way a permit is written.
macro_rules! insert_permit {
    ($tx:expr, $p:expr, $actor:expr) => {{
        let p: &$crate::PermitRecord = $p;
        let (next,): (i64,) = sqlx::query_as(
            "SELECT COALESCE(MAX(permit_id), 0) + 1 FROM permits WHERE person_id = $1",
        )
        .bind(p.person_id)
        .fetch_one(&mut *$tx)
        .await?;
        sqlx::query(
            "INSERT INTO permits (person_id, permit_id, kind, number, valid_from, valid_to, \
             status, created_at, application_id, conditions) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(p.person_id)
        .bind(next)
        .bind(&p.kind)
        .bind(&p.number)
        .bind(&p.valid_from)
        .bind(&p.valid_to)
        .bind(&p.status)
        .bind(p.created_at)
        .bind(p.application_id)
        .bind(&p.conditions)
        .execute(&mut *$tx)
        .await?;
        let details = serde_json::json!({
            "number": p.number, "valid_from": p.valid_from, "valid_to": p.valid_to,
            "application_id": p.application_id,
        })
        .to_string();
        $crate::applications::insert_permit_event!(
            $tx, p.person_id, next, p.created_at, $actor, "issued", details
        );
        next
    }};
}
pub(crate) use insert_permit;

/// The message of a stale write.
pub const STALE: &str =
    "the case was changed by someone else since it was read: reload it and try again";

impl Store {
    /// Creates a case with its first event; numbers it `{prefix}-{year}-{id:06}` and returns
    /// (id, number).
    pub async fn create_application(
        &self,
        row: &ApplicationRow,
        prefix_year: &str,
        first: &CaseEvent,
        audit: impl FnOnce(i64, &str) -> NewAuditEntry,
    ) -> Result<(i64, String), StoreError> {
        let temp = format!("~{}-{}", row.created_at, row.person_id);
        let cols = APP_COLUMNS.trim_start_matches("application_id, ");
        let sql = format!(
            "INSERT INTO applications ({cols}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
             $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, \
             $27, $28, $29, $30, $31) RETURNING application_id"
        );
        Ok(audited!(&self.db, tx => {
            let (id,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(&temp)
                .bind(&row.app_type)
                .bind(row.person_id)
                .bind(&row.office_code)
                .bind(&row.state)
                .bind(row.is_open)
                .bind(&row.outcome)
                .bind(&row.ground)
                .bind(&row.reasoning)
                .bind(&row.fields)
                .bind(&row.documents)
                .bind(&row.warnings)
                .bind(&row.lang)
                .bind(&row.filed_on)
                .bind(&row.registered_on)
                .bind(&row.deadline)
                .bind(&row.queue_due)
                .bind(&row.pauses)
                .bind(&row.paused_since)
                .bind(&row.assigned_to)
                .bind(&row.preparers)
                .bind(&row.proposed_by)
                .bind(&row.decided_by)
                .bind(&row.decided_on)
                .bind(row.appeals)
                .bind(&row.appealed_decider)
                .bind(&row.permit_number)
                .bind(row.version)
                .bind(row.created_at)
                .bind(&row.created_by)
                .bind(row.updated_at)
                .fetch_one(&mut *tx)
                .await?;
            let number = format!("{prefix_year}-{id:06}");
            sqlx::query("UPDATE applications SET number = $1 WHERE application_id = $2")
                .bind(&number)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let mut e = first.clone();
            e.application_id = id;
            insert_event!(tx, &e);
            (id, number)
        }, |out| audit(out.0, &out.1)))
    }

    /// Saves a changed case if it is still at `expected_version` (else [`STALE`] conflict),
    /// with its event and whatever `change` brings, in one transaction with the audit entry.
    /// Returns the new version and, when a permit was issued, its id within the holder's
    /// permits.
    pub async fn save_case(
        &self,
        row: &ApplicationRow,
        expected_version: i64,
        event: &CaseEvent,
        change: &CaseChange,
        audit: NewAuditEntry,
    ) -> Result<(i64, Option<i64>), StoreError> {
        Ok(audited!(&self.db, tx => {
            let done = sqlx::query(
                "UPDATE applications SET state = $1, is_open = $2, outcome = $3, ground = $4, \
                 reasoning = $5, fields = $6, documents = $7, warnings = $8, lang = $9, \
                 filed_on = $10, registered_on = $11, deadline = $12, queue_due = $13, \
                 pauses = $14, paused_since = $15, assigned_to = $16, preparers = $17, \
                 proposed_by = $18, decided_by = $19, decided_on = $20, appeals = $21, \
                 appealed_decider = $22, permit_number = $23, updated_at = $24, \
                 version = version + 1 WHERE application_id = $25 AND version = $26",
            )
            .bind(&row.state)
            .bind(row.is_open)
            .bind(&row.outcome)
            .bind(&row.ground)
            .bind(&row.reasoning)
            .bind(&row.fields)
            .bind(&row.documents)
            .bind(&row.warnings)
            .bind(&row.lang)
            .bind(&row.filed_on)
            .bind(&row.registered_on)
            .bind(&row.deadline)
            .bind(&row.queue_due)
            .bind(&row.pauses)
            .bind(&row.paused_since)
            .bind(&row.assigned_to)
            .bind(&row.preparers)
            .bind(&row.proposed_by)
            .bind(&row.decided_by)
            .bind(&row.decided_on)
            .bind(row.appeals)
            .bind(&row.appealed_decider)
            .bind(&row.permit_number)
            .bind(row.updated_at)
            .bind(row.application_id)
            .bind(expected_version)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Conflict(STALE.into()));
            }
            insert_event!(tx, event);
            for c in &change.new_checks {
                sqlx::query(
                    "INSERT INTO application_checks (application_id, agency, question, status, \
                     requested_at, requested_by, due_on) VALUES ($1, $2, $3, 'pending', $4, $5, $6)",
                )
                .bind(row.application_id)
                .bind(&c.agency)
                .bind(&c.question)
                .bind(c.requested_at)
                .bind(&c.requested_by)
                .bind(&c.due_on)
                .execute(&mut *tx)
                .await?;
            }
            if let Some((id, answer, text, by, at)) = &change.answered_check {
                let done = sqlx::query(
                    "UPDATE application_checks SET status = 'answered', answer = $1, \
                     answer_text = $2, answered_by = $3, answered_at = $4 \
                     WHERE check_id = $5 AND application_id = $6 AND status = 'pending'",
                )
                .bind(answer)
                .bind(text)
                .bind(by)
                .bind(at)
                .bind(id)
                .bind(row.application_id)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::Conflict("the check was already answered".into()));
                }
            }
            if let Some((m, content)) = &change.attachment {
                sqlx::query(
                    "INSERT INTO application_attachments (application_id, doc_kind, filename, \
                     content_type, size_bytes, sha256, content, uploaded_at, uploaded_by) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(row.application_id)
                .bind(&m.doc_kind)
                .bind(&m.filename)
                .bind(&m.content_type)
                .bind(m.size_bytes)
                .bind(&m.sha256)
                .bind(content.as_slice())
                .bind(m.uploaded_at)
                .bind(&m.uploaded_by)
                .execute(&mut *tx)
                .await?;
            }
            let mut permit_id = None;
            if let Some(p) = &change.permit {
                permit_id = Some(insert_permit!(tx, p, &event.actor));
            }
            (expected_version + 1, permit_id)
        }, audit))
    }

    /// One case.
    pub async fn get_application(&self, id: i64) -> Result<ApplicationRow, StoreError> {
        let sql = format!("SELECT {APP_COLUMNS} FROM applications WHERE application_id = $1");
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(pool).await?
        }))
    }

    /// A page of cases matching `f`, soonest deadline first.
    pub async fn list_applications(
        &self,
        f: &CaseFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<ApplicationRow>, StoreError> {
        let (w, binds) = where_clause(f);
        let n = binds.len();
        let sql = format!(
            "SELECT {APP_COLUMNS} FROM applications {w} ORDER BY queue_due, application_id \
             LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        Ok(on_pool!(&self.db, pool => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
            for b in &binds {
                q = q.bind(b);
            }
            q.bind(limit).bind(offset).fetch_all(pool).await?
        }))
    }

    /// How many cases match `f`.
    pub async fn count_applications(&self, f: &CaseFilter) -> Result<i64, StoreError> {
        self.count_applications_upto(f, None).await
    }

    /// How many cases match `f`, counting no further than `cap` (a queue page need not count
    /// a hundred thousand rows to say "more than 10,000").
    pub async fn count_applications_upto(
        &self,
        f: &CaseFilter,
        cap: Option<i64>,
    ) -> Result<i64, StoreError> {
        let (w, binds) = where_clause(f);
        let sql = match cap {
            Some(c) => format!(
                "SELECT COUNT(*) FROM (SELECT 1 FROM applications {w} LIMIT {}) capped",
                c.max(0)
            ),
            None => format!("SELECT COUNT(*) FROM applications {w}"),
        };
        Ok(on_pool!(&self.db, pool => {
            let mut q = sqlx::query_as::<_, (i64,)>(sqlx::AssertSqlSafe(sql));
            for b in &binds {
                q = q.bind(b);
            }
            q.fetch_one(pool).await?.0
        }))
    }

    /// A case's timeline, oldest first.
    pub async fn case_events(&self, id: i64) -> Result<Vec<CaseEvent>, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "SELECT application_id, seq, at, actor, action, from_state, to_state, note, \
                 details FROM application_events WHERE application_id = $1 ORDER BY seq",
            )
            .bind(id)
            .fetch_all(pool)
            .await?
        }))
    }

    /// A case's checks, in request order.
    pub async fn case_checks(&self, id: i64) -> Result<Vec<CheckRow>, StoreError> {
        let sql = format!(
            "SELECT {CHECK_COLUMNS} FROM application_checks WHERE application_id = $1 \
             ORDER BY check_id"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_all(pool).await?
        }))
    }

    /// One check.
    pub async fn get_check(&self, id: i64) -> Result<CheckRow, StoreError> {
        let sql = format!("SELECT {CHECK_COLUMNS} FROM application_checks WHERE check_id = $1");
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(pool).await?
        }))
    }

    /// Checks addressed to `agency` (all agencies when `None`), optionally in one status,
    /// soonest due first.
    pub async fn list_checks(
        &self,
        agency: Option<&str>,
        status: Option<&str>,
        limit: i64,
    ) -> Result<Vec<CheckRow>, StoreError> {
        let sql = format!(
            "SELECT {CHECK_COLUMNS} FROM application_checks WHERE ($1 IS NULL OR agency = $1) \
             AND ($2 IS NULL OR status = $2) ORDER BY due_on, check_id LIMIT $3"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(agency)
                .bind(status)
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }

    /// A case's attachments (without content), in upload order.
    pub async fn attachments_of(&self, id: i64) -> Result<Vec<AttachmentMeta>, StoreError> {
        let sql = format!(
            "SELECT {ATTACHMENT_COLUMNS} FROM application_attachments WHERE application_id = $1 \
             ORDER BY attachment_id"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_all(pool).await?
        }))
    }

    /// One attachment with its content.
    pub async fn attachment(&self, id: i64) -> Result<(AttachmentMeta, Vec<u8>), StoreError> {
        let sql = format!(
            "SELECT {ATTACHMENT_COLUMNS} FROM application_attachments WHERE attachment_id = $1"
        );
        Ok(on_pool!(&self.db, pool => {
            let meta: AttachmentMeta =
                sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(pool).await?;
            let (content,): (Vec<u8>,) = sqlx::query_as(
                "SELECT content FROM application_attachments WHERE attachment_id = $1",
            )
            .bind(id)
            .fetch_one(pool)
            .await?;
            (meta, content)
        }))
    }

    /// Every case policy rule, by code and start.
    pub async fn policy_rules(&self) -> Result<Vec<PolicyRuleRow>, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "SELECT rule_id, code, params, valid_from, valid_to, legal_ref, status, \
                 updated_at, updated_by FROM policy_rules ORDER BY code, valid_from",
            )
            .fetch_all(pool)
            .await?
        }))
    }

    /// Stores each default rule whose code has no rule yet (first start, and codes added by a
    /// new version). Every statement writes from its start, so concurrent first requests
    /// cannot deadlock on SQLite.
    pub async fn seed_policy_rules(&self, rows: &[PolicyRuleRow]) -> Result<(), StoreError> {
        on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            for r in rows {
                sqlx::query(
                    "INSERT INTO policy_rules (code, params, valid_from, valid_to, legal_ref, \
                     status, updated_at, updated_by) SELECT $1, $2, $3, $4, $5, $6, $7, $8 \
                     WHERE NOT EXISTS (SELECT 1 FROM policy_rules WHERE code = $1)",
                )
                .bind(&r.code)
                .bind(&r.params)
                .bind(&r.valid_from)
                .bind(&r.valid_to)
                .bind(&r.legal_ref)
                .bind(&r.status)
                .bind(r.updated_at)
                .bind(&r.updated_by)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Adds a rule (`rule_id` 0) or changes one; returns its id.
    pub async fn save_policy_rule(
        &self,
        r: &PolicyRuleRow,
        audit: NewAuditEntry,
    ) -> Result<i64, StoreError> {
        Ok(audited!(&self.db, tx => {
            if r.rule_id == 0 {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO policy_rules (code, params, valid_from, valid_to, legal_ref, \
                     status, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                     RETURNING rule_id",
                )
                .bind(&r.code)
                .bind(&r.params)
                .bind(&r.valid_from)
                .bind(&r.valid_to)
                .bind(&r.legal_ref)
                .bind(&r.status)
                .bind(r.updated_at)
                .bind(&r.updated_by)
                .fetch_one(&mut *tx)
                .await?;
                id
            } else {
                let done = sqlx::query(
                    "UPDATE policy_rules SET params = $1, valid_from = $2, valid_to = $3, \
                     legal_ref = $4, status = $5, updated_at = $6, updated_by = $7 \
                     WHERE rule_id = $8",
                )
                .bind(&r.params)
                .bind(&r.valid_from)
                .bind(&r.valid_to)
                .bind(&r.legal_ref)
                .bind(&r.status)
                .bind(r.updated_at)
                .bind(&r.updated_by)
                .bind(r.rule_id)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                r.rule_id
            }
        }, audit))
    }

    /// The holiday calendar: (day, name), by day.
    pub async fn holidays(&self) -> Result<Vec<(String, String)>, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as("SELECT day, name FROM holidays ORDER BY day").fetch_all(pool).await?
        }))
    }

    /// Stores the default holidays when the calendar is empty (first start): one statement,
    /// so concurrent first requests cannot insert twice or deadlock.
    pub async fn seed_holidays(&self, days: &[(String, String)]) -> Result<(), StoreError> {
        if days.is_empty() {
            return Ok(());
        }
        let sqlite = self.is_sqlite();
        let values: Vec<String> = (0..days.len())
            .map(|i| {
                if sqlite {
                    "(?, ?)".to_owned()
                } else {
                    format!("(${}, ${})", 2 * i + 1, 2 * i + 2)
                }
            })
            .collect();
        let sql = format!(
            "WITH v(day, name) AS (VALUES {}) INSERT INTO holidays (day, name) \
             SELECT day, name FROM v WHERE NOT EXISTS (SELECT 1 FROM holidays) \
             ON CONFLICT (day) DO NOTHING",
            values.join(", ")
        );
        on_pool!(&self.db, pool => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (day, name) in days {
                q = q.bind(day).bind(name);
            }
            q.execute(pool).await?;
        });
        Ok(())
    }

    /// Adds (or renames) a holiday, or removes it when `name` is `None`.
    pub async fn set_holiday(
        &self,
        day: &str,
        name: Option<&str>,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            sqlx::query("DELETE FROM holidays WHERE day = $1")
                .bind(day)
                .execute(&mut *tx)
                .await?;
            if let Some(name) = name {
                sqlx::query("INSERT INTO holidays (day, name) VALUES ($1, $2)")
                    .bind(day)
                    .bind(name)
                    .execute(&mut *tx)
                    .await?;
            }
        }, audit);
        Ok(())
    }

    /// A person's permits, every status, newest first.
    pub async fn permit_records(&self, person_id: i64) -> Result<Vec<PermitRecord>, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "SELECT person_id, permit_id, kind, number, valid_from, valid_to, status, \
                 created_at, application_id, conditions FROM permits WHERE person_id = $1 \
                 ORDER BY permit_id DESC",
            )
            .bind(person_id)
            .fetch_all(pool)
            .await?
        }))
    }

    /// A permit by its number.
    pub async fn permit_by_number(&self, number: &str) -> Result<PermitRecord, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "SELECT person_id, permit_id, kind, number, valid_from, valid_to, status, \
                 created_at, application_id, conditions FROM permits WHERE number = $1",
            )
            .bind(number)
            .fetch_one(pool)
            .await?
        }))
    }

    /// A permit's history, oldest first.
    pub async fn permit_events(
        &self,
        person_id: i64,
        permit_id: i64,
    ) -> Result<Vec<PermitEvent>, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "SELECT person_id, permit_id, seq, at, actor, action, details FROM permit_events \
                 WHERE person_id = $1 AND permit_id = $2 ORDER BY seq",
            )
            .bind(person_id)
            .bind(permit_id)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Changes a valid permit: `extended` (new `valid_to`), `replaced` (new `number`, for a
    /// lost or damaged card) or `revoked`; records the event. A permit that is not valid is a
    /// conflict.
    #[allow(clippy::too_many_arguments)]
    pub async fn change_permit(
        &self,
        person_id: i64,
        permit_id: i64,
        action: &str,
        valid_to: Option<&str>,
        number: Option<&str>,
        at: i64,
        actor: &str,
        details: &str,
        audit: NewAuditEntry,
    ) -> Result<(), StoreError> {
        audited!(&self.db, tx => {
            if let Some(new_number) = number {
                // The case that issued the permit follows a replacement card's new number.
                sqlx::query(
                    "UPDATE applications SET permit_number = $1 WHERE permit_number = \
                     (SELECT number FROM permits WHERE person_id = $2 AND permit_id = $3)",
                )
                .bind(new_number)
                .bind(person_id)
                .bind(permit_id)
                .execute(&mut *tx)
                .await?;
            }
            let done = sqlx::query(
                "UPDATE permits SET valid_to = COALESCE($1, valid_to), \
                 number = COALESCE($2, number), \
                 status = CASE WHEN $3 = 'revoked' THEN 'revoked' ELSE status END \
                 WHERE person_id = $4 AND permit_id = $5 AND status = 'valid'",
            )
            .bind(valid_to)
            .bind(number)
            .bind(action)
            .bind(person_id)
            .bind(permit_id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Conflict("the permit is not valid".into()));
            }
            insert_permit_event!(tx, person_id, permit_id, at, actor, action, details);
        }, audit);
        Ok(())
    }

    /// Permits of `kind` issued with a validity starting in `year`.
    pub async fn count_permits_in_year(&self, kind: &str, year: i32) -> Result<i64, StoreError> {
        let from = format!("{year:04}-01-01");
        let to = format!("{year:04}-12-31");
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as::<_, (i64,)>(
                "SELECT COUNT(*) FROM permits WHERE kind = $1 AND valid_from >= $2 \
                 AND valid_from <= $3",
            )
            .bind(kind)
            .bind(from)
            .bind(to)
            .fetch_one(pool)
            .await?
            .0
        }))
    }
}
