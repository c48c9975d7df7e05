//! Name parts as written: a personal name split into surname, given names and patronymic.

use super::morph::{has_surname_ending, is_marker, is_particle, strong_patronymic_root};
use super::{NameKeys, name_keys, transliterate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A personal name split into its parts, as written (any script).
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NameParts {
    /// The family name or names.
    pub surname: String,
    /// The given name or names, if any.
    pub given_names: Option<String>,
    /// The patronymic ("Əli oğlu", "Алиевич"), if any.
    pub patronymic: Option<String>,
}

impl fmt::Debug for NameParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NameParts")
            .field("surname", &"<redacted>")
            .field(
                "given_names",
                &self.given_names.as_ref().map(|_| "<redacted>"),
            )
            .field(
                "patronymic",
                &self.patronymic.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

impl NameParts {
    /// Splits a name written on one line: MRZ style (`MAMMADOV<<ELCHIN`), "Surname, Given", or
    /// words, where a patronymic ("Əli oğlu", "Алиевич") is recognised and the surname is the
    /// first word with a surname ending (-ov, -eva, -zadə, -dze, -yan, -ski…), else the first word.
    ///
    /// Word order in free text is a guess; a matcher should also score the swapped order.
    pub fn from_full_name(s: &str) -> NameParts {
        let s = s.trim();
        let non_empty = |t: String| (!t.is_empty()).then_some(t);
        if s.contains('<') {
            let (surname, given) = s.split_once("<<").unwrap_or((s, ""));
            let clean = |t: &str| {
                t.split('<')
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            return NameParts {
                surname: clean(surname),
                given_names: non_empty(clean(given)),
                patronymic: None,
            };
        }
        if let Some((surname, given)) = s.split_once(',') {
            return NameParts {
                surname: surname.split_whitespace().collect::<Vec<_>>().join(" "),
                given_names: non_empty(given.split_whitespace().collect::<Vec<_>>().join(" ")),
                patronymic: None,
            };
        }
        let mut words: Vec<&str> = s.split_whitespace().collect();
        let latin: Vec<String> = words.iter().map(|w| transliterate(w)).collect();
        let mut patronymic = None;
        if let Some(i) =
            (1..latin.len()).find(|&i| is_marker(&latin[i]) && !is_marker(&latin[i - 1]))
        {
            patronymic = Some(words[i - 1..=i].join(" "));
            words.drain(i - 1..=i);
        } else if let Some(i) = (1..latin.len())
            .rev()
            .find(|&i| strong_patronymic_root(&latin[i]).is_some())
        {
            patronymic = Some(words.remove(i).to_owned());
        }
        let latin: Vec<String> = words.iter().map(|w| transliterate(w)).collect();
        let at = latin
            .iter()
            .position(|t| has_surname_ending(t))
            .unwrap_or(0);
        // Particles right before the surname belong to it ("van der Berg").
        let mut start = at;
        while start > 0 && is_particle(&latin[start - 1]) {
            start -= 1;
        }
        let surname = words
            .get(start..=at)
            .map(|w| w.join(" "))
            .unwrap_or_default();
        let given: Vec<&str> = words[..start]
            .iter()
            .chain(words.get(at + 1..).unwrap_or(&[]))
            .copied()
            .collect();
        NameParts {
            surname,
            given_names: non_empty(given.join(" ")),
            patronymic,
        }
    }

    /// The search keys of these parts (see [`name_keys`]).
    pub fn keys(&self) -> NameKeys {
        name_keys(
            &self.surname,
            self.given_names.as_deref(),
            self.patronymic.as_deref(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts() {
        let parts = NameParts::from_full_name("Məmmədov Elçin");
        let shown = format!("{parts:?} {:?}", parts.keys());
        assert!(
            !shown.to_lowercase().contains("elchin") && !shown.contains("Elçin"),
            "{shown}"
        );
    }
}
