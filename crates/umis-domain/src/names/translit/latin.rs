//! The Latin fold tables: letters with diacritics, Latin Extended Additional included, to ASCII.

use super::Mapped;

/// Folds a lowercase Latin letter with diacritics to ASCII.
///
/// Azerbaijani/Turkish letters take their English-style digraphs (ş → sh, ç → ch, ğ → gh), which
/// is also right for Czech/Slovak š, č, ž; ə → a (the ICAO default for Ə); pinyin tone marks fold
/// to the bare vowel.
pub(super) fn latin(c: char) -> Mapped {
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
