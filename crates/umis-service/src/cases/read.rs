//! Reading a case: the officer's scope, the domain case behind a row, its view, events and decision letter.

use super::*;

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

    pub(super) async fn view(
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

    /// What the decision letter of a decided case says.
    pub async fn decision_letter(&self, ctx: &Ctx, id: i64) -> Result<LetterData, ServiceError> {
        let case = self.application(ctx, id).await?;
        if case.decided_on.is_none() {
            return Err(ServiceError::Conflict("the case is not decided yet".into()));
        }
        let row = self.store.get_application(id).await?;
        let person = self.store.find_person(row.person_id).await?;
        let permit = match &row.permit_number {
            Some(n) => self
                .store
                .permit_by_number(n)
                .await
                .ok()
                .map(PermitView::from),
            None => None,
        };
        let office_name = self
            .store
            .find_office(&case.office_code)
            .await?
            .map_or_else(|| case.office_code.clone(), |o| o.name);
        let decider = match &case.decided_by {
            Some(name) => self.store.find_user(name).await?,
            None => None,
        };
        let decider_role = decider.as_ref().map(|u| u.role.as_str().to_owned());
        let decider_name = decider.map(|u| u.full_name).filter(|n| !n.is_empty());
        let appeal_until = match case.decided_on.as_deref().and_then(parse_day) {
            Some(day) => {
                let rules = self.case_policies().await?;
                let calendar = self.holiday_calendar().await?;
                rules
                    .clock("appeal.window", day)
                    .map(|rule| cases::deadline(rule, day, &[], &calendar).to_string())
            }
            None => None,
        };
        Ok(LetterData {
            case,
            birth_date: person.and_then(|p| p.birth_date),
            permit,
            office_name,
            decider_role,
            decider_name,
            appeal_until,
        })
    }
}
