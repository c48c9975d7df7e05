//! Reading a case: the officer's scope, the domain case behind a row, its view, events and decision letter.

use super::*;

mod letter;
mod view;

impl Services {
    pub(super) async fn scoped_case(
        &self,
        ctx: &Ctx,
        id: i64,
    ) -> Result<ApplicationRow, ServiceError> {
        let row = match self.store.get_application(id).await {
            Ok(r) => r,
            Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
            Err(e) => return Err(e.into()),
        };
        match self.office_scope(ctx).await? {
            Some(office) if row.office_code != office => Err(ServiceError::NotFound),
            _ => Ok(row),
        }
    }

    pub(super) async fn domain_case(
        &self,
        row: &ApplicationRow,
    ) -> Result<(AppType, Case), ServiceError> {
        let app_type: AppType = row
            .app_type
            .parse()
            .map_err(|e: umis_domain::UnknownValue| ServiceError::Internal(e.to_string()))?;
        let state: State = row
            .state
            .parse()
            .map_err(|e: umis_domain::UnknownValue| ServiceError::Internal(e.to_string()))?;
        let on_file = json_list(&row.documents);
        let pending = self
            .store
            .case_checks(row.application_id)
            .await?
            .iter()
            .filter(|c| c.status == "pending")
            .count();
        let case = Case {
            app_type,
            state,
            outcome: row.outcome.as_deref().and_then(|o| o.parse().ok()),
            ground: row.ground.clone(),
            preparers: row
                .preparers
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            proposed_by: row.proposed_by.clone(),
            decided_by: row.decided_by.clone(),
            missing_documents: app_type
                .spec()
                .documents
                .iter()
                .filter(|d| !on_file.iter().any(|f| f == *d))
                .map(|d| (*d).to_owned())
                .collect(),
            pending_checks: u32::try_from(pending).unwrap_or(u32::MAX),
            permit_issued: row.permit_number.is_some(),
            appeals: u32::try_from(row.appeals).unwrap_or(0),
            appealed_decider: row.appealed_decider.clone(),
        };
        Ok((app_type, case))
    }

    /// One case, with the actions the caller may take (audited as a read of personal data).
    pub async fn application(&self, ctx: &Ctx, id: i64) -> Result<CaseView, ServiceError> {
        self.authorize(ctx, Permission::ReadApplications, "application.view")
            .await?;
        let row = self.scoped_case(ctx, id).await?;
        let view = self.view(ctx, &row).await?;
        self.audit_read(
            ctx,
            "application.view",
            Some(&view.person_id),
            None,
            serde_json::json!({"application": id}),
        )
        .await?;
        Ok(view)
    }

    /// A case's timeline.
    pub async fn application_events(
        &self,
        ctx: &Ctx,
        id: i64,
    ) -> Result<Vec<EventLine>, ServiceError> {
        self.authorize(ctx, Permission::ReadApplications, "application.events")
            .await?;
        self.scoped_case(ctx, id).await?;
        Ok(self
            .store
            .case_events(id)
            .await?
            .into_iter()
            .map(|e| EventLine {
                seq: e.seq,
                at: rfc3339(e.at),
                at_micros: e.at,
                actor: e.actor,
                action: e.action,
                from_state: e.from_state,
                to_state: e.to_state,
                note: e.note,
                details: serde_json::from_str(&e.details).unwrap_or_default(),
            })
            .collect())
    }
}
