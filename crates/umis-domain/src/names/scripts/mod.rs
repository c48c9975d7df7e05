//! Per-script transliteration tables: Cyrillic (Russian, legacy Azerbaijani and neighbours),
//! Greek, Georgian, Armenian and Persian/Arabic letters, each to lowercase ASCII.
//!
//! Cyrillic follows ICAO Doc 9303 (so `Юлия Щеглова` → `iuliia shcheglova`, as in a Russian MRZ);
//! the legacy Azerbaijani letters take their modern Azerbaijani Latin value, folded like the
//! Latin table does (ә → a, ғ → gh, ҝ → g, һ → h, ҹ → c, ј → y, ө → o, ү → u).

mod arabic;
mod caucasus;

pub(super) use arabic::arabic;
pub(super) use caucasus::{armenian, georgian};

use super::translit::Mapped;

/// Transliterates a lowercase Cyrillic letter.
pub(super) fn cyrillic(c: char) -> Mapped {
    let out = match c {
        'а' | 'ӑ' | 'ӓ' | 'ә' | 'ӛ' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ѓ' | 'ґ' | 'ҝ' => "g",
        'д' | 'ђ' => "d",
        'е' | 'ѐ' | 'ё' | 'э' | 'ӗ' | 'ӭ' => "e",
        'ж' | 'җ' | 'ӂ' | 'ӝ' => "zh",
        'з' | 'ҙ' | 'ӟ' => "z",
        'и' | 'й' | 'і' | 'ї' | 'ѝ' | 'ӣ' | 'ӥ' => "i",
        'к' | 'ќ' | 'ҟ' => "k",
        'л' | 'љ' => "l",
        'м' => "m",
        'н' | 'њ' => "n",
        'о' | 'ө' | 'ӧ' | 'ӫ' => "o",
        'п' => "p",
        'р' => "r",
        'с' | 'ҫ' => "s",
        'т' | 'ҭ' => "t",
        'у' | 'ў' | 'ү' | 'ұ' | 'ӯ' | 'ӱ' | 'ӳ' => "u",
        'ф' => "f",
        'х' | 'ҳ' => "kh",
        'һ' => "h",
        'ц' | 'ҵ' => "ts",
        'ч' | 'ћ' | 'ҽ' | 'ҿ' | 'ӵ' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'є' => "ie",
        'ы' | 'ӹ' | 'ј' => "y",
        'ь' | 'ӏ' => "",
        'ю' => "iu",
        'я' => "ia",
        'ѕ' | 'ӡ' => "dz",
        'џ' => "dzh",
        'ғ' | 'ҕ' => "gh",
        'қ' | 'ҡ' | 'ӄ' => "q",
        'ң' | 'ҥ' | 'ӈ' => "ng",
        'ҷ' => "j",
        'ҹ' => "c",
        'ӕ' => "ae",
        _ if c.is_alphabetic() => return Mapped::Silent,
        _ => return Mapped::Break,
    };
    if out.is_empty() {
        Mapped::Silent
    } else {
        Mapped::Letters(out)
    }
}

/// Transliterates a lowercase Greek letter (ELOT 743 / Greek passport style: χ → ch, υ → y).
pub(super) fn greek(c: char, next: Option<char>) -> Mapped {
    let out = match c {
        'ο' | 'ό' if matches!(next, Some('υ' | 'ύ')) => return Mapped::LettersSkipNext("ou"),
        'α' | 'ά' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' | 'έ' => "e",
        'ζ' => "z",
        'η' | 'ή' | 'ι' | 'ί' | 'ϊ' | 'ΐ' => "i",
        'θ' => "th",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "ks",
        'ο' | 'ό' | 'ω' | 'ώ' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' | 'ύ' | 'ϋ' | 'ΰ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        _ if c.is_alphabetic() => return Mapped::Silent,
        _ => return Mapped::Break,
    };
    Mapped::Letters(out)
}

#[cfg(test)]
mod tests;
