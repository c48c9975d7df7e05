//! Watch lists: entries added (entry bans with their grounds, other lists), lifted and listed, each audited.

use super::*;

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

pub(super) fn full_date(
    field: &'static str,
    s: &Option<String>,
) -> Result<Option<String>, ServiceError> {
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
}
