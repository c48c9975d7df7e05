//! Watch lists: entry bans and other named lists, and the lookups screening needs.

mod entries;
mod lookups;

/// A watch-list entry to store.
#[derive(Clone, Default)]
pub struct NewWatchEntry {
    /// `entry_ban` or another list's name.
    pub list: String,
    /// The registered person, when known.
    pub person_id: Option<i64>,
    /// Surname as given.
    pub surname: Option<String>,
    /// Given names as given.
    pub given_names: Option<String>,
    /// Normalised name for lookup.
    pub name_key: Option<String>,
    /// Partial date of birth.
    pub birth_date: Option<String>,
    /// ICAO nationality.
    pub nationality: Option<String>,
    /// Document number as given.
    pub document_number: Option<String>,
    /// Folded document number for lookup.
    pub document_folded: Option<String>,
    /// Legal ground (entry bans).
    pub ground: Option<String>,
    /// The body that ordered it.
    pub issuing_body: Option<String>,
    /// First day in force (YYYY-MM-DD).
    pub valid_from: Option<String>,
    /// Last day in force (YYYY-MM-DD).
    pub valid_to: Option<String>,
    /// Free note.
    pub note: Option<String>,
    /// Who entered it.
    pub created_by: String,
    /// When (Unix µs).
    pub created_at: i64,
}

impl std::fmt::Debug for NewWatchEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewWatchEntry")
            .field("list", &self.list)
            .finish_non_exhaustive()
    }
}

/// A stored watch-list entry.
#[derive(Clone, sqlx::FromRow)]
pub struct WatchEntry {
    /// Id.
    pub entry_id: i64,
    /// List.
    pub list: String,
    /// Linked person.
    pub person_id: Option<i64>,
    /// Surname.
    pub surname: Option<String>,
    /// Given names.
    pub given_names: Option<String>,
    /// Partial date of birth.
    pub birth_date: Option<String>,
    /// Nationality.
    pub nationality: Option<String>,
    /// Document number.
    pub document_number: Option<String>,
    /// Legal ground.
    pub ground: Option<String>,
    /// Ordering body.
    pub issuing_body: Option<String>,
    /// In force from.
    pub valid_from: Option<String>,
    /// In force until.
    pub valid_to: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Entered by.
    pub created_by: String,
    /// Entered (Unix µs).
    pub created_at: i64,
    /// Lifted (Unix µs).
    pub lifted_at: Option<i64>,
}

impl std::fmt::Debug for WatchEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WatchEntry")
            .field("entry_id", &self.entry_id)
            .field("list", &self.list)
            .finish_non_exhaustive()
    }
}

pub(super) const WATCH_COLUMNS: &str = "entry_id, list, person_id, surname, given_names, birth_date, \
    nationality, document_number, ground, issuing_body, valid_from, valid_to, note, created_by, \
    created_at, lifted_at";
