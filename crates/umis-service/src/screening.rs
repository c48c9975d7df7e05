//! Watch lists and screening: entry bans (ground, issuing body, period) and other named lists,
//! and the check border and visa systems call: `clear`, or `refer` with scored, explained hits.

use crate::persons::invalid;
use crate::persons::{known_country, parse_partial_date, today};
use crate::{Ctx, ServiceError, Services};
use serde::Serialize;
use std::fmt;
use umis_domain::person::{PersonId, fold_document_number};
use umis_domain::{AuditOutcome, Permission};
use umis_store::{NewWatchEntry, WatchEntry};

/// A hit at or above this score makes the decision `refer`.
pub const REFER_THRESHOLD: f32 = 0.85;

/// A registered person matched at or above this score carries the entries linked to them into
/// the screening result.
pub const PERSON_MATCH_MIN: f32 = 0.75;

/// A short account of a person match, for screening reasons.
fn explain_briefly(e: &umis_matching::Explanation) -> String {
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

/// Grounds of an entry ban (R18–R19).
pub const BAN_GROUNDS: [&str; 5] = [
    "national_security",
    "prior_expulsion",
    "false_information",
    "unpaid_fines",
    "other",
];

/// A watch-list entry as submitted.
#[derive(Clone, Default, serde::Deserialize)]
pub struct WatchInput {
    /// `entry_ban` or another list's name (lowercase letters, digits, `_`).
    pub list: String,
    /// A registered person's number.
    #[serde(default)]
    pub person_id: Option<String>,
    /// Surname.
    #[serde(default)]
    pub surname: Option<String>,
    /// Given names.
    #[serde(default)]
    pub given_names: Option<String>,
    /// Partial date of birth.
    #[serde(default)]
    pub birth_date: Option<String>,
    /// ICAO nationality.
    #[serde(default)]
    pub nationality: Option<String>,
    /// Document number.
    #[serde(default)]
    pub document_number: Option<String>,
    /// Ground (required for entry bans).
    #[serde(default)]
    pub ground: Option<String>,
    /// Ordering body (required for entry bans).
    #[serde(default)]
    pub issuing_body: Option<String>,
    /// First day in force, YYYY-MM-DD (default: today).
    #[serde(default)]
    pub valid_from: Option<String>,
    /// Last day in force, YYYY-MM-DD (required for entry bans).
    #[serde(default)]
    pub valid_to: Option<String>,
    /// Free note.
    #[serde(default)]
    pub note: Option<String>,
}

impl fmt::Debug for WatchInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WatchInput")
            .field("list", &self.list)
            .finish_non_exhaustive()
    }
}

/// What is screened: an MRZ, or any of name, date of birth, nationality and document number.
#[derive(Clone, Default, serde::Deserialize)]
pub struct ScreeningQuery {
    /// The MRZ lines of a travel document.
    #[serde(default)]
    pub mrz: Option<String>,
    /// Surname.
    #[serde(default)]
    pub surname: Option<String>,
    /// Given names.
    #[serde(default)]
    pub given_names: Option<String>,
    /// Partial date of birth.
    #[serde(default)]
    pub birth_date: Option<String>,
    /// ICAO nationality.
    #[serde(default)]
    pub nationality: Option<String>,
    /// Document number.
    #[serde(default)]
    pub document_number: Option<String>,
}

impl fmt::Debug for ScreeningQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ScreeningQuery(..)")
    }
}

/// One reason to look closer.
#[derive(Debug, Clone, Serialize)]
pub struct ScreeningHit {
    /// `entry_ban`, another list's name, `lost_document` or `stolen_document`.
    pub list: String,
    /// The watch-list entry, for list hits.
    pub entry_id: Option<i64>,
    /// The registered person concerned, if known.
    pub person_id: Option<String>,
    /// 0–1; at or above [`REFER_THRESHOLD`] the decision is `refer`.
    pub score: f32,
    /// What matched and how.
    pub reasons: Vec<String>,
    /// The ban's ground, for entry bans.
    pub ground: Option<String>,
    /// Last day in force, for entry bans.
    pub valid_to: Option<String>,
}

/// The answer to a screening.
#[derive(Debug, Clone, Serialize)]
pub struct ScreeningResult {
    /// `clear` or `refer`.
    pub decision: &'static str,
    /// Every hit, best first.
    pub hits: Vec<ScreeningHit>,
}

