//! Policy rules: seeded once, changed with an audit entry.

use super::*;

impl Store {
    /// Every case policy rule, by code and start.
    pub async fn policy_rules(&self) -> Result<Vec<PolicyRuleRow>, StoreError> {
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(
                "SELECT rule_id, code, params, valid_from, valid_to, legal_ref, status, \
                 updated_at, updated_by FROM policy_rules ORDER BY code, valid_from",
            )
            .fetch_all(pool)
            .await?
        }))
    }

    /// Stores each default rule whose code has no rule yet (first start, and codes added by a
    /// new version). Every statement writes from its start, so concurrent first requests
    /// cannot deadlock on SQLite.
    pub async fn seed_policy_rules(&self, rows: &[PolicyRuleRow]) -> Result<(), StoreError> {
        on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            for r in rows {
                sqlx::query(
                    "INSERT INTO policy_rules (code, params, valid_from, valid_to, legal_ref, \
                     status, updated_at, updated_by) SELECT $1, $2, $3, $4, $5, $6, $7, $8 \
                     WHERE NOT EXISTS (SELECT 1 FROM policy_rules WHERE code = $1)",
                )
                .bind(&r.code)
                .bind(&r.params)
                .bind(&r.valid_from)
                .bind(&r.valid_to)
                .bind(&r.legal_ref)
                .bind(&r.status)
                .bind(r.updated_at)
                .bind(&r.updated_by)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Adds a rule (`rule_id` 0) or changes one; returns its id.
    pub async fn save_policy_rule(
        &self,
        r: &PolicyRuleRow,
        audit: NewAuditEntry,
    ) -> Result<i64, StoreError> {
        Ok(audited!(&self.db, tx => {
            if r.rule_id == 0 {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO policy_rules (code, params, valid_from, valid_to, legal_ref, \
                     status, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                     RETURNING rule_id",
                )
                .bind(&r.code)
                .bind(&r.params)
                .bind(&r.valid_from)
                .bind(&r.valid_to)
                .bind(&r.legal_ref)
                .bind(&r.status)
                .bind(r.updated_at)
                .bind(&r.updated_by)
                .fetch_one(&mut *tx)
                .await?;
                id
            } else {
                let done = sqlx::query(
                    "UPDATE policy_rules SET params = $1, valid_from = $2, valid_to = $3, \
                     legal_ref = $4, status = $5, updated_at = $6, updated_by = $7 \
                     WHERE rule_id = $8",
                )
                .bind(&r.params)
                .bind(&r.valid_from)
                .bind(&r.valid_to)
                .bind(&r.legal_ref)
                .bind(&r.status)
                .bind(r.updated_at)
                .bind(&r.updated_by)
                .bind(r.rule_id)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                r.rule_id
            }
        }, audit))
    }
}
