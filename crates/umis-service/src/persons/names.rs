//! Persons' names for lists that show person numbers (the work queue, overstays, alerts): the
//! name in its original script with its ICAO Latin form beside it when the two differ.

use super::*;
use std::collections::HashMap;

/// A person's name as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName {
    /// Surname and given names as registered, in their own script.
    pub original: String,
    /// The ICAO Latin form, when the original is written otherwise.
    pub latin: Option<String>,
}

impl DisplayName {
    fn new(surname: &str, given: Option<&str>) -> Self {
        let original = format!("{surname} {}", given.unwrap_or_default())
            .trim()
            .to_owned();
        let latin = umis_domain::mrz::to_icao_latin(&original, umis_domain::mrz::DEFAULT_SCHWA);
        let same = latin.eq_ignore_ascii_case(&original.replace('-', " "))
            || latin.eq_ignore_ascii_case(&original);
        DisplayName {
            latin: (!same && !latin.is_empty()).then_some(latin),
            original,
        }
    }
}

impl Services {
    /// The names of `person_ids` (person numbers), for a list already read under an audited
    /// read that shows those numbers; numbers that are malformed or unknown are left out.
    pub async fn display_names(
        &self,
        ctx: &Ctx,
        person_ids: &[&str],
    ) -> Result<HashMap<String, DisplayName>, ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "person.names")
            .await?;
        let mut ids: Vec<i64> = person_ids
            .iter()
            .filter_map(|p| p.parse::<PersonId>().ok())
            .map(PersonId::as_i64)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let mut out = HashMap::new();
        for (id, surname, given) in self.store.primary_names(&ids).await? {
            out.entry(PersonId::from_stored(id).to_string())
                .or_insert_with(|| DisplayName::new(&surname, given.as_deref()));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod name_tests {
    use super::DisplayName;

    #[test]
    fn a_name_in_another_script_carries_its_latin_form() {
        let n = DisplayName::new("Щеглова", Some("Юлия"));
        assert_eq!(n.original, "Щеглова Юлия");
        assert_eq!(n.latin.as_deref(), Some("SHCHEGLOVA IULIIA"));
        assert_eq!(DisplayName::new("Smith", Some("John")).latin, None);
    }
}
