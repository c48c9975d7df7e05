//! Interagency checks: listed for officers and partner bodies, answered by the body asked.

use super::*;

mod answer;

impl Services {
    /// Checks for a partner body: a client sees its own agency's only; an officer sees every
    /// agency's (or `agency`'s).
    pub async fn list_checks(
        &self,
        ctx: &Ctx,
        agency: Option<&str>,
        status: Option<&str>,
        limit: i64,
    ) -> Result<Vec<CheckView>, ServiceError> {
        let agency = match &ctx.actor {
            Actor::Client(c) => {
                self.authorize(ctx, Permission::AnswerChecks, "check.list")
                    .await?;
                Some(c.agency.clone().ok_or_else(|| {
                    ServiceError::Forbidden("the token speaks for no partner body".into())
                })?)
            }
            _ => {
                self.authorize(ctx, Permission::ReadApplications, "check.list")
                    .await?;
                agency.map(str::to_owned)
            }
        };
        let status = match status.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s @ ("pending" | "answered")) => Some(s),
            Some(other) => {
                return Err(invalid(
                    "status",
                    "unknown_status",
                    format!("status must be pending or answered (got '{other}')"),
                ));
            }
        };
        let rows = self
            .store
            .list_checks(agency.as_deref(), status, limit.clamp(1, 500))
            .await?;
        let today = self.local_today();
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let number = self
                .store
                .get_application(r.application_id)
                .await
                .ok()
                .map(|a| a.number);
            out.push(check_view(r, number, today));
        }
        self.audit_read(
            ctx,
            "check.list",
            None,
            None,
            serde_json::json!({"rows": out.len()}),
        )
        .await?;
        Ok(out)
    }
}
