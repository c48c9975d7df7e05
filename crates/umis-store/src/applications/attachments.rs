//! Documents attached to applications, stored in the database with their hash.

use super::*;

impl Store {
    /// A case's attachments (without content), in upload order.
    pub async fn attachments_of(&self, id: i64) -> Result<Vec<AttachmentMeta>, StoreError> {
        let sql = format!(
            "SELECT {ATTACHMENT_COLUMNS} FROM application_attachments WHERE application_id = $1 \
             ORDER BY attachment_id"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_all(pool).await?
        }))
    }

    /// One attachment with its content.
    pub async fn attachment(&self, id: i64) -> Result<(AttachmentMeta, Vec<u8>), StoreError> {
        let sql = format!(
            "SELECT {ATTACHMENT_COLUMNS} FROM application_attachments WHERE attachment_id = $1"
        );
        Ok(on_pool!(&self.db, pool => {
            let meta: AttachmentMeta =
                sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(pool).await?;
            let (content,): (Vec<u8>,) = sqlx::query_as(
                "SELECT content FROM application_attachments WHERE attachment_id = $1",
            )
            .bind(id)
            .fetch_one(pool)
            .await?;
            (meta, content)
        }))
    }
}
