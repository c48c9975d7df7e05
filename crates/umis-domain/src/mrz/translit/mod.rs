//! Names into MRZ characters (Doc 9303 Part 3 §6): Latin letters with diacritics, Russian
//! Cyrillic, legacy Azerbaijani Cyrillic, and the Azerbaijani schwa as a policy letter.
//!
//! Decisions: `Ä Ö Ü` fold to `A O U` (Azerbaijani and Turkish passport practice; German issuers
//! write `AE OE UE`, so search must treat both alike); apostrophes are omitted (`O'Neil` →
//! `ONEIL`, as Doc 9303 prescribes); spaces, hyphens, commas, dots and `<` separate words;
//! digits and letters of scripts without a table here (Arabic, Greek…) are dropped. In a name
//! holding a letter only Azerbaijani Cyrillic has (`Ә Ғ Ҝ Һ Ҹ Ө Ү`), Cyrillic follows the
//! Azerbaijani Latin alphabet (`Х` → `X`, `Ч` → `C`, `Ј` → `Y`); otherwise the ICAO table.

mod letters;

use letters::letter;

/// The letter the Azerbaijani schwa (Ə ə, Cyrillic Ә ә) becomes unless policy says otherwise.
pub const DEFAULT_SCHWA: char = 'A';

/// A name in ICAO Latin: upper-case `A`–`Z` words separated by single spaces or hyphens.
///
/// `to_icao_latin("Юлия Щеглова", 'A') == "IULIIA SHCHEGLOVA"`; `schwa` is the policy letter for
/// Ə (anything but `A`–`Z` means [`DEFAULT_SCHWA`]).
pub fn to_icao_latin(s: &str, schwa: char) -> String {
    let schwa = Some(schwa.to_ascii_uppercase())
        .filter(char::is_ascii_uppercase)
        .unwrap_or(DEFAULT_SCHWA);
    let azerbaijani = s.chars().any(|c| "ӘәҒғҜҝҺһҸҹӨөҮү".contains(c));
    let mut out = String::with_capacity(s.len());
    let mut separator: Option<char> = None;
    for c in s.chars() {
        if matches!(c, '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | '`' | '´') {
            continue;
        }
        if c.is_whitespace() || matches!(c, ',' | '.' | '/' | '_' | '<') {
            separator = separator.or(Some(' '));
            continue;
        }
        if matches!(c, '-' | '‐' | '‑' | '–' | '—') {
            separator = Some('-');
            continue;
        }
        let mut letters = String::new();
        if matches!(c, 'Ə' | 'ə' | 'Ә' | 'ә') {
            letters.push(schwa);
        } else {
            for upper in c.to_uppercase() {
                letters.push_str(letter(upper, azerbaijani));
            }
        }
        if letters.is_empty() {
            continue;
        }
        if let Some(sep) = separator.take().filter(|_| !out.is_empty()) {
            out.push(sep);
        }
        out.push_str(&letters);
    }
    out
}

/// A name as MRZ characters: [`to_icao_latin`] with spaces and hyphens as `<`.
///
/// `to_mrz_name("Məmmədov Elçin", 'A') == "MAMMADOV<ELCIN"`.
pub fn to_mrz_name(s: &str, schwa: char) -> String {
    to_icao_latin(s, schwa).replace([' ', '-'], "<")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations() {
        let cases = [
            ("Юлия Щеглова", "IULIIA SHCHEGLOVA"),
            ("Məmmədov Elçin", "MAMMADOV ELCIN"),
            ("İsmayılov Şəhriyar", "ISMAYILOV SAHRIYAR"),
            ("Ağayev Gülnarə Öməlova", "AGAYEV GULNARA OMALOVA"),
            ("Мамедов Эльчин", "MAMEDOV ELCHIN"),
            ("Подъячев Артём", "PODIEIACHEV ARTEM"),
            ("Məmmədov Əli oğlu", "MAMMADOV ALI OGLU"),
            ("Ҹәфәров Һүсејн", "CAFAROV HUSEYN"),
            ("Хәлилов", "XALILOV"),
            ("Anna-Maria  van der Berg", "ANNA-MARIA VAN DER BERG"),
            ("O'Neil", "ONEIL"),
            ("Straße Øre Ærø", "STRASSE OERE AEROE"),
            ("  -Ali- ", "ALI"),
            ("محمد Ali 3rd", "ALI RD"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(to_icao_latin(input, DEFAULT_SCHWA), expected, "{input}");
        }
    }

    #[test]
    fn mrz_names_and_schwa_policy() {
        assert_eq!(to_mrz_name("Юлия Щеглова", 'A'), "IULIIA<SHCHEGLOVA");
        assert_eq!(to_mrz_name("Məmmədov", 'E'), "MEMMEDOV");
        assert_eq!(to_mrz_name("Məmmədov", 'e'), "MEMMEDOV");
        assert_eq!(to_mrz_name("Məmmədov", 'ä'), "MAMMADOV");
        assert_eq!(to_mrz_name("Jean-Luc Picard", 'A'), "JEAN<LUC<PICARD");
        assert_eq!(to_mrz_name("ANNA<MARIA", 'A'), "ANNA<MARIA");
    }
}
