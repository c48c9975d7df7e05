//! The work queue and the assignment of cases to officers.

use super::*;

mod assign;
mod filter;

impl Services {
    /// A work queue: the caller's office's cases (every office for national roles and
    /// clients), soonest deadline first.
    pub async fn application_queue(
        &self,
        ctx: &Ctx,
        q: &QueueQuery,
    ) -> Result<QueuePage, ServiceError> {
        self.authorize(ctx, Permission::ReadApplications, "application.list")
            .await?;
        let today = self.local_today();
        let cal = self.holiday_calendar().await?;
        let filter = self.queue_filter(ctx, q, today, &cal).await?;
        let limit = q.limit.unwrap_or(50).clamp(1, 200);
        let offset = q.offset.unwrap_or(0).clamp(0, 1_000_000);
        let rows = self.store.list_applications(&filter, limit, offset).await?;
        let total = self
            .store
            .count_applications_upto(&filter, Some(QUEUE_COUNT_CAP + 1))
            .await?;
        self.audit_read(
            ctx,
            "application.list",
            None,
            None,
            serde_json::json!({"rows": rows.len(), "offset": offset}),
        )
        .await?;
        Ok(QueuePage {
            total: total.min(QUEUE_COUNT_CAP),
            total_is_capped: total > QUEUE_COUNT_CAP,
            items: rows
                .into_iter()
                .map(|r| {
                    let state: State = r.state.parse().unwrap_or(State::Closed);
                    QueueLine {
                        clock: clock_of(state, r.deadline.as_deref(), today, &cal),
                        id: r.application_id,
                        number: r.number,
                        app_type: r.app_type,
                        person_id: PersonId::from_stored(r.person_id).to_string(),
                        office_code: r.office_code,
                        state: r.state,
                        deadline: r.deadline,
                        assigned_to: r.assigned_to,
                        filed_on: r.filed_on,
                        version: r.version,
                    }
                })
                .collect(),
        })
    }

    /// How many cases a work queue view holds (counted up to 10,000), for the home page: a
    /// number, no personal data, so not audited as a read.
    pub async fn application_count(&self, ctx: &Ctx, q: &QueueQuery) -> Result<i64, ServiceError> {
        self.authorize(ctx, Permission::ReadApplications, "application.list")
            .await?;
        let today = self.local_today();
        let cal = self.holiday_calendar().await?;
        let filter = self.queue_filter(ctx, q, today, &cal).await?;
        let total = self
            .store
            .count_applications_upto(&filter, Some(QUEUE_COUNT_CAP))
            .await?;
        Ok(total.min(QUEUE_COUNT_CAP))
    }
}
