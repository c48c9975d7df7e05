//! Applications stored and read: created with their first event, saved with a change and its event, listed by filter.

use super::*;

pub(super) fn where_clause(f: &CaseFilter) -> (String, Vec<String>) {
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
        // Text binds only: the number is cast back, so the index on person_id serves.
        push("person_id = CAST(? AS BIGINT)", &p.to_string());
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
        // The page's ids are found in a queue index alone; only the page's own rows are read
        // (the rows skipped by the offset are never fetched).
        let sql = format!(
            "SELECT {APP_COLUMNS} FROM applications WHERE application_id IN \
             (SELECT application_id FROM applications {w} ORDER BY queue_due, application_id \
             LIMIT ${} OFFSET ${}) ORDER BY queue_due, application_id",
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
}
