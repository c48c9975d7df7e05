//! The store's filter for a work queue view: the caller's office, state, deadline and
//! assignment.

use super::*;

impl Services {
    /// The store's filter for a queue view of the caller's office.
    pub(super) async fn queue_filter(
        &self,
        ctx: &Ctx,
        q: &QueueQuery,
        today: Date,
        cal: &WorkCalendar,
    ) -> Result<CaseFilter, ServiceError> {
        let opt = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let app_type = match opt(&q.app_type) {
            None => None,
            Some(t) => Some(
                t.parse::<AppType>()
                    .map_err(|e| invalid("app_type", "unknown_type", e.to_string()))?
                    .as_str()
                    .to_owned(),
            ),
        };
        let state = match opt(&q.state) {
            None => None,
            Some(s) => Some(
                s.parse::<State>()
                    .map_err(|e| invalid("state", "unknown_state", e.to_string()))?
                    .as_str()
                    .to_owned(),
            ),
        };
        let open = match opt(&q.status).as_deref() {
            None | Some("open") => Some(true),
            Some("closed") => Some(false),
            Some("all") => None,
            Some(other) => {
                return Err(invalid(
                    "status",
                    "unknown_status",
                    format!("status must be open, closed or all (got '{other}')"),
                ));
            }
        };
        let due_by = match opt(&q.due).as_deref() {
            None => None,
            Some("overdue") => today.checked_sub(Duration::days(1)).map(|d| d.to_string()),
            Some("at_risk") => {
                let mut d = today;
                let mut left = cases::AT_RISK_WORKING_DAYS;
                while left > 0 {
                    d = d.checked_add(Duration::days(1)).unwrap_or(d);
                    if cal.is_working_day(d) {
                        left -= 1;
                    }
                }
                Some(d.to_string())
            }
            Some(other) => {
                return Err(invalid(
                    "due",
                    "unknown_due",
                    format!("due must be overdue or at_risk (got '{other}')"),
                ));
            }
        };
        let assigned_to = match opt(&q.assigned).as_deref() {
            Some("me") => Some(ctx.actor_name()),
            other => other.map(str::to_owned),
        };
        let person_id = match opt(&q.person_id) {
            None => None,
            Some(p) => Some(
                p.parse::<PersonId>()
                    .map_err(|e| invalid("person_id", "invalid_person_id", e.to_string()))?
                    .as_i64(),
            ),
        };
        Ok(CaseFilter {
            office: self.office_scope(ctx).await?,
            open,
            app_type,
            state,
            due_by,
            assigned_to,
            person_id,
        })
    }
}
