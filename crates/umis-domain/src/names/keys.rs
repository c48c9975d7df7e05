//! The search keys of one name: normalised tokens, patronymic roots, particles, phonetic keys
//! and trigrams.

use serde::{Deserialize, Serialize};
use std::fmt;

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
