//! Person records read: one, by external id, a page, a record's history, the count.

use super::*;

impl Store {
    /// The person with `person_id`, with names, nationalities and documents.
    pub async fn find_person(&self, person_id: i64) -> Result<Option<Person>, StoreError> {
        Ok(self.load_persons(&[person_id]).await?.pop())
    }

    /// The person imported with `external_id`, if any.
    pub async fn find_person_by_external_id(
        &self,
        external_id: &str,
    ) -> Result<Option<i64>, StoreError> {
        let row: Option<(i64,)> = on_pool!(&self.db, pool =>
            sqlx::query_as("SELECT person_id FROM persons WHERE external_id = $1")
                .bind(external_id).fetch_optional(pool).await?);
        Ok(row.map(|(id,)| id))
    }

    /// Up to `limit` persons with `person_id > after`, in person-number order, optionally only
    /// those with `status`.
    pub async fn list_persons(
        &self,
        after: Option<i64>,
        limit: i64,
        status: Option<&str>,
    ) -> Result<Vec<Person>, StoreError> {
        let ids: Vec<(i64,)> = on_pool!(&self.db, pool => {
            sqlx::query_as(
                "SELECT person_id FROM persons WHERE person_id > $1 \
                 AND ($2 IS NULL OR status = $2) ORDER BY person_id LIMIT $3",
            )
            .bind(after.unwrap_or(0))
            .bind(status)
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        let ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();
        self.load_persons(&ids).await
    }

    /// The history of a person, oldest first.
    pub async fn person_history(&self, person_id: i64) -> Result<Vec<HistoryEntry>, StoreError> {
        Ok(on_pool!(&self.db, pool => sqlx::query_as(
            "SELECT seq, at, actor, action, changes FROM person_history WHERE person_id = $1 ORDER BY seq",
        )
        .bind(person_id)
        .fetch_all(pool)
        .await?))
    }

    /// How many persons the registry holds.
    pub async fn count_persons(&self) -> Result<i64, StoreError> {
        let (n,): (i64,) = on_pool!(&self.db, pool =>
            sqlx::query_as("SELECT COUNT(*) FROM persons").fetch_one(pool).await?);
        Ok(n)
    }
}
