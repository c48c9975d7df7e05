//! Name parts and the search keys derived from them: normalised tokens with gendered endings
//! neutralised, patronymic roots, particles kept apart, phonetic keys and trigrams.

use super::morph::{
    has_surname_ending, is_marker, is_particle, neutralise, patronymic_root, strong_patronymic_root,
};
use super::phonetic::{self, Coder};
use super::{push_trigrams, transliterate, transliterate_into};
use serde::{Deserialize, Serialize};
use std::fmt;

/// At most this many tokens of one field are keyed; the rest of a runaway field is ignored.
const MAX_TOKENS: usize = 12;
/// Tokens are cut to this many letters before keying.
const MAX_TOKEN_LEN: usize = 48;

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

/// The search keys of one name, everything lowercase ASCII.
///
/// Tokens are transliterated and split on spaces and hyphens; surname and given-name tokens have
/// gendered endings neutralised (-ova → -ov, -eva → -ev, -ina → -in, -skaya → -skiy, -zadeh →
/// -zade) in both fields alike, so a swapped order still yields equal keys.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NameKeys {
    /// Normalised surname tokens, without particles.
    pub surname: Vec<String>,
    /// Normalised given-name tokens, without particles and patronymic.
    pub given: Vec<String>,
    /// Patronymic roots: the father's name ("Əli oğlu" and "Алиевич" both → `ali`).
    pub patronymic: Vec<String>,
    /// Particles (de, van, al, bin, ibn…) and stray patronymic markers, kept apart from matching.
    pub particles: Vec<String>,
    /// The phonetic key of each surname token, in order.
    pub surname_keys: Vec<String>,
    /// The phonetic key of each given-name token, in order.
    pub given_keys: Vec<String>,
    /// The phonetic key of each patronymic root.
    pub patronymic_keys: Vec<String>,
    /// For a field of two or more tokens, the key of its tokens written together ("Ali-Rza" →
    /// key of `alirza`), so a double name matches its one-word spelling.
    pub joined_keys: Vec<String>,
    /// Sorted, distinct trigrams of the surname and given-name tokens (see [`super::trigrams`]).
    pub trigrams: Vec<[u8; 3]>,
}

impl fmt::Debug for NameKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NameKeys")
            .field("surname_tokens", &self.surname.len())
            .field("given_tokens", &self.given.len())
            .field("patronymic_tokens", &self.patronymic.len())
            .field("particles", &self.particles.len())
            .field("trigrams", &self.trigrams.len())
            .finish_non_exhaustive()
    }
}

impl NameKeys {
    /// The normalised full name: surname tokens, then given-name tokens, space-separated.
    pub fn full(&self) -> String {
        let mut out = String::new();
        for token in self.surname.iter().chain(&self.given) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(token);
        }
        out
    }

    /// Every surname and given-name phonetic key, for a lookup that ignores name order.
    pub fn name_keys(&self) -> impl Iterator<Item = &str> {
        self.surname_keys
            .iter()
            .chain(&self.given_keys)
            .map(String::as_str)
    }

    /// True when the name produced no surname or given-name token at all.
    pub fn is_empty(&self) -> bool {
        self.surname.is_empty() && self.given.is_empty()
    }
}

/// Derives the search keys of a name from its parts (see [`NameKeys`]).
pub fn name_keys(surname: &str, given_names: Option<&str>, patronymic: Option<&str>) -> NameKeys {
    let mut keys = NameKeys::default();
    let mut buf = String::with_capacity(64);
    field(surname, Field::Surname, &mut buf, &mut keys);
    field(given_names.unwrap_or(""), Field::Given, &mut buf, &mut keys);
    field(
        patronymic.unwrap_or(""),
        Field::Patronymic,
        &mut buf,
        &mut keys,
    );
    let mut seen = 0;
    while seen < keys.patronymic.len() {
        if keys.patronymic[..seen].contains(&keys.patronymic[seen]) {
            keys.patronymic.remove(seen);
        } else {
            seen += 1;
        }
    }
    keys.patronymic_keys = keys.patronymic.iter().map(|t| phonetic::key(t)).collect();
    for token in keys.surname.iter().chain(&keys.given) {
        push_trigrams(token, &mut keys.trigrams);
    }
    keys.trigrams.sort_unstable();
    keys.trigrams.dedup();
    keys
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Surname,
    Given,
    Patronymic,
}

/// Transliterates one field into `buf` and sorts its tokens into `keys`.
fn field(raw: &str, which: Field, buf: &mut String, keys: &mut NameKeys) {
    buf.clear();
    transliterate_into(raw, buf);
    let mut tokens = [""; MAX_TOKENS];
    let mut n = 0;
    for token in buf.split(' ').filter(|t| !t.is_empty()).take(MAX_TOKENS) {
        tokens[n] = token.get(..MAX_TOKEN_LEN).unwrap_or(token);
        n += 1;
    }
    let tokens = &tokens[..n];
    let mut names: Vec<String> = Vec::with_capacity(n);
    for (i, &token) in tokens.iter().enumerate() {
        let last = i + 1 == n;
        let before_marker = tokens.get(i + 1).is_some_and(|t| is_marker(t)) && !is_marker(token);
        if is_marker(token) {
            if i == 0 || is_marker(tokens[i - 1]) {
                keys.particles.push(token.to_owned());
            }
        } else if is_particle(token) && !last {
            keys.particles.push(token.to_owned());
        } else if which == Field::Patronymic {
            keys.patronymic
                .push(patronymic_root(token).unwrap_or(token).to_owned());
        } else if before_marker {
            keys.patronymic.push(token.to_owned());
        } else if let Some(root) = (which == Field::Given && i > 0)
            .then(|| strong_patronymic_root(token))
            .flatten()
        {
            keys.patronymic.push(root.to_owned());
        } else {
            names.push(neutralise(token));
        }
    }
    let (tokens_out, keys_out) = match which {
        Field::Surname => (&mut keys.surname, &mut keys.surname_keys),
        Field::Given => (&mut keys.given, &mut keys.given_keys),
        Field::Patronymic => return,
    };
    keys_out.extend(names.iter().map(|t| phonetic::key(t)));
    if names.len() > 1 {
        let mut coder = Coder::default();
        names
            .iter()
            .flat_map(|t| t.bytes())
            .for_each(|b| coder.letter(b));
        keys.joined_keys.push(coder.finish());
    }
    tokens_out.extend(names);
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
