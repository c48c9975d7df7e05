//! Person records loaded by number: a set with everything attached, and primary names.

use super::*;

impl Store {
    /// Loads persons with everything attached, in the order of `ids` (missing ones skipped).
    pub async fn load_persons(&self, ids: &[i64]) -> Result<Vec<Person>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = crate::placeholders(self.is_sqlite(), 1, ids.len());
        let q_persons = format!("SELECT {PERSON_COLUMNS} FROM persons WHERE person_id IN ({list})");
        let q_names = format!(
            "SELECT person_id, kind, surname, given_names, patronymic FROM person_names \
             WHERE person_id IN ({list}) ORDER BY person_id, seq"
        );
        let q_nat = format!(
            "SELECT person_id, country FROM person_nationalities WHERE person_id IN ({list}) \
             ORDER BY person_id, country"
        );
        let q_docs = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM identity_documents WHERE person_id IN ({list}) \
             ORDER BY person_id, document_id"
        );
        let (persons, names, nats, docs): PersonParts = on_pool!(&self.db, pool => {
            let mut a = sqlx::query_as(sqlx::AssertSqlSafe(q_persons));
            let mut b = sqlx::query_as(sqlx::AssertSqlSafe(q_names));
            let mut c = sqlx::query_as(sqlx::AssertSqlSafe(q_nat));
            let mut d = sqlx::query_as(sqlx::AssertSqlSafe(q_docs));
            for id in ids {
                a = a.bind(*id);
                b = b.bind(*id);
                c = c.bind(*id);
                d = d.bind(*id);
            }
            (
                a.fetch_all(pool).await?,
                b.fetch_all(pool).await?,
                c.fetch_all(pool).await?,
                d.fetch_all(pool).await?,
            )
        });
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(p) = persons.iter().find(|p| p.person_id == *id) else {
                continue;
            };
            out.push(Person {
                person_id: p.person_id,
                external_id: p.external_id.clone(),
                status: p.status.clone(),
                merged_into: p.merged_into,
                sex: p.sex.clone(),
                birth_date: p.birth_date.clone(),
                place_of_birth: p.place_of_birth.clone(),
                version: p.version,
                created_at: p.created_at,
                updated_at: p.updated_at,
                names: names
                    .iter()
                    .filter(|n| n.person_id == *id)
                    .map(|n| PersonName {
                        kind: n.kind.clone(),
                        surname: n.surname.clone(),
                        given_names: n.given_names.clone(),
                        patronymic: n.patronymic.clone(),
                    })
                    .collect(),
                nationalities: nats
                    .iter()
                    .filter(|(pid, _)| pid == id)
                    .map(|(_, c)| c.clone())
                    .collect(),
                documents: docs
                    .iter()
                    .filter(|d| d.person_id == *id)
                    .cloned()
                    .collect(),
            });
        }
        Ok(out)
    }

    /// The primary name of each of `ids` that has one: `(person_id, surname, given_names)`.
    pub async fn primary_names(
        &self,
        ids: &[i64],
    ) -> Result<Vec<(i64, String, Option<String>)>, StoreError> {
        Ok(crate::select_in!(
            self,
            ids,
            (i64, String, Option<String>),
            |list| format!(
                "SELECT person_id, surname, given_names FROM person_names \
                 WHERE kind = 'primary' AND person_id IN ({list}) ORDER BY person_id, seq"
            )
        ))
    }
}
