//! What the decision letter of a decided case says.

use super::*;

impl Services {
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
