//! Persons corrected: core facts and primary name changed against the version the editor saw,
//! with every changed field in the history.

use super::*;

impl Services {
    /// Changes a person's core facts and primary name. `version` must be the version the editor
    /// saw, so two officers cannot overwrite each other unknowingly; the history records every
    /// changed field's value before and after.
    pub async fn update_person(
        &self,
        ctx: &Ctx,
        person_id: &str,
        edit: &NewPersonInput,
        version: i32,
    ) -> Result<Person, ServiceError> {
        self.authorize(ctx, Permission::WritePersons, "person.update")
            .await?;
        let id = parse_person_id("person_id", person_id)?;
        let before = self
            .store
            .find_person(id.as_i64())
            .await?
            .ok_or(ServiceError::NotFound)?;
        let row = self.validate_person(edit, &ctx.actor_name())?;
        let Some(name) = row.names.into_iter().next() else {
            return Err(invalid("surname", "required", "surname is required"));
        };
        let old_name = before.names.first();
        let mut changes = serde_json::Map::new();
        let mut note = |field: &str, old: serde_json::Value, new: serde_json::Value| {
            if old != new {
                changes.insert(
                    field.to_owned(),
                    serde_json::json!({ "before": old, "after": new }),
                );
            }
        };
        note(
            "surname",
            old_name.map(|n| n.surname.clone()).into(),
            name.surname.clone().into(),
        );
        note(
            "given_names",
            old_name.and_then(|n| n.given_names.clone()).into(),
            name.given_names.clone().into(),
        );
        note(
            "patronymic",
            old_name.and_then(|n| n.patronymic.clone()).into(),
            name.patronymic.clone().into(),
        );
        note("sex", before.sex.clone().into(), row.sex.clone().into());
        note(
            "birth_date",
            before.birth_date.clone().into(),
            row.birth_date.clone().into(),
        );
        note(
            "place_of_birth",
            before.place_of_birth.clone().into(),
            row.place_of_birth.clone().into(),
        );
        note(
            "nationalities",
            before.nationalities.clone().into(),
            row.nationalities.clone().into(),
        );
        if changes.is_empty() {
            return Ok(before);
        }
        let now = self.now();
        let update = umis_store::PersonUpdate {
            person_id: id.as_i64(),
            name,
            sex: row.sex,
            birth_date: row.birth_date,
            birth_year: row.birth_year,
            place_of_birth: row.place_of_birth,
            nationalities: row.nationalities,
            at: now,
        };
        let fields: Vec<String> = changes.keys().cloned().collect();
        let audit = ctx
            .audit(now, "person.update", AuditOutcome::Ok)
            .object("person", id.to_string())
            .person(id.to_string())
            .detail("fields", fields);
        self.store
            .update_person(
                &update,
                version,
                &serde_json::Value::Object(changes),
                &ctx.actor_name(),
                audit,
            )
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
