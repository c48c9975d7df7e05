//! Duplicates: the pairs of persons that are likely the same (found as persons are registered
//! or changed, or by a scan of the whole registry), the review queue officers work through,
//! their "not a duplicate" decisions, and the merges administrators may undo.

use crate::search::SearchInput;
use crate::{Ctx, ServiceError, Services};
use std::collections::{HashMap, HashSet};
use umis_domain::person::PersonId;
use umis_domain::{AuditOutcome, Permission};
use umis_store::{DuplicateCandidate, MergeRecord, Person, ordered_pair};

/// Longest reason kept with a "not a duplicate" decision.
pub const MAX_REASON_CHARS: usize = 500;

/// A pair in the queue or the report, with person numbers as shown to people.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DuplicatePair {
    /// Lower person number.
    pub person_a: String,
    /// Higher person number.
    pub person_b: String,
    /// How alike (0–1).
    pub score: f32,
    /// `open`, `not_duplicate` or `merged`.
    pub status: String,
    /// When first found (Unix µs); absent for pairs only computed by a report.
    pub found_at: Option<i64>,
    /// Who decided.
    pub decided_by: Option<String>,
    /// When decided (Unix µs).
    pub decided_at: Option<i64>,
    /// Why.
    pub reason: Option<String>,
}

impl From<DuplicateCandidate> for DuplicatePair {
    fn from(c: DuplicateCandidate) -> Self {
        DuplicatePair {
            person_a: PersonId::from_stored(c.person_a).to_string(),
            person_b: PersonId::from_stored(c.person_b).to_string(),
            score: c.score as f32,
            status: c.status,
            found_at: Some(c.found_at),
            decided_by: c.decided_by,
            decided_at: c.decided_at,
            reason: c.reason,
        }
    }
}

/// A merged record, for the undo list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MergeEntry {
    /// The merged record.
    pub merged: String,
    /// The record it resolves to.
    pub survivor: String,
    /// When (Unix µs).
    pub merged_at: i64,
    /// Who merged.
    pub actor: Option<String>,
}

impl From<MergeRecord> for MergeEntry {
    fn from(m: MergeRecord) -> Self {
        MergeEntry {
            merged: PersonId::from_stored(m.merged).to_string(),
            survivor: PersonId::from_stored(m.survivor).to_string(),
            merged_at: m.merged_at,
            actor: m.actor,
        }
    }
}

fn parse_id(field: &'static str, s: &str) -> Result<PersonId, ServiceError> {
    s.trim().parse::<PersonId>().map_err(|_| {
        ServiceError::invalid(
            field,
            "invalid_person_id",
            "a person number has 11 digits with a valid check digit",
        )
    })
}

impl Services {
    /// Active persons the index finds likely the same as `person` (score ≥ `min_score`).
    fn likely_same(&self, person: &Person, min_score: f32) -> Vec<(i64, f32)> {
        let Some(name) = person.names.first() else {
            return Vec::new();
        };
        let q = SearchInput {
            name: Some(format!(
                "{} {}",
                name.surname,
                name.given_names.as_deref().unwrap_or("")
            )),
            birth_date: person.birth_date.clone(),
            nationality: None,
            document_number: None,
            limit: Some(6),
        };
        self.search_unaudited(&q)
            .unwrap_or_default()
            .into_iter()
            .filter(|h| h.score >= min_score)
            .filter_map(|h| Some((h.person_id.parse::<PersonId>().ok()?.as_i64(), h.score)))
            .filter(|(other, _)| *other != person.person_id)
            .collect()
    }

    /// Puts the likely duplicates of a just-written person in the review queue. The person is
    /// already stored, so a failure here is logged, not returned.
    pub(crate) async fn queue_likely_duplicates(&self, person: &Person) {
        if person.status != "active" {
            return;
        }
        let pairs: Vec<(i64, i64, f32)> = self
            .likely_same(person, umis_matching::REFER_THRESHOLD)
            .into_iter()
            .map(|(other, score)| (person.person_id, other, score))
            .collect();
        if let Err(e) = self
            .store
            .note_duplicate_candidates(&pairs, self.now())
            .await
        {
            tracing::warn!(person = person.person_id, error = %e, "duplicate candidates not queued");
        }
    }

