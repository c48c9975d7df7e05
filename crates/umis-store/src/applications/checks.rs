//! Interagency checks of applications.

use super::*;

impl Store {
    /// A case's checks, in request order.
    pub async fn case_checks(&self, id: i64) -> Result<Vec<CheckRow>, StoreError> {
        let sql = format!(
            "SELECT {CHECK_COLUMNS} FROM application_checks WHERE application_id = $1 \
             ORDER BY check_id"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_all(pool).await?
        }))
    }

    /// One check.
    pub async fn get_check(&self, id: i64) -> Result<CheckRow, StoreError> {
        let sql = format!("SELECT {CHECK_COLUMNS} FROM application_checks WHERE check_id = $1");
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(pool).await?
        }))
    }

    /// Checks addressed to `agency` (all agencies when `None`), optionally in one status,
    /// soonest due first.
    pub async fn list_checks(
        &self,
        agency: Option<&str>,
        status: Option<&str>,
        limit: i64,
    ) -> Result<Vec<CheckRow>, StoreError> {
        let sql = format!(
            "SELECT {CHECK_COLUMNS} FROM application_checks WHERE ($1 IS NULL OR agency = $1) \
             AND ($2 IS NULL OR status = $2) ORDER BY due_on, check_id LIMIT $3"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(agency)
                .bind(status)
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }
}
