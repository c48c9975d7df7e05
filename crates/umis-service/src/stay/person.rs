//! One person's stay right on a day: resolved through merges, settled before it is read, audited.

use super::*;

impl Services {
    pub(crate) async fn resolve_person(&self, person_id: &str) -> Result<i64, ServiceError> {
        let id = person_id
            .trim()
            .parse::<PersonId>()
            .map_err(|e| ServiceError::invalid("person_id", "invalid_person_id", e.to_string()))?
            .as_i64();
        let p = self
            .store
            .find_person(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok(p.merged_into.unwrap_or(p.person_id))
    }

    /// The stay rights of a person on `as_of` (today when absent); audited as a read.
    pub async fn person_stay(
        &self,
        ctx: &Ctx,
        person_id: &str,
        as_of: Option<&str>,
    ) -> Result<StayView, ServiceError> {
        self.stay_view(ctx, person_id, as_of, true).await
    }

    /// The stay panel of a person page whose view was just audited (`person.view`): the same
    /// answer as [`Services::person_stay`], without a second audit entry for the same page.
    pub async fn person_stay_on_page(
        &self,
        ctx: &Ctx,
        person_id: &str,
    ) -> Result<StayView, ServiceError> {
        self.stay_view(ctx, person_id, None, false).await
    }

    pub(crate) async fn stay_view(
        &self,
        ctx: &Ctx,
        person_id: &str,
        as_of: Option<&str>,
        audit: bool,
    ) -> Result<StayView, ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "person.stay")
            .await?;
        let as_of = match as_of.map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => day("as_of", s)?,
            None => self.local_today(),
        };
        let id = self.resolve_person(person_id).await?;
        let events = self.store.events_of(&[id]).await?;
        let permits = self.store.permits_of(&[id]).await?;
        let person = self.store.load_persons(&[id]).await?;
        let mut nats: Vec<String> = person
            .first()
            .map(|p| p.nationalities.clone())
            .unwrap_or_default();
        for e in &events {
            if let Some(n) = &e.nationality
                && !nats.contains(n)
            {
                nats.push(n.clone());
            }
        }
        let refs: Vec<&BorderEvent> = events.iter().collect();
        let moves = movements(&refs);
        let permit_refs: Vec<&PermitRecord> = permits.iter().collect();
        let spans = spans(&permit_refs);
        let registered = self.store.registrations_of(id).await?;
        let registrations: Vec<Date> = registered
            .iter()
            .filter_map(|r| parse_day(&r.arrival_date))
            .collect();
        let pending: Vec<umis_domain::stay::PendingApplication> = self
            .store
            .pending_stay_applications(id, &as_of.to_string())
            .await?
            .into_iter()
            .filter_map(|(kind, filed)| {
                Some(umis_domain::stay::PendingApplication {
                    kind,
                    filed_on: parse_day(&filed)?,
                })
            })
            .collect();
        let input = StayInput {
            nationalities: &nats,
            movements: &moves,
            permits: &spans,
            registrations: &registrations,
            pending: &pending,
        };
        let assessment = assess(&input, as_of, &self.policies);
        self.settle_stays_of(&[id]).await?;
        let stays = self.store.stays_of(id).await?;
        let recent = self.store.recent_events(id, 20).await?;
        let pid = PersonId::from_stored(id).to_string();
        if audit {
            self.audit_read(
                ctx,
                "person.stay",
                Some(&pid),
                None,
                serde_json::json!({"as_of": as_of.to_string()}),
            )
            .await?;
        }
        Ok(view_of(&pid, &assessment, &stays, &recent, registered))
    }
}
