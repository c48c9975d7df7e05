//! A check answered by the body asked, or recorded for it by an officer of the case's office.

use super::*;

impl Services {
    /// Answers a check: by the partner body's client (its own checks only; another body's is
    /// "not found") or recorded by an officer of the case's office.
    pub async fn answer_check(
        &self,
        ctx: &Ctx,
        check_id: i64,
        answer: &str,
        answer_text: Option<&str>,
    ) -> Result<CheckView, ServiceError> {
        let check = match self.store.get_check(check_id).await {
            Ok(c) => c,
            Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
            Err(e) => return Err(e.into()),
        };
        let row = match &ctx.actor {
            Actor::Client(c) => {
                self.authorize(ctx, Permission::AnswerChecks, "check.answer")
                    .await?;
                if c.agency.as_deref() != Some(check.agency.as_str()) {
                    return Err(ServiceError::NotFound);
                }
                self.store.get_application(check.application_id).await?
            }
            _ => {
                self.authorize(ctx, Permission::WriteApplications, "check.answer")
                    .await?;
                self.scoped_case(ctx, check.application_id).await?
            }
        };
        let answer = answer.trim();
        if !cases::CHECK_ANSWERS.contains(&answer) {
            return Err(invalid(
                "answer",
                "unknown_answer",
                format!(
                    "answer must be one of: {} (got '{answer}')",
                    cases::CHECK_ANSWERS.join(", ")
                ),
            ));
        }
        let answer_text = text("answer_text", &answer_text.map(str::to_owned), 4000)?;
        if answer == "objection" && answer_text.is_none() {
            return Err(invalid(
                "answer_text",
                "required",
                "an objection states its reasons",
            ));
        }
        if check.status != "pending" {
            return Err(ServiceError::Conflict(
                "the check was already answered".into(),
            ));
        }
        // The answer does not depend on the officer's screen: retry on a concurrent change.
        let mut row = row;
        for attempt in 0..3 {
            let now = self.now();
            let event = CaseEvent {
                application_id: row.application_id,
                seq: 0,
                at: now,
                actor: ctx.actor_name(),
                action: "check.answer".into(),
                from_state: Some(row.state.clone()),
                to_state: row.state.clone(),
                note: answer_text.clone(),
                details:
                    serde_json::json!({"check": check_id, "agency": check.agency, "answer": answer})
                        .to_string(),
            };
            let change = CaseChange {
                answered_check: Some((
                    check_id,
                    answer.to_owned(),
                    answer_text.clone(),
                    ctx.actor_name(),
                    now,
                )),
                ..Default::default()
            };
            let audit = ctx
                .audit(now, "check.answer", AuditOutcome::Ok)
                .object("check", check_id.to_string())
                .person(PersonId::from_stored(row.person_id).to_string());
            let mut saved = row.clone();
            saved.updated_at = now;
            match self
                .store
                .save_case(&saved, row.version, &event, &change, audit)
                .await
            {
                Ok(_) => break,
                Err(StoreError::Conflict(m)) if m == umis_store::STALE && attempt < 2 => {
                    row = self.store.get_application(row.application_id).await?;
                }
                Err(e) => return Err(e.into()),
            }
        }
        let c = self.store.get_check(check_id).await?;
        Ok(check_view(c, Some(row.number), self.local_today()))
    }
}
