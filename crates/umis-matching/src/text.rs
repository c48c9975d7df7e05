//! Name tokens as the index sees them, built on [`umis_domain::names`]: normalised Latin form,
//! phonetic key and role, plus the vowel-free skeleton used for scripts that leave short vowels
//! unwritten (Persian/Arabic).

use serde::Serialize;
use umis_domain::names::name_keys;

/// Which part of a name a record token came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameRole {
    /// Family name.
    Surname,
    /// Given name.
    Given,
    /// Patronymic root (the father's name).
    Patronymic,
}

impl NameRole {
    /// The role packed into two bits.
    pub(crate) fn bits(self) -> u32 {
        match self {
            NameRole::Surname => 0,
            NameRole::Given => 1,
            NameRole::Patronymic => 2,
        }
    }

    /// The role from [`NameRole::bits`].
    pub(crate) fn from_bits(bits: u32) -> NameRole {
        match bits & 3 {
            0 => NameRole::Surname,
            1 => NameRole::Given,
            _ => NameRole::Patronymic,
        }
    }
}

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

/// The consonant skeleton of a key: vowels removed and neighbouring equals merged
/// (`mamaduv` → `mdv`), for names written without short vowels.
pub fn skeleton(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars().filter(|c| !matches!(c, 'a' | 'i' | 'u')) {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// The skeleton without `v`: Persian و is read as a vowel (Mousavi) as often as a v (Davood).
pub fn skeleton_without_v(key: &str) -> String {
    skeleton(&key.replace('v', ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        query_tokens(text).into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn spelling_variants_share_keys() {
        let same = [
            ("Məmmədov Elçin", "MAMEDOV ELCHIN"),
            ("Мамедов Эльчин", "MAMMADOV<ELCIN"),
            ("Hüseynov", "Гусейнов"),
            ("Məmmədova", "Mamedov"),
            ("Əliyev", "Aliev"),
            ("Cəfərov", "Джафаров"),
        ];
        for (a, b) in same {
            assert_eq!(keys(a), keys(b), "{a} / {b}");
        }
        assert_ne!(keys("Hasanov"), keys("Huseynov"));
    }

    #[test]
    fn patronymics_reduce_to_the_fathers_name() {
        let az = query_tokens("Məmmədov Elçin Əli oğlu");
        let ru = query_tokens("Мамедов Эльчин Алиевич");
        assert_eq!(az.len(), 3);
        assert_eq!(az.last().map(|t| &t.key), ru.last().map(|t| &t.key));
        assert_eq!(az[2].role, NameRole::Patronymic);
        assert!(query_tokens("  ,, 123 <<").is_empty());
        // A particle may be a name (Das); a marker never is.
        let das = query_tokens("Das Rahul");
        assert_eq!(das.len(), 2);
        assert!(das.iter().any(|t| t.optional && t.latin == "das"));
        assert!(query_tokens("Əli oğlu").iter().all(|t| !t.optional));
        let rec = record_tokens("Məmmədov", Some("Elçin"), Some("Əli oğlu"));
        assert_eq!(
            rec.iter().map(|t| t.role).collect::<Vec<_>>(),
            [NameRole::Surname, NameRole::Given, NameRole::Patronymic]
        );
    }

    #[test]
    fn persian_script_meets_latin_on_the_skeleton() {
        for (fa, en) in [("محمد", "Mohammad"), ("حسینی", "Hosseini"), ("رضا", "Reza")] {
            let a = &query_tokens(fa)[0];
            let b = &query_tokens(en)[0];
            assert!(a.abjad);
            assert_eq!(skeleton(&a.key), skeleton(&b.key), "{fa} / {en}");
        }
        let a = &query_tokens("موسوی")[0];
        let b = &query_tokens("Mousavi")[0];
        assert_eq!(skeleton_without_v(&a.key), skeleton_without_v(&b.key));
    }
}
