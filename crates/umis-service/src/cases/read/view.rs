//! A case's view: the case as the caller sees it, with the actions they may take.

use super::*;

impl Services {
    pub(in crate::cases) async fn view(
        &self,
        ctx: &Ctx,
        row: &ApplicationRow,
    ) -> Result<CaseView, ServiceError> {
        let (_, case) = self.domain_case(row).await?;
        let today = self.local_today();
        let cal = self.holiday_calendar().await?;
        let allowed = match who_of(ctx) {
            Ok(who) if ctx.may(Permission::WriteApplications) => cases::allowed(&case, &who)
                .iter()
                .map(|a| a.as_str().to_owned())
                .collect(),
            _ => Vec::new(),
        };
        let checks = self
            .store
            .case_checks(row.application_id)
            .await?
            .into_iter()
            .map(|c| check_view(c, None, today))
            .collect();
        let attachments = self
            .store
            .attachments_of(row.application_id)
            .await?
            .into_iter()
            .map(attachment_view)
            .collect();
        let applicant = match self.store.find_person(row.person_id).await? {
            Some(p) => p
                .names
                .first()
                .map(|n| {
                    format!(
                        "{} {}",
                        n.surname,
                        n.given_names.clone().unwrap_or_default()
                    )
                    .trim()
                    .to_owned()
                })
                .unwrap_or_default(),
            None => String::new(),
        };
        let state: State = row.state.parse().unwrap_or(State::Closed);
        Ok(CaseView {
            id: row.application_id,
            number: row.number.clone(),
            app_type: row.app_type.clone(),
            person_id: PersonId::from_stored(row.person_id).to_string(),
            applicant,
            office_code: row.office_code.clone(),
            state: row.state.clone(),
            outcome: row.outcome.clone(),
            ground: row.ground.clone(),
            ground_ref: row
                .ground
                .as_deref()
                .and_then(cases::refusal_ground_ref)
                .filter(|_| row.outcome.as_deref() == Some("refuse"))
                .map(str::to_owned),
            reasoning: row.reasoning.clone(),
            fields: serde_json::from_str(&row.fields).unwrap_or_default(),
            documents: json_list(&row.documents),
            documents_missing: case.missing_documents.clone(),
            warnings: json_list(&row.warnings),
            lang: row.lang.clone(),
            filed_on: row.filed_on.clone(),
            registered_on: row.registered_on.clone(),
            deadline: row.deadline.clone(),
            clock: clock_of(state, row.deadline.as_deref(), today, &cal),
            assigned_to: row.assigned_to.clone(),
            proposed_by: row.proposed_by.clone(),
            decided_by: row.decided_by.clone(),
            decided_on: row.decided_on.clone(),
            permit_number: row.permit_number.clone(),
            version: row.version,
            allowed_actions: allowed,
            can_assign: state.is_open()
                && matches!(&ctx.actor, Actor::User(u) if matches!(u.role, umis_domain::Role::CaseOfficer | umis_domain::Role::DecisionMaker))
                || matches!(&ctx.actor, Actor::System(_)),
            checks,
            attachments,
        })
    }
}
