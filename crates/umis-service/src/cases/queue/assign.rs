//! The assignment of cases to officers.

use super::*;

impl Services {
    /// Assigns a case to `officer` (an active account of the case's office or a national
    /// one); `version` guards against a stale screen.
    pub async fn assign_application(
        &self,
        ctx: &Ctx,
        id: i64,
        version: i64,
        officer: &str,
    ) -> Result<CaseView, ServiceError> {
        self.authorize(ctx, Permission::WriteApplications, "application.assign")
            .await?;
        if !matches!(&ctx.actor, Actor::User(u) if matches!(u.role, umis_domain::Role::CaseOfficer | umis_domain::Role::DecisionMaker))
            && !matches!(&ctx.actor, Actor::System(_))
        {
            return Err(ServiceError::Forbidden(
                "cases are assigned by case officers and decision makers".into(),
            ));
        }
        let mut row = self.scoped_case(ctx, id).await?;
        let officer = officer.trim();
        let user = self
            .store
            .find_user(officer)
            .await?
            .filter(|u| !u.disabled)
            .ok_or_else(|| {
                invalid(
                    "assigned_to",
                    "unknown_user",
                    format!("no active officer '{officer}'"),
                )
            })?;
        if !matches!(
            user.role,
            umis_domain::Role::CaseOfficer | umis_domain::Role::DecisionMaker
        ) {
            return Err(invalid(
                "assigned_to",
                "not_a_case_officer",
                format!("'{officer}' is not a case officer or decision maker"),
            ));
        }
        let state: State = row.state.parse().unwrap_or(State::Closed);
        if !state.is_open() {
            return Err(ServiceError::Conflict("the case is finished".into()));
        }
        let before = row.assigned_to.clone();
        row.assigned_to = Some(user.username.clone());
        row.updated_at = self.now();
        let event = CaseEvent {
            application_id: id,
            seq: 0,
            at: self.now(),
            actor: ctx.actor_name(),
            action: "assign".into(),
            from_state: Some(row.state.clone()),
            to_state: row.state.clone(),
            note: None,
            details: serde_json::json!({"from": before, "to": user.username}).to_string(),
        };
        let audit = ctx
            .audit(self.now(), "application.assign", AuditOutcome::Ok)
            .object("application", id.to_string())
            .person(PersonId::from_stored(row.person_id).to_string());
        self.store
            .save_case(&row, version, &event, &CaseChange::default(), audit)
            .await?;
        let row = self.store.get_application(id).await?;
        self.view(ctx, &row).await
    }
}
