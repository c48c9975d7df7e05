//! Persons registered, imported and given documents, each with its audit entry.

use super::*;

impl Services {
    /// Creates a person (officers with the right role, clients with `persons:write`).
    pub async fn create_person(
        &self,
        ctx: &Ctx,
        input: &NewPersonInput,
    ) -> Result<Person, ServiceError> {
        self.authorize(ctx, Permission::WritePersons, "person.create")
            .await?;
        let row = self.validate_person(input, &ctx.actor_name())?;
        if let Some(ext) = &row.external_id
            && self.store.find_person_by_external_id(ext).await?.is_some()
        {
            return Err(ServiceError::Conflict(
                "a person with this external_id exists".into(),
            ));
        }
        let id = PersonId::from_stored(row.person_id).to_string();
        let audit = ctx
            .audit(row.created_at, "person.create", AuditOutcome::Ok)
            .object("person", id.clone())
            .person(id);
        self.store.create_person(&row, audit).await?;
        let person = self
            .store
            .find_person(row.person_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.index_person(&person);
        self.queue_likely_duplicates(&person).await;
        Ok(person)
    }

    /// Imports one person: an `external_id` seen before leaves the registry unchanged, so the
    /// same file can be imported twice. Returns the person number and whether it was created.
    pub async fn import_person(
        &self,
        ctx: &Ctx,
        input: &NewPersonInput,
    ) -> Result<(String, bool), ServiceError> {
        if let Some(ext) = input
            .external_id
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
            && let Some(id) = self.store.find_person_by_external_id(ext).await?
        {
            return Ok((PersonId::from_stored(id).to_string(), false));
        }
        let person = self.create_person(ctx, input).await?;
        Ok((PersonId::from_stored(person.person_id).to_string(), true))
    }

    /// Attaches an identity document to a person.
    pub async fn add_document(
        &self,
        ctx: &Ctx,
        person_id: &str,
        input: &DocumentInput,
    ) -> Result<Person, ServiceError> {
        self.authorize(ctx, Permission::WritePersons, "person.add_document")
            .await?;
        let id = parse_person_id("person_id", person_id)?;
        let doc = validate_document(input)?;
        if self.store.find_person(id.as_i64()).await?.is_none() {
            return Err(ServiceError::NotFound);
        }
        let now = self.now();
        let audit = ctx
            .audit(now, "person.add_document", AuditOutcome::Ok)
            .object("person", id.to_string())
            .person(id.to_string());
        self.store
            .add_document(id.as_i64(), &doc, now, &ctx.actor_name(), audit)
            .await?;
        let person = self
            .store
            .find_person(id.as_i64())
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.index_person(&person);
        self.queue_likely_duplicates(&person).await;
        Ok(person)
    }
}
