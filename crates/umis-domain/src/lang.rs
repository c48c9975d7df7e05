//! The three languages of the user interface and how a preferred one is chosen.

use crate::auth::UnknownValue;
use std::str::FromStr;

/// A user-interface language. Azerbaijani is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Azerbaijani (Latin script).
    #[default]
    Az,
    /// Russian.
    Ru,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order shown in the language switch.
    pub const ALL: [Lang; 3] = [Lang::Az, Lang::Ru, Lang::En];

    /// The BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Az => "az",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The language's own name for itself.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Az => "Azərbaycanca",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    /// Picks the best supported language from an `Accept-Language` header value.
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for part in accept_language.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q=").map(str::to_owned))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            let Ok(lang) = primary.parse::<Lang>() else {
                continue;
            };
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }
}

impl FromStr for Lang {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code() == s)
            .ok_or_else(|| UnknownValue {
                kind: "language",
                value: s.chars().take(16).collect(),
                expected: "az, ru, en".into(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_negotiation() {
        let cases = [
            ("ru-RU,ru;q=0.9,en;q=0.8", Some(Lang::Ru)),
            ("en-GB;q=0.5, az;q=0.7", Some(Lang::Az)),
            ("de-DE, en;q=0.3", Some(Lang::En)),
            ("de, fr", None),
            ("", None),
            ("en;q=0", None),
            ("*", None),
        ];
        for (header, expected) in cases {
            assert_eq!(Lang::negotiate(header), expected, "{header}");
        }
    }
}
