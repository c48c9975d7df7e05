//! Linking a traveller to the registry: by person number, by document, by an identity match, or as a new person flagged for review.

use super::*;

pub(super) const MATCH_MARGIN: f32 = 0.05;

impl Services {
    /// Finds (or registers) the person an event belongs to, with how: `person_id`,
    /// `document`, `identity_match` or `created`.
    pub(super) async fn link_traveller(
        &self,
        ctx: &Ctx,
        v: &Valid,
        by_document: &mut HashMap<(String, String), i64>,
    ) -> Result<Result<(i64, &'static str), RowError>, ServiceError> {
        let err = |field: &str, code: &str, msg: &str| {
            Ok(Err(row_error(v.row, Some(&v.event_id), field, code, msg)))
        };
        if let Some(id) = v.person_id {
            return match self.store.find_person(id).await? {
                Some(p) => Ok(Ok((p.merged_into.unwrap_or(p.person_id), "person_id"))),
                None => err("person_id", "unknown_person", "no person with this number"),
            };
        }
        let Some((state, number)) = &v.document else {
            return err("document_number", "missing_document", "no document");
        };
        let key = (state.clone(), fold_document_number(number));
        if let Some(id) = by_document.get(&key) {
            return Ok(Ok((*id, "document")));
        }
        if let Some(id) = self.store.document_holders(&key.0, &key.1).await?.first() {
            by_document.insert(key, *id);
            return Ok(Ok((*id, "document")));
        }
        let Some(surname) = &v.surname else {
            return err(
                "surname",
                "unknown_traveller",
                "no registered person holds this document; send surname, given_names and birth_date to register the traveller",
            );
        };
        let document = NewDocument {
            doc_type: "passport".into(),
            issuing_state: state.clone(),
            number: number.clone(),
            number_folded: key.1.clone(),
            issue_date: None,
            expiry_date: None,
            status: "valid".into(),
            mrz: None,
        };
        // A confident identity match: a registered person under another document.
        if v.birth_date.is_some() {
            let name = [Some(surname.as_str()), v.given_names.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            let hits = self.search_unaudited(&SearchInput {
                name: Some(name),
                birth_date: v.birth_date.clone(),
                nationality: v.nationality.clone(),
                document_number: None,
                limit: Some(2),
            })?;
            let top = hits.first().map(|h| h.score).unwrap_or(0.0);
            let second = hits.get(1).map(|h| h.score).unwrap_or(0.0);
            if top >= IDENTITY_MATCH_MIN
                && top - second >= MATCH_MARGIN
                && let Some(id) = hits[0]
                    .person_id
                    .parse::<PersonId>()
                    .ok()
                    .map(PersonId::as_i64)
            {
                let pid = PersonId::from_stored(id).to_string();
                let audit = ctx
                    .audit(self.now(), "person.document_add", AuditOutcome::Ok)
                    .object("person", pid.clone())
                    .person(pid)
                    .purpose(Some(format!("border event {}", v.event_id)));
                self.store
                    .add_document(id, &document, self.now(), &ctx.actor_name(), audit)
                    .await?;
                if let Some(p) = self.store.find_person(id).await? {
                    self.index_person(&p);
                }
                by_document.insert(key, id);
                return Ok(Ok((id, "identity_match")));
            }
        }
        let input = NewPersonInput {
            surname: surname.clone(),
            given_names: v.given_names.clone(),
            birth_date: v.birth_date.clone(),
            nationalities: v.nationality.iter().cloned().collect(),
            documents: vec![crate::DocumentInput {
                doc_type: "passport".into(),
                issuing_state: state.clone(),
                number: number.clone(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let row = match self.validate_person(&input, &ctx.actor_name()) {
            Ok(r) => r,
            Err(ServiceError::Validation {
                field,
                message,
                code,
            }) => {
                return err(field, code, &message);
            }
            Err(e) => return Err(e),
        };
        let pid = PersonId::from_stored(row.person_id).to_string();
        let audit = ctx
            .audit(row.created_at, "person.create", AuditOutcome::Ok)
            .object("person", pid.clone())
            .person(pid)
            .purpose(Some(format!("border event {}", v.event_id)));
        self.store.create_person(&row, audit).await?;
        if let Some(p) = self.store.find_person(row.person_id).await? {
            self.index_person(&p);
            self.queue_likely_duplicates(&p).await;
        }
        by_document.insert(key, row.person_id);
        Ok(Ok((row.person_id, "created")))
    }
}
