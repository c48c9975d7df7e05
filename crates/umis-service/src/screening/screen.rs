//! Screening a traveller against entry bans, watch lists and lost or stolen documents, also through the registered persons they are likely to be.

use super::*;

/// A short account of a person match, for screening reasons.
pub(super) fn explain_briefly(e: &umis_matching::Explanation) -> String {
    let v = serde_json::to_value(e).unwrap_or_default();
    let mut parts = Vec::new();
    if let Some(kind) = v.pointer("/name/kind").and_then(|k| k.as_str()) {
        parts.push(format!("name {}", kind.replace('_', " ")));
    }
    for (field, label) in [
        ("birth_date", "birth date"),
        ("nationality", "nationality"),
        ("document", "document"),
    ] {
        if let Some(m) = v.get(field).and_then(|m| m.as_str()) {
            parts.push(format!("{label} {}", m.replace('_', " ")));
        }
    }
    parts.join(", ")
}

impl Services {
    /// Registered persons the index finds at or above [`PERSON_MATCH_MIN`] for what screening
    /// was given (nothing when it was given too little to search on).
    pub(super) fn registered_matches(
        &self,
        surname: Option<&str>,
        given: Option<&str>,
        birth: Option<&str>,
        nationality: Option<&str>,
        document: Option<&str>,
    ) -> Vec<(i64, crate::SearchHit)> {
        let name = [surname, given]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let input = crate::SearchInput {
            name: Some(name).filter(|n| !n.trim().is_empty()),
            birth_date: birth.map(str::to_owned),
            nationality: nationality.map(str::to_owned),
            document_number: document.map(str::to_owned),
            limit: Some(10),
        };
        self.search_unaudited(&input)
            .unwrap_or_default()
            .into_iter()
            .filter(|h| h.score >= PERSON_MATCH_MIN)
            .filter_map(|h| Some((h.person_id.parse::<PersonId>().ok()?.as_i64(), h)))
            .collect()
    }

