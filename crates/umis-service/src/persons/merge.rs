//! Duplicate records merged into a survivor, and merges undone.

use super::*;

impl Services {
    /// Merges the duplicate `merged_id` into `survivor_id` (officers who may write persons): the
    /// survivor keeps every name variant, document and nationality, and the merged number
    /// resolves to the survivor from then on.
    pub async fn merge_persons(
        &self,
        ctx: &Ctx,
        survivor_id: &str,
        merged_id: &str,
    ) -> Result<Person, ServiceError> {
        self.authorize(ctx, Permission::WritePersons, "person.merge")
            .await?;
        let (survivor, merged) = (
            parse_person_id("survivor", survivor_id)?,
            parse_person_id("merged", merged_id)?,
        );
        if survivor == merged {
            return Err(invalid(
                "merged",
                "same_person",
                "a person cannot be merged into itself",
            ));
        }
        for id in [survivor, merged] {
            if self.store.find_person(id.as_i64()).await?.is_none() {
                return Err(ServiceError::NotFound);
            }
        }
        let now = self.now();
        let audit = ctx
            .audit(now, "person.merge", AuditOutcome::Ok)
            .object("person", survivor.to_string())
            .person(survivor.to_string())
            .detail("merged", merged.to_string());
        self.store
            .merge_persons(
                survivor.as_i64(),
                merged.as_i64(),
                now,
                &ctx.actor_name(),
                audit,
            )
            .await?;
        let person = self
            .store
            .find_person(survivor.as_i64())
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.unindex_person(merged.as_i64());
        self.index_person(&person);
        self.queue_likely_duplicates(&person).await;
        // The merged record's border events count as the survivor's from now on.
        self.refresh_stays(&[survivor.as_i64(), merged.as_i64()])
            .await?;
        Ok(person)
    }

    /// Undoes a merge (administrators only).
    pub async fn unmerge_persons(
        &self,
        ctx: &Ctx,
        survivor_id: &str,
        merged_id: &str,
    ) -> Result<(), ServiceError> {
        self.authorize(ctx, Permission::UndoMerge, "person.unmerge")
            .await?;
        let (survivor, merged) = (
            parse_person_id("survivor", survivor_id)?,
            parse_person_id("merged", merged_id)?,
        );
        let now = self.now();
        let audit = ctx
            .audit(now, "person.unmerge", AuditOutcome::Ok)
            .object("person", survivor.to_string())
            .person(survivor.to_string())
            .detail("merged", merged.to_string());
        self.store
            .unmerge_persons(
                survivor.as_i64(),
                merged.as_i64(),
                now,
                &ctx.actor_name(),
                audit,
            )
            .await?;
        for id in [survivor, merged] {
            if let Some(p) = self.store.find_person(id.as_i64()).await? {
                self.index_person(&p);
            }
        }
        self.refresh_stays(&[survivor.as_i64(), merged.as_i64()])
            .await?;
        Ok(())
    }
}
