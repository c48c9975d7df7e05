//! Name morphology on transliterated tokens: gendered surname endings, patronymic markers and
//! suffixes, particles, and the endings that identify a surname in free text.
//!
//! Every rule works on the lowercase ASCII of [`super::transliterate`], so one table serves
//! every script: "oğlu", "оглы" and "ogly" are all checked as ASCII.

/// Neutralises a gendered surname ending: -ova/-eva/-ina lose the a, -skaya/-skaia (ICAO) →
/// -skiy, and the Persian -zadeh meets the Azerbaijani -zadə.
pub(super) fn neutralise(token: &str) -> String {
    let n = token.len();
    if n >= 6 && (token.ends_with("skaya") || token.ends_with("skaia")) {
        let mut out = token[..n - 3].to_owned();
        out.push_str("iy");
        out
    } else if (n >= 5
        && (token.ends_with("ova") || token.ends_with("eva") || token.ends_with("ina")))
        || (n >= 6 && token.ends_with("zadeh"))
    {
        token[..n - 1].to_owned()
    } else {
        token.to_owned()
    }
}

/// Words that mark a patronymic after the father's name: oğlu/оглы (son), qızı/кызы (daughter),
/// in Azerbaijani, Russian-document, Turkish, Uzbek and Kazakh spellings.
pub(super) fn is_marker(token: &str) -> bool {
    const MARKERS: &[&str] = &[
        "oglu", "oghlu", "ogly", "oghly", "ogli", "oghli", "ugli", "ughli", "uly", "qizi", "kizi",
        "gizi", "ghizi", "kyzy", "qyzy", "gyzy", "kizy", "qizy", "kyzi", "qyzi",
    ];
    MARKERS.contains(&token)
}

/// Name particles: articles and nobiliary or filial prepositions. Recognised only before
/// another token of the same field, so "Van" or "Ben" alone stays a name.
pub(super) fn is_particle(token: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "al", "el", "ul", "ud", "ad", "ar", "as", "ash", "at", "az", "bin", "ben", "ibn", "bint",
        "binti", "de", "da", "di", "do", "dos", "das", "del", "dela", "della", "der", "den", "des",
        "du", "la", "le", "lo", "van", "von", "vom", "zu", "zum", "zur", "ter", "ten", "y",
    ];
    PARTICLES.contains(&token)
}

/// Russian/Ukrainian patronymic suffixes that cannot end a given name; "Алиевич" → `ali`.
pub(super) fn strong_patronymic_root(token: &str) -> Option<&str> {
    const SUFFIXES: [&str; 10] = [
        "yevich", "evich", "ovich", "evych", "ovych", "yevna", "evna", "ovna", "ivna", "ichna",
    ];
    SUFFIXES
        .iter()
        .find_map(|s| token.strip_suffix(s))
        .filter(|root| root.len() >= 2)
}

/// The root of a token known to be a patronymic: the strong suffixes and also -ich (Ильич).
pub(super) fn patronymic_root(token: &str) -> Option<&str> {
    strong_patronymic_root(token)
        .or_else(|| token.strip_suffix("ich").filter(|root| root.len() >= 2))
}

/// Endings that mark a word of a free-text name as the surname.
pub(super) fn has_surname_ending(word: &str) -> bool {
    let token = word.rsplit(' ').next().unwrap_or(word);
    let n = token.len();
    let long =
        |suffixes: &[&str], min: usize| n >= min && suffixes.iter().any(|s| token.ends_with(s));
    long(
        &[
            "ov", "ova", "ev", "eva", "yan", "skiy", "skii", "sky", "ski", "skaya",
        ],
        5,
    ) || long(
        &["zade", "zadeh", "dze", "shvili", "enko", "oglu", "oghlu"],
        6,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralise_table() {
        let cases = [
            ("aliyeva", "aliyev"),
            ("mammadova", "mammadov"),
            ("kalinina", "kalinin"),
            ("kovalskaya", "kovalskiy"),
            ("kovalskaia", "kovalskiy"),
            ("hasanzadeh", "hasanzade"),
            ("nina", "nina"),
            ("eva", "eva"),
            ("kaya", "kaya"),
        ];
        for (input, want) in cases {
            assert_eq!(neutralise(input), want, "{input}");
        }
    }

    #[test]
    fn patronymic_roots_table() {
        let cases = [
            ("alievich", Some("ali")),
            ("aliyevna", Some("ali")),
            ("ivanovich", Some("ivan")),
            ("sergeevna", Some("serge")),
            ("petrivna", Some("petr")),
            ("ilich", Some("il")),
            ("elchin", None),
        ];
        for (input, want) in cases {
            assert_eq!(patronymic_root(input), want, "{input}");
        }
    }

    #[test]
    fn surname_endings_table() {
        for word in [
            "mammadov",
            "aliyeva",
            "petrosyan",
            "beridze",
            "hasanzade",
            "kowalski",
        ] {
            assert!(has_surname_ending(word), "{word}");
        }
        for word in ["elchin", "alev", "ivan", "anna", "ayan"] {
            assert!(!has_surname_ending(word), "{word}");
        }
    }
}