    /// Every pair of active persons scoring at least `min_score`, best first, each pair once.
    async fn all_pairs(&self, min_score: f32) -> Result<Vec<(i64, i64, f32)>, ServiceError> {
        let mut best: HashMap<(i64, i64), f32> = HashMap::new();
        let mut after = None;
        loop {
            let page = self.store.list_persons(after, 500, Some("active")).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.person_id);
            for p in &page {
                for (other, score) in self.likely_same(p, min_score) {
                    let slot = best.entry(ordered_pair(p.person_id, other)).or_insert(0.0);
                    *slot = slot.max(score);
                }
            }
        }
        let mut pairs: Vec<(i64, i64, f32)> =
            best.into_iter().map(|((a, b), s)| (a, b, s)).collect();
        pairs.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
        Ok(pairs)
    }

    /// Pairs of active persons that are likely the same (score at or above `min_score`), best
    /// first; pairs decided "not a duplicate" are left out unless `include_dismissed`, and then
    /// carry their decision. Audited as one read of the whole registry.
    pub async fn duplicate_pairs(
        &self,
        ctx: &Ctx,
        min_score: f32,
        limit: usize,
        include_dismissed: bool,
    ) -> Result<Vec<DuplicatePair>, ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "person.dedup_report")
            .await?;
        let dismissed: HashSet<(i64, i64)> = self
            .store
            .not_duplicate_pairs()
            .await?
            .into_iter()
            .collect();
        let mut out = Vec::new();
        for (a, b, score) in self.all_pairs(min_score).await? {
            if out.len() >= limit {
                break;
            }
            let mut pair = DuplicatePair {
                person_a: PersonId::from_stored(a).to_string(),
                person_b: PersonId::from_stored(b).to_string(),
                score,
                status: "open".into(),
                found_at: None,
                decided_by: None,
                decided_at: None,
                reason: None,
            };
            if dismissed.contains(&(a, b)) {
                if !include_dismissed {
                    continue;
                }
                if let Some(c) = self.store.find_duplicate_candidate(a, b).await? {
                    pair = DuplicatePair {
                        score,
                        ..DuplicatePair::from(c)
                    };
                }
            }
            out.push(pair);
        }
        self.audit_read(
            ctx,
            "person.dedup_report",
            None,
            None,
            serde_json::json!({ "pairs": out.len() }),
        )
        .await?;
        Ok(out)
    }

    /// Scans the whole registry and puts every likely pair (score ≥ `min_score`) not yet
    /// decided in the review queue; returns how many pairs were found.
    pub async fn scan_duplicates(&self, ctx: &Ctx, min_score: f32) -> Result<usize, ServiceError> {
        self.authorize(ctx, Permission::WritePersons, "person.dedup_scan")
            .await?;
        let pairs = self.all_pairs(min_score).await?;
        for chunk in pairs.chunks(500) {
            self.store
                .note_duplicate_candidates(chunk, self.now())
                .await?;
        }
        let entry = ctx
            .audit(self.now(), "person.dedup_scan", AuditOutcome::Ok)
            .detail("pairs", pairs.len());
        self.store.append_audit(entry).await?;
        Ok(pairs.len())
    }

    /// The review queue: open pairs of active persons, best first, and how many there are in
    /// all. Audited as a read (the queue names persons).
    pub async fn duplicate_queue(
        &self,
        ctx: &Ctx,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<DuplicatePair>, i64), ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "person.duplicate_queue")
            .await?;
        let limit = limit.clamp(1, 200) as i64;
        let offset = offset.min(1_000_000) as i64;
        let rows = self.store.open_duplicate_candidates(offset, limit).await?;
        let total = self.store.count_open_duplicate_candidates().await?;
        self.audit_read(
            ctx,
            "person.duplicate_queue",
            None,
            None,
            serde_json::json!({ "pairs": rows.len(), "offset": offset }),
        )
        .await?;
        Ok((rows.into_iter().map(DuplicatePair::from).collect(), total))
    }

    /// Two persons side by side for review, each audited as a view of personal data with the
    /// purpose "duplicate review", and the stored pair if there is one. The records are shown
    /// as stored (a merged record is not resolved to its survivor).
    pub async fn compare_persons(
        &self,
        ctx: &Ctx,
        first: &str,
        second: &str,
    ) -> Result<(Person, Person, Option<DuplicatePair>), ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "person.view")
            .await?;
        let (x, y) = (parse_id("person_a", first)?, parse_id("person_b", second)?);
        if x == y {
            return Err(ServiceError::invalid(
                "person_b",
                "same_person",
                "a person cannot be compared with itself",
            ));
        }
        let mut persons = Vec::with_capacity(2);
        for id in [x, y] {
            let p = self
                .store
                .find_person(id.as_i64())
                .await?
                .ok_or(ServiceError::NotFound)?;
            persons.push(p);
        }
        for id in [x, y] {
            self.audit_read(
                ctx,
                "person.view",
                Some(&id.to_string()),
                Some("duplicate review".into()),
                serde_json::json!({ "compared_with": if id == x { y } else { x }.to_string() }),
            )
            .await?;
        }
        let pair = self
            .store
            .find_duplicate_candidate(x.as_i64(), y.as_i64())
            .await?
            .map(DuplicatePair::from);
        let second = persons.pop().ok_or(ServiceError::NotFound)?;
        let first = persons.pop().ok_or(ServiceError::NotFound)?;
        Ok((first, second, pair))
    }

    /// Records that two persons are not the same: the pair leaves the queue and later scans and
    /// reports leave it out. Audited; a pair already decided is a conflict.
    pub async fn decide_not_duplicate(
        &self,
        ctx: &Ctx,
        first: &str,
        second: &str,
        reason: &str,
    ) -> Result<DuplicatePair, ServiceError> {
        self.authorize(ctx, Permission::WritePersons, "person.not_duplicate")
            .await?;
        let (x, y) = (parse_id("person_a", first)?, parse_id("person_b", second)?);
        if x == y {
            return Err(ServiceError::invalid(
                "person_b",
                "same_person",
                "a person cannot be a duplicate of itself",
            ));
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ServiceError::invalid(
                "reason",
                "required",
                "say why the two records are different persons",
            ));
        }
        if reason.chars().count() > MAX_REASON_CHARS {
            return Err(ServiceError::invalid(
                "reason",
                "too_long",
                format!("the reason has at most {MAX_REASON_CHARS} characters"),
            ));
        }
        let mut score = 0.0f32;
        for (id, other) in [(x, y), (y, x)] {
            let p = self
                .store
                .find_person(id.as_i64())
                .await?
                .ok_or(ServiceError::NotFound)?;
            if let Some((_, s)) = self
                .likely_same(&p, 0.0)
                .into_iter()
                .find(|(o, _)| *o == other.as_i64())
            {
                score = score.max(s);
            }
        }
        let (a, b) = ordered_pair(x.as_i64(), y.as_i64());
        let (pa, pb) = (
            PersonId::from_stored(a).to_string(),
            PersonId::from_stored(b).to_string(),
        );
        let now = self.now();
        let audit = ctx
            .audit(now, "person.not_duplicate", AuditOutcome::Ok)
            .object("person", pa.clone())
            .person(pa)
            .detail("other", pb)
            .detail("reason", reason);
        self.store
            .decide_not_duplicate(
                a,
                b,
                &umis_store::PairDecision {
                    score,
                    reason,
                    actor: &ctx.actor_name(),
                    at: now,
                },
                audit,
            )
            .await?;
        self.store
            .find_duplicate_candidate(a, b)
            .await?
            .map(DuplicatePair::from)
            .ok_or(ServiceError::NotFound)
    }

    /// Withdraws a "not a duplicate" decision: the pair is open for review again. Audited.
    pub async fn reopen_duplicate(
        &self,
        ctx: &Ctx,
        first: &str,
        second: &str,
    ) -> Result<(), ServiceError> {
        self.authorize(ctx, Permission::WritePersons, "person.duplicate_reopen")
            .await?;
        let (x, y) = (parse_id("person_a", first)?, parse_id("person_b", second)?);
        let (a, b) = ordered_pair(x.as_i64(), y.as_i64());
        let pa = PersonId::from_stored(a).to_string();
        let audit = ctx
            .audit(self.now(), "person.duplicate_reopen", AuditOutcome::Ok)
            .object("person", pa.clone())
            .person(pa)
            .detail("other", PersonId::from_stored(b).to_string());
        self.store.reopen_duplicate_candidate(a, b, audit).await?;
        Ok(())
    }

    /// Records merged into another, newest first (administrators, who may undo them; only
    /// person numbers are shown).
    pub async fn list_merges(
        &self,
        ctx: &Ctx,
        limit: usize,
    ) -> Result<Vec<MergeEntry>, ServiceError> {
        self.authorize(ctx, Permission::UndoMerge, "person.merges")
            .await?;
        Ok(self
            .store
            .list_merges(limit.clamp(1, 500) as i64)
            .await?
            .into_iter()
            .map(MergeEntry::from)
            .collect())
    }
}
