//! Name tokens as the index sees them, built on [`umis_domain::names`]: normalised Latin form,
//! phonetic key and role, plus the vowel-free skeleton used for scripts that leave short vowels
//! unwritten (Persian/Arabic).

mod role;
mod skeleton;

pub use role::NameRole;
pub use skeleton::{skeleton, skeleton_without_v};

use umis_domain::names::name_keys;

/// One analysed name token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lowercase ASCII transliteration, gendered ending neutralised.
    pub latin: String,
    /// Phonetic key ([`umis_domain::names::phonetic_key`]).
    pub key: String,
    /// Written in Arabic/Persian script, which leaves short vowels out.
    pub abjad: bool,
    /// Where the token came from (queries: `Given` or `Patronymic`, order is unknown).
    pub role: NameRole,
    /// A query word the name keys set aside as a particle (Das, Van, Bin): it may be a name,
    /// so it is searched, but a record without it loses little.
    pub optional: bool,
}

/// Patronymic markers the name keys set aside with the particles; never names.
const MARKERS: &[&str] = &[
    "oglu", "oghlu", "ogly", "oghly", "ogli", "oghli", "ugli", "ughli", "uly", "qizi", "kizi",
    "gizi", "ghizi", "kyzy", "qyzy", "gyzy", "kizy", "qizy", "kyzi", "qyzi",
];

/// Whether `s` holds Arabic-script letters.
fn has_abjad(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(u32::from(c), 0x0600..=0x06FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF))
}

/// The tokens of a record's name variant: surname, given names, patronymic roots.
pub fn record_tokens(surname: &str, given: Option<&str>, patronymic: Option<&str>) -> Vec<Token> {
    let keys = name_keys(surname, given, patronymic);
    let mut out = Vec::with_capacity(keys.surname.len() + keys.given.len() + 1);
    let fields = [
        (
            &keys.surname,
            &keys.surname_keys,
            NameRole::Surname,
            has_abjad(surname),
        ),
        (
            &keys.given,
            &keys.given_keys,
            NameRole::Given,
            given.is_some_and(has_abjad),
        ),
        (
            &keys.patronymic,
            &keys.patronymic_keys,
            NameRole::Patronymic,
            patronymic.is_some_and(has_abjad),
        ),
    ];
    for (latins, field_keys, role, abjad) in fields {
        for (latin, key) in latins.iter().zip(field_keys.iter()) {
            if !key.is_empty() {
                out.push(Token {
                    latin: latin.clone(),
                    key: key.clone(),
                    abjad,
                    role,
                    optional: false,
                });
            }
        }
    }
    out
}

/// The tokens of a free-text query name, in written order as far as the name keys keep it:
/// patronymic markers (oğlu, qızı) and particles are dropped and -ovich/-ovna reduced to the
/// father's name.
pub fn query_tokens(text: &str) -> Vec<Token> {
    // As a given-names field every word after the first may be a patronymic (Алиевич).
    let keys = name_keys("", Some(text), None);
    let abjad = has_abjad(text);
    let mut out = Vec::with_capacity(keys.given.len() + keys.patronymic.len());
    for (latin, key) in keys.given.iter().zip(&keys.given_keys) {
        out.push(Token {
            latin: latin.clone(),
            key: key.clone(),
            abjad,
            role: NameRole::Given,
            optional: false,
        });
    }
    for (latin, key) in keys.patronymic.iter().zip(&keys.patronymic_keys) {
        out.push(Token {
            latin: latin.clone(),
            key: key.clone(),
            abjad,
            role: NameRole::Patronymic,
            optional: false,
        });
    }
    for particle in &keys.particles {
        if particle.len() >= 3 && !MARKERS.contains(&particle.as_str()) {
            out.push(Token {
                latin: particle.clone(),
                key: umis_domain::names::phonetic_key(particle),
                abjad,
                role: NameRole::Given,
                optional: true,
            });
        }
    }
    out.retain(|t| !t.key.is_empty());
    out
}

#[cfg(test)]
mod tests;
