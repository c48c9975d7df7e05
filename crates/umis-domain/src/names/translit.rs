//! Transliteration driver: walks text in any supported script and emits lowercase ASCII letters.
//!
//! Every character is looked up once, by a `match`: ASCII first, then the Latin fold table here,
//! then the per-script tables in [`super::scripts`]. Nothing allocates; callers get bytes.

use super::scripts;

/// What one source character becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mapped {
    /// These lowercase ASCII letters.
    Letters(&'static str),
    /// These letters, and the next character is consumed with this one (Armenian `ու`).
    LettersSkipNext(&'static str),
    /// Nothing: combining marks, apostrophes, the soft sign, letters we do not cover.
    Silent,
    /// A word break: spaces, punctuation, digits, the MRZ filler `<`.
    Break,
}

/// Calls `emit` with each output byte: `b'a'..=b'z'` for letters and `b' '` for a word break.
///
/// Breaks may repeat or lead; the caller collapses them.
pub(super) fn walk(s: &str, mut emit: impl FnMut(u8)) {
    let mut chars = s.chars().peekable();
    let mut word_start = true;
    while let Some(c) = chars.next() {
        let mapped = if c.is_ascii() {
            match c {
                'a'..='z' => {
                    emit(c as u8);
                    word_start = false;
                    continue;
                }
                'A'..='Z' => {
                    emit(c.to_ascii_lowercase() as u8);
                    word_start = false;
                    continue;
                }
                '\'' | '`' => Mapped::Silent,
                _ => Mapped::Break,
            }
        } else {
            map_non_ascii(c, word_start, chars.peek().copied())
        };
        match mapped {
            Mapped::Letters(out) | Mapped::LettersSkipNext(out) => {
                if matches!(mapped, Mapped::LettersSkipNext(_)) {
                    chars.next();
                }
                for b in out.bytes() {
                    emit(b);
                }
                word_start &= out.is_empty();
            }
            Mapped::Silent => {}
            Mapped::Break => {
                emit(b' ');
                word_start = true;
            }
        }
    }
}

/// Maps one non-ASCII character; `next` is the character after it, for the few digraphs.
fn map_non_ascii(c: char, word_start: bool, next: Option<char>) -> Mapped {
    // Dotted and dotless I first: `to_lowercase` would turn İ into "i̇" (two characters), and the
    // Azerbaijani/Turkish distinction is meaningless in a lowercase ASCII key anyway.
    match c {
        'İ' | 'ı' => return Mapped::Letters("i"),
        '\u{0300}'..='\u{036F}' // combining diacritics (decomposed input)
        | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02BB}' | '\u{02BF}' | '\u{02BE}'
        | '\u{00B4}' | '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{FEFF}' => return Mapped::Silent,
        _ => {}
    }
    let lc = lower(c);
    let next = next.map(lower);
    match u32::from(lc) {
        0x00C0..=0x02AF | 0x1E00..=0x1EFF => latin(lc),
        0x0370..=0x03FF => scripts::greek(lc, next),
        0x0400..=0x052F => scripts::cyrillic(lc),
        0x0530..=0x058F => scripts::armenian(lc, next),
        0x0600..=0x06FF => scripts::arabic(lc, word_start, next),
        0x10A0..=0x10FF | 0x1C90..=0x1CBF | 0x2D00..=0x2D2F => scripts::georgian(lc),
        _ if lc.is_alphabetic() => Mapped::Silent,
        _ => Mapped::Break,
    }
}

/// The simple lowercase of a character (the first of its lowercase mapping).
fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Folds a lowercase Latin letter with diacritics to ASCII.
///
/// Azerbaijani/Turkish letters take their English-style digraphs (ş → sh, ç → ch, ğ → gh), which
/// is also right for Czech/Slovak š, č, ž; ə → a (the ICAO default for Ə); pinyin tone marks fold
/// to the bare vowel.
fn latin(c: char) -> Mapped {
    let out = match c {
        'ß' => "ss",
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ǻ' | 'ȁ' | 'ȃ' | 'ȧ' | 'ɑ' => {
            "a"
        }
        'ə' | 'ǝ' | 'ɐ' => "a",
        'æ' | 'ǽ' | 'ǣ' => "ae",
        'ƀ' | 'ɓ' => "b",
        'ç' | 'č' | 'ć' => "ch",
        'ĉ' | 'ċ' | 'ƈ' => "c",
        'ď' | 'đ' | 'ð' | 'ɗ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ȅ' | 'ȇ' | 'ɛ' => "e",
        'ƒ' => "f",
        'ĝ' | 'ġ' | 'ģ' | 'ǧ' | 'ǵ' | 'ǥ' => "g",
        'ğ' => "gh",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ǐ' | 'ȉ' | 'ȋ' | 'ɨ' | 'ɪ' => {
            "i"
        }
        'ĳ' => "ij",
        'ĵ' | 'ǰ' => "j",
        'ķ' | 'ǩ' | 'ƙ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' | 'ƚ' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ǹ' | 'ɲ' => "n",
        'ŋ' => "ng",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' | 'ǿ' | 'ȍ' | 'ȏ' | 'ȯ' | 'ơ'
        | 'ɔ' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ſ' => "s",
        'ş' | 'š' | 'ș' => "sh",
        'ť' | 'ŧ' => "t",
        'ţ' | 'ț' => "ts",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ'
        | 'ư' | 'ȕ' | 'ȗ' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' | 'ȳ' => "y",
        'ź' | 'ż' | 'ƶ' => "z",
        'ž' => "zh",
        '\u{1E00}'..='\u{1EFF}' => return latin_extended_additional(c),
        _ if c.is_alphabetic() => return Mapped::Silent,
        _ => return Mapped::Break,
    };
    Mapped::Letters(out)
}

