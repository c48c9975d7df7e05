//! Issued permits: read, extended, replaced and revoked.

use super::*;

impl Services {
    /// A permit with its history.
    pub async fn permit(
        &self,
        ctx: &Ctx,
        number: &str,
    ) -> Result<(PermitView, Vec<PermitEventView>), ServiceError> {
        self.authorize(ctx, Permission::ReadApplications, "permit.view")
            .await?;
        let p = match self.store.permit_by_number(number.trim()).await {
            Ok(p) => p,
            Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
            Err(e) => return Err(e.into()),
        };
        let events = self
            .store
            .permit_events(p.person_id, p.permit_id)
            .await?
            .into_iter()
            .map(|e| PermitEventView {
                at: rfc3339(e.at),
                actor: e.actor,
                action: e.action,
                details: serde_json::from_str(&e.details).unwrap_or_default(),
            })
            .collect();
        self.audit_read(
            ctx,
            "permit.view",
            Some(&PersonId::from_stored(p.person_id).to_string()),
            None,
            serde_json::json!({"permit": p.number}),
        )
        .await?;
        Ok((p.into(), events))
    }

    /// Extends (`extend`, new `valid_to`), replaces (`replace`: a lost or damaged card gets a
    /// new number) or revokes (`revoke`, decision makers only) a valid permit, with a reason.
    pub async fn change_permit(
        &self,
        ctx: &Ctx,
        number: &str,
        action: &str,
        valid_to: Option<&str>,
        reason: &str,
    ) -> Result<PermitView, ServiceError> {
        self.authorize(ctx, Permission::WriteApplications, "permit.change")
            .await?;
        let p = match self.store.permit_by_number(number.trim()).await {
            Ok(p) => p,
            Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
            Err(e) => return Err(e.into()),
        };
        let reason = text("reason", &Some(reason.to_owned()), 2000)?
            .ok_or_else(|| invalid("reason", "required", "a reason is required"))?;
        let (stored_action, new_to, new_number) = match action.trim() {
            "extend" => {
                let to = valid_to.and_then(parse_day).ok_or_else(|| {
                    invalid(
                        "valid_to",
                        "invalid_date",
                        "valid_to must be a date YYYY-MM-DD",
                    )
                })?;
                let old = parse_day(&p.valid_to).unwrap_or(to);
                if to <= old {
                    return Err(invalid(
                        "valid_to",
                        "not_later",
                        format!("an extension ends after the current end {old}"),
                    ));
                }
                ("extended", Some(to.to_string()), None)
            }
            "replace" => {
                let n = self
                    .store
                    .permit_events(p.person_id, p.permit_id)
                    .await?
                    .len();
                let base = p.number.split("-R").next().unwrap_or(&p.number).to_owned();
                ("replaced", None, Some(format!("{base}-R{n}")))
            }
            "revoke" => {
                if !matches!(&ctx.actor, Actor::User(u) if u.role == umis_domain::Role::DecisionMaker)
                    && !matches!(&ctx.actor, Actor::System(_))
                {
                    return Err(ServiceError::Forbidden(
                        "a permit is revoked by a decision maker".into(),
                    ));
                }
                ("revoked", None, None)
            }
            other => {
                return Err(invalid(
                    "action",
                    "unknown_action",
                    format!("action must be extend, replace or revoke (got '{other}')"),
                ));
            }
        };
        let details = serde_json::json!({
            "reason": reason, "valid_to": new_to, "old_number": new_number.as_ref().map(|_| p.number.clone()),
            "new_number": new_number,
        })
        .to_string();
        let audit = ctx
            .audit(
                self.now(),
                &format!("permit.{stored_action}"),
                AuditOutcome::Ok,
            )
            .object("permit", p.number.clone())
            .person(PersonId::from_stored(p.person_id).to_string());
        self.store
            .change_permit(
                p.person_id,
                p.permit_id,
                stored_action,
                new_to.as_deref(),
                new_number.as_deref(),
                self.now(),
                &ctx.actor_name(),
                &details,
                audit,
            )
            .await?;
        self.refresh_stays(&[p.person_id]).await?;
        Ok(self
            .store
            .permit_by_number(new_number.as_deref().unwrap_or(&p.number))
            .await?
            .into())
    }
}
