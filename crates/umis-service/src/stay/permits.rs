//! Permits recorded for the stay rules, and the stays they change rebuilt.

use super::*;

impl Services {
    /// Records a permit or status for a person and recomputes their stays (the applications
    /// capability issues permits through this).
    pub async fn record_permit(
        &self,
        ctx: &Ctx,
        person_id: &str,
        kind: &str,
        number: &str,
        valid_from: &str,
        valid_to: &str,
    ) -> Result<i64, ServiceError> {
        self.authorize(ctx, Permission::WriteApplications, "permit.record")
            .await?;
        let id = self.resolve_person(person_id).await?;
        let from = day("valid_from", valid_from)?;
        let to = day("valid_to", valid_to)?;
        if to < from {
            return Err(ServiceError::invalid(
                "valid_to",
                "before_start",
                "valid_to is before valid_from",
            ));
        }
        if kind.trim().is_empty() || number.trim().is_empty() || number.len() > 64 {
            return Err(ServiceError::invalid(
                "number",
                "required",
                "kind and number are required",
            ));
        }
        let pid = PersonId::from_stored(id).to_string();
        let row = PermitRecord {
            person_id: id,
            permit_id: 0,
            kind: kind.trim().into(),
            number: number.trim().into(),
            valid_from: from.to_string(),
            valid_to: to.to_string(),
            status: "valid".into(),
            created_at: self.now(),
            application_id: None,
            conditions: None,
        };
        let audit = ctx
            .audit(self.now(), "permit.record", AuditOutcome::Ok)
            .object("permit", row.number.clone())
            .person(pid);
        let n = self.store.add_permit(&row, audit).await?;
        self.refresh_stays(&[id]).await?;
        Ok(n)
    }
}