/// Latin Extended Additional (U+1E00–U+1EFF) is laid out by base letter: transliteration dots
/// (ḥ ṣ ṭ ḍ ẓ), Vietnamese vowels (ạ ấ ề ộ ữ ỳ…) and the rest fold to their base letter by range.
fn latin_extended_additional(c: char) -> Mapped {
    let out = match u32::from(c) {
        0x1E00..=0x1E01 | 0x1E9A | 0x1EA0..=0x1EB7 => "a",
        0x1E02..=0x1E07 => "b",
        0x1E08..=0x1E09 => "c",
        0x1E0A..=0x1E13 => "d",
        0x1E14..=0x1E1D | 0x1EB8..=0x1EC7 => "e",
        0x1E1E..=0x1E1F => "f",
        0x1E20..=0x1E21 => "g",
        0x1E22..=0x1E2B | 0x1E96 => "h",
        0x1E2C..=0x1E2F | 0x1EC8..=0x1ECB => "i",
        0x1E30..=0x1E35 => "k",
        0x1E36..=0x1E3D => "l",
        0x1E3E..=0x1E43 => "m",
        0x1E44..=0x1E4B => "n",
        0x1E4C..=0x1E53 | 0x1ECC..=0x1EE3 => "o",
        0x1E54..=0x1E57 => "p",
        0x1E58..=0x1E5F => "r",
        0x1E60..=0x1E69 | 0x1E9B => "s",
        0x1E6A..=0x1E71 | 0x1E97 => "t",
        0x1E72..=0x1E7B | 0x1EE4..=0x1EF1 => "u",
        0x1E7C..=0x1E7F => "v",
        0x1E80..=0x1E89 | 0x1E98 => "w",
        0x1E8A..=0x1E8D => "x",
        0x1E8E..=0x1E8F | 0x1E99 | 0x1EF2..=0x1EF9 => "y",
        0x1E90..=0x1E95 => "z",
        _ => return Mapped::Silent,
    };
    Mapped::Letters(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        let mut out = String::new();
        walk(s, |b| out.push(char::from(b)));
        out
    }

    #[test]
    fn latin_folds_table() {
        let cases = [
            ("Məmmədov", "mammadov"),
            ("Elçin", "elchin"),
            ("Şahin", "shahin"),
            ("Ağayev", "aghayev"),
            ("Hüseynov", "huseynov"),
            ("Gözəl", "gozal"),
            ("İlqar", "ilqar"),
            ("QASIMOV", "qasimov"),
            ("Qasımov", "qasimov"),
            ("François", "franchois"),
            ("Muñoz", "munoz"),
            ("Søren Ørsted", "soren orsted"),
            ("Ångström", "angstrom"),
            ("Straße", "strasse"),
            ("Dvořák", "dvorak"),
            ("Łukasz", "lukasz"),
            ("Nguyễn Thị Ánh", "nguyen thi anh"),
            ("Lǚ Xiǎomíng", "lu xiaoming"),
            ("Muḥammad", "muhammad"),
            ("e\u{301}lodie", "elodie"),
            ("O’Brien", "obrien"),
        ];
        for (input, want) in cases {
            assert_eq!(run(input), want, "{input}");
        }
    }

    #[test]
    fn breaks_on_punctuation_digits_and_filler() {
        assert_eq!(run("ALI-RZA"), "ali rza");
        assert_eq!(run("MAMMADOV<<ELCHIN"), "mammadov  elchin");
        assert_eq!(run("a1b"), "a b");
    }

    #[test]
    fn unknown_letters_are_silent() {
        assert_eq!(run("王Wang"), "wang");
    }
}