/// The key names are looked up by: the phonetic keys of the surname and of the given names
/// (gender endings and patronymics neutralised), so Məmmədov Elçin, MAMMADOV ELCHIN and
/// Мамедов Эльчин share one key.
pub fn name_key(surname: &str, given_names: Option<&str>) -> Option<String> {
    let keys = umis_domain::names::name_keys(surname, given_names, None);
    let mut surname_keys = keys.surname_keys.clone();
    surname_keys.sort();
    let mut given_keys = keys.given_keys.clone();
    given_keys.sort();
    let key = format!("{}|{}", surname_keys.join(" "), given_keys.join(" "));
    (key != "|").then_some(key)
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn full_date(field: &'static str, s: &Option<String>) -> Result<Option<String>, ServiceError> {
    match opt(s) {
        None => Ok(None),
        Some(d) => match parse_partial_date(&d) {
            Some(p) if p.day.is_some() => Ok(Some(p.to_string())),
            _ => Err(invalid(
                field,
                "invalid_date",
                format!("{field} must be a date YYYY-MM-DD"),
            )),
        },
    }
}

impl Services {
    /// Adds an entry to a watch list (inspectors and decision makers).
    pub async fn add_watch_entry(
        &self,
        ctx: &Ctx,
        input: &WatchInput,
    ) -> Result<i64, ServiceError> {
        self.authorize(ctx, Permission::ManageWatchLists, "watch.create")
            .await?;
        let list = input.list.trim().to_owned();
        if list.is_empty()
            || list.len() > 40
            || !list
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(invalid(
                "list",
                "invalid_list",
                "list names are 1–40 lowercase letters, digits or '_'",
            ));
        }
        let surname = opt(&input.surname);
        let given_names = opt(&input.given_names);
        let document_number = opt(&input.document_number).map(|d| d.to_ascii_uppercase());
        let person_id = match opt(&input.person_id) {
            None => None,
            Some(p) => {
                let id: PersonId = p.parse().map_err(|_| {
                    invalid("person_id", "invalid_person_id", "not a person number")
                })?;
                if self.store.find_person(id.as_i64()).await?.is_none() {
                    return Err(invalid(
                        "person_id",
                        "unknown_person",
                        "no person has this number",
                    ));
                }
                Some(id.as_i64())
            }
        };
        if surname.is_none() && document_number.is_none() && person_id.is_none() {
            return Err(invalid(
                "surname",
                "required",
                "give a surname, a document number or a person number",
            ));
        }
        for (field, v) in [("surname", &surname), ("given_names", &given_names)] {
            if v.as_ref()
                .is_some_and(|s| s.chars().count() > 200 || s.chars().any(char::is_control))
            {
                return Err(invalid(
                    field,
                    "invalid_name",
                    format!("{field} is too long or has control characters"),
                ));
            }
        }
        let birth_date = match opt(&input.birth_date) {
            None => None,
            Some(d) => Some(
                parse_partial_date(&d)
                    .ok_or_else(|| {
                        invalid(
                            "birth_date",
                            "invalid_date",
                            "birth_date must be YYYY, YYYY-MM or YYYY-MM-DD",
                        )
                    })?
                    .to_string(),
            ),
        };
        let nationality = match opt(&input.nationality) {
            None => None,
            Some(n) if known_country(&n.to_ascii_uppercase()) => Some(n.to_ascii_uppercase()),
            Some(_) => {
                return Err(invalid(
                    "nationality",
                    "unknown_country",
                    "not an ICAO country code",
                ));
            }
        };
        let today = today(self.now()).to_string();
        let valid_from = full_date("valid_from", &input.valid_from)?.or(Some(today));
        let valid_to = full_date("valid_to", &input.valid_to)?;
        let ground = opt(&input.ground);
        let issuing_body = opt(&input.issuing_body);
        if list == "entry_ban" {
            match &ground {
                Some(g) if BAN_GROUNDS.contains(&g.as_str()) => {}
                _ => {
                    return Err(invalid(
                        "ground",
                        "unknown_ground",
                        format!("ground must be one of: {}", BAN_GROUNDS.join(", ")),
                    ));
                }
            }
            if issuing_body.is_none() {
                return Err(invalid(
                    "issuing_body",
                    "required",
                    "an entry ban names the body that ordered it",
                ));
            }
            if valid_to.is_none() {
                return Err(invalid(
                    "valid_to",
                    "required",
                    "an entry ban has an end date",
                ));
            }
        }
        if let (Some(f), Some(t)) = (&valid_from, &valid_to)
            && t < f
        {
            return Err(invalid(
                "valid_to",
                "before_start",
                "valid_to is before valid_from",
            ));
        }
        let now = self.now();
        let entry = NewWatchEntry {
            name_key: surname
                .as_deref()
                .and_then(|s| name_key(s, given_names.as_deref())),
            document_folded: document_number.as_deref().map(fold_document_number),
            list: list.clone(),
            person_id,
            surname,
            given_names,
            birth_date,
            nationality,
            document_number,
            ground,
            issuing_body,
            valid_from,
            valid_to,
            note: opt(&input.note).map(|n| n.chars().take(500).collect()),
            created_by: ctx.actor_name(),
            created_at: now,
        };
        let mut audit = ctx
            .audit(now, "watch.create", AuditOutcome::Ok)
            .detail("list", list);
        if let Some(p) = person_id {
            audit = audit.person(PersonId::from_stored(p).to_string());
        }
        Ok(self.store.create_watch_entry(&entry, audit).await?)
    }

    /// Lifts a watch-list entry.
    pub async fn lift_watch_entry(&self, ctx: &Ctx, entry_id: i64) -> Result<(), ServiceError> {
        self.authorize(ctx, Permission::ManageWatchLists, "watch.lift")
            .await?;
        let now = self.now();
        let audit = ctx
            .audit(now, "watch.lift", AuditOutcome::Ok)
            .object("watch_entry", entry_id.to_string());
        Ok(self.store.lift_watch_entry(entry_id, now, audit).await?)
    }

    /// Entries of a list (or of all lists), newest first.
    pub async fn list_watch_entries(
        &self,
        ctx: &Ctx,
        list: Option<&str>,
        limit: i64,
    ) -> Result<Vec<WatchEntry>, ServiceError> {
        self.authorize(ctx, Permission::ManageWatchLists, "watch.list")
            .await?;
        let rows = self
            .store
            .list_watch_entries(list, limit.clamp(1, 500))
            .await?;
        self.audit_read(
            ctx,
            "watch.list",
            None,
            None,
            serde_json::json!({ "results": rows.len() }),
        )
        .await?;
        Ok(rows)
    }

    /// Registered persons the index finds at or above [`PERSON_MATCH_MIN`] for what screening
    /// was given (nothing when it was given too little to search on).
    fn registered_matches(
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
