//! Reading person records: one, a page, those a screen shows, a record's history; each read audited.

use super::*;

impl Services {
    /// A person by number; the view is audited as a read of personal data, with its purpose.
    pub async fn get_person(
        &self,
        ctx: &Ctx,
        person_id: &str,
        purpose: Option<String>,
    ) -> Result<Person, ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "person.view")
            .await?;
        let id = parse_person_id("person_id", person_id)?;
        let mut person = self
            .store
            .find_person(id.as_i64())
            .await?
            .ok_or(ServiceError::NotFound)?;
        // A merged number resolves to the surviving record (following chains of merges).
        let mut hops = 0;
        while let (Some(next), true) = (person.merged_into, hops < 8) {
            person = self
                .store
                .find_person(next)
                .await?
                .ok_or(ServiceError::NotFound)?;
            hops += 1;
        }
        let details = if hops > 0 {
            serde_json::json!({ "resolved_from": id.to_string() })
        } else {
            serde_json::json!({})
        };
        let shown = PersonId::from_stored(person.person_id).to_string();
        self.audit_read(ctx, "person.view", Some(&shown), purpose, details)
            .await?;
        Ok(person)
    }

    /// A page of persons after `cursor` (a person number), and the cursor of the next page.
    pub async fn list_persons(
        &self,
        ctx: &Ctx,
        cursor: Option<&str>,
        limit: i64,
        status: Option<&str>,
    ) -> Result<(Vec<Person>, Option<String>), ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "person.list")
            .await?;
        let after = match cursor {
            None => None,
            Some(c) => Some(person_cursor(c)?),
        };
        let limit = limit.clamp(1, 500);
        let persons = self.store.list_persons(after, limit, status).await?;
        let next = (persons.len() as i64 == limit)
            .then(|| {
                persons
                    .last()
                    .map(|p| PersonId::from_stored(p.person_id).to_string())
            })
            .flatten();
        self.audit_read(
            ctx,
            "person.list",
            None,
            None,
            serde_json::json!({ "limit": limit, "results": persons.len() }),
        )
        .await?;
        Ok((persons, next))
    }

    /// The records of persons a screen shows beside another result (search hits, duplicate
    /// pairs): permission-checked and audited as a listing that names every person shown.
    pub async fn persons_shown(&self, ctx: &Ctx, ids: &[i64]) -> Result<Vec<Person>, ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "person.list")
            .await?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let persons = self.store.load_persons(ids).await?;
        let shown: Vec<String> = persons
            .iter()
            .map(|p| PersonId::from_stored(p.person_id).to_string())
            .collect();
        self.audit_read(
            ctx,
            "person.list",
            None,
            None,
            serde_json::json!({ "results": persons.len(), "persons": shown }),
        )
        .await?;
        Ok(persons)
    }

    /// A person's history of changes (part of viewing the person: callers audit the view).
    pub async fn person_history(
        &self,
        ctx: &Ctx,
        person_id: &str,
    ) -> Result<Vec<umis_store::HistoryEntry>, ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "person.view")
            .await?;
        let id = parse_person_id("person_id", person_id)?;
        Ok(self.store.person_history(id.as_i64()).await?)
    }
}