    /// Screens a traveller against entry bans, watch lists and lost or stolen documents; every
    /// screening is audited with its decision.
    pub async fn screen(
        &self,
        ctx: &Ctx,
        q: &ScreeningQuery,
    ) -> Result<ScreeningResult, ServiceError> {
        self.authorize(ctx, Permission::Screen, "screening.check")
            .await?;
        let (mut surname, mut given, mut birth, mut nationality, mut document) = (
            opt(&q.surname),
            opt(&q.given_names),
            opt(&q.birth_date),
            opt(&q.nationality),
            opt(&q.document_number),
        );
        // What is given is checked, so that a typo is told rather than matched loosely.
        if let Some(n) = nationality.as_mut() {
            *n = n.to_ascii_uppercase();
            if !known_country(n) {
                return Err(invalid(
                    "nationality",
                    "unknown_country",
                    "not an ICAO country code",
                ));
            }
        }
        if let Some(b) = &birth {
            b.parse::<umis_domain::person::PartialDate>()
                .map_err(|e| invalid("birth_date", "invalid_date", e.to_string()))?;
        }
        if let Some(mrz) = opt(&q.mrz) {
            if mrz.len() > 200 {
                return Err(invalid(
                    "mrz",
                    "too_long",
                    "an MRZ has at most three lines of 44 characters",
                ));
            }
            let (y, m, d) = {
                let t = today(self.now());
                (t.year, t.month.unwrap_or(1), t.day.unwrap_or(1))
            };
            let report = umis_domain::mrz::parse_mrz(&mrz.replace("\r\n", "\n"), (y, m, d));
            if report.format.is_none() {
                return Err(invalid(
                    "mrz",
                    "unreadable_mrz",
                    "the MRZ could not be read; check its lines",
                ));
            }
            surname = surname.or(report.surname.clone());
            given = given.or(report.given_names.clone().filter(|g| !g.is_empty()));
            birth = birth.or(report.birth_date.map(|b| b.to_string()));
            nationality = nationality.or(report.nationality.clone());
            document = document.or(report.document_number.clone());
        }
        if surname.is_none() && document.is_none() {
            return Err(invalid(
                "surname",
                "required",
                "give an MRZ, a name or a document number",
            ));
        }
        if surname.as_ref().is_some_and(|s| s.chars().count() > 200) {
            return Err(invalid("surname", "too_long", "surname is too long"));
        }
        let today = today(self.now()).to_string();
        let key = surname
            .as_deref()
            .and_then(|s| name_key(s, given.as_deref()));
        let folded = document
            .as_deref()
            .map(fold_document_number)
            .filter(|d| !d.is_empty());
        // Registered persons the traveller is likely to be (any script or spelling): bans and
        // list entries linked to them are hits even when the name was written differently.
        let registered = self.registered_matches(
            surname.as_deref(),
            given.as_deref(),
            birth.as_deref(),
            nationality.as_deref(),
            document.as_deref(),
        );
        let registered_ids: Vec<i64> = registered.iter().map(|(id, _)| *id).collect();
        let mut hits = Vec::new();
        if let Some(f) = &folded {
            for doc in self.store.lost_or_stolen_documents(f).await? {
                let exact = document
                    .as_deref()
                    .is_some_and(|d| d.eq_ignore_ascii_case(&doc.number));
                hits.push(ScreeningHit {
                    list: format!("{}_document", doc.status),
                    entry_id: None,
                    person_id: Some(PersonId::from_stored(doc.person_id).to_string()),
                    score: if exact { 1.0 } else { 0.9 },
                    reasons: vec![if exact {
                        "document number: exact".into()
                    } else {
                        "document number: OCR-confusable".into()
                    }],
                    ground: None,
                    valid_to: None,
                });
            }
        }
        for e in self
            .store
            .watch_candidates(key.as_deref(), folded.as_deref(), &registered_ids)
            .await?
        {
            if e.valid_from.as_deref().is_some_and(|f| f > today.as_str())
                || e.valid_to.as_deref().is_some_and(|t| t < today.as_str())
            {
                continue;
            }
            let mut reasons = Vec::new();
            let mut score: f32 = 0.0;
            let doc_match = folded.is_some()
                && e.document_number.as_deref().map(fold_document_number) == folded;
            if doc_match {
                reasons.push("document number".to_owned());
                score = 1.0;
            }
            if key.is_some()
                && e.surname
                    .as_deref()
                    .and_then(|s| name_key(s, e.given_names.as_deref()))
                    == key
            {
                reasons.push("name: same phonetic form".to_owned());
                let dob = match (&birth, &e.birth_date) {
                    (Some(a), Some(b)) if a == b => {
                        reasons.push("birth date: exact".into());
                        0.2
                    }
                    (Some(a), Some(b))
                        if a.get(..4) == b.get(..4) && (a.len() < 10 || b.len() < 10) =>
                    {
                        reasons.push("birth date: same year, partly known".into());
                        0.1
                    }
                    (Some(_), Some(_)) => {
                        reasons.push("birth date: differs".into());
                        -0.3
                    }
                    _ => {
                        reasons.push("birth date: unknown".into());
                        0.05
                    }
                };
                let nat = match (&nationality, &e.nationality) {
                    (Some(a), Some(b)) if a != b => {
                        reasons.push("nationality: differs".into());
                        -0.1
                    }
                    (Some(_), Some(_)) => {
                        reasons.push("nationality: same".into());
                        0.0
                    }
                    _ => 0.0,
                };
                score = score.max(0.8 + dob + nat);
            }
            if let Some((_, h)) = e
                .person_id
                .and_then(|p| registered.iter().find(|(id, _)| *id == p))
            {
                reasons.push(format!(
                    "registered person {} ({:.2}): {}",
                    h.person_id,
                    h.score,
                    explain_briefly(&h.explanation)
                ));
                score = score.max(h.score);
            }
            if score <= 0.0 {
                continue;
            }
            hits.push(ScreeningHit {
                list: e.list.clone(),
                entry_id: Some(e.entry_id),
                person_id: e.person_id.map(|p| PersonId::from_stored(p).to_string()),
                score: score.clamp(0.0, 1.0),
                reasons,
                ground: e.ground.clone(),
                valid_to: e.valid_to.clone(),
            });
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        let decision = if hits.iter().any(|h| h.score >= REFER_THRESHOLD) {
            "refer"
        } else {
            "clear"
        };
        let entry = ctx
            .audit(self.now(), "screening.check", AuditOutcome::Ok)
            .detail("decision", decision)
            .detail("hits", hits.len());
        self.store.append_audit(entry).await?;
        Ok(ScreeningResult { decision, hits })
    }
}
