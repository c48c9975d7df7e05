//! What ingestion looks up before it writes: stored fingerprints of event ids, document holders, merged persons, nationalities.

use super::*;

impl Store {
    /// The stored fingerprints of whichever of `event_ids` are already recorded.
    pub async fn event_fingerprints(
        &self,
        event_ids: &[&str],
    ) -> Result<Vec<(String, String)>, StoreError> {
        Ok(crate::select_in!(
            self,
            event_ids,
            (String, String),
            |list| format!(
                "SELECT event_id, fingerprint FROM border_events WHERE event_id IN ({})",
                list
            )
        ))
    }

    /// The persons holding a document with this folded number from this issuing state
    /// (merged records resolved to their survivor), most recently created first.
    pub async fn document_holders(
        &self,
        issuing_state: &str,
        number_folded: &str,
    ) -> Result<Vec<i64>, StoreError> {
        let rows: Vec<(i64,)> = on_pool!(&self.db, pool => {
            sqlx::query_as(
                "SELECT DISTINCT COALESCE(p.merged_into, p.person_id) FROM identity_documents d \
                 JOIN persons p ON p.person_id = d.person_id \
                 WHERE d.number_folded = $1 AND d.issuing_state = $2",
            )
            .bind(number_folded)
            .bind(issuing_state)
            .fetch_all(pool)
            .await?
        });
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// For each `(issuing_state, folded number)` in `keys`, the persons holding such a document
    /// (merged records resolved to their survivor): `(state, folded, person_id)` rows.
    pub async fn document_holders_many(
        &self,
        keys: &[(String, String)],
    ) -> Result<Vec<(String, String, i64)>, StoreError> {
        let wanted: std::collections::HashSet<(&str, &str)> =
            keys.iter().map(|(s, n)| (s.as_str(), n.as_str())).collect();
        let mut numbers: Vec<&str> = keys.iter().map(|(_, n)| n.as_str()).collect();
        numbers.sort_unstable();
        numbers.dedup();
        let rows = crate::select_in!(self, numbers, (String, String, i64), |list| format!(
            "SELECT d.issuing_state, d.number_folded, COALESCE(p.merged_into, p.person_id) \
             FROM identity_documents d JOIN persons p ON p.person_id = d.person_id \
             WHERE d.number_folded IN ({list})"
        ));
        Ok(rows
            .into_iter()
            .filter(|(s, n, _)| wanted.contains(&(s.as_str(), n.as_str())))
            .collect())
    }

    /// For each stored person among `ids`, `(id, survivor)`: the record itself, or the one it
    /// was merged into.
    pub async fn resolve_persons(&self, ids: &[i64]) -> Result<Vec<(i64, i64)>, StoreError> {
        Ok(crate::select_in!(self, ids, (i64, i64), |list| format!(
            "SELECT person_id, COALESCE(merged_into, person_id) FROM persons \
                     WHERE person_id IN ({})",
            list
        )))
    }

    /// The registered nationalities of `persons`: `(person_id, country)` rows.
    pub async fn nationalities_of(
        &self,
        persons: &[i64],
    ) -> Result<Vec<(i64, String)>, StoreError> {
        Ok(crate::select_in!(
            self,
            persons,
            (i64, String),
            |list| format!(
                "SELECT person_id, country FROM person_nationalities WHERE person_id IN ({}) \
                     ORDER BY person_id, country",
                list
            )
        ))
    }
}
