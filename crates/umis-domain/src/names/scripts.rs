//! Per-script transliteration tables: Cyrillic (Russian, legacy Azerbaijani and neighbours),
//! Greek, Georgian, Armenian and Persian/Arabic letters, each to lowercase ASCII.
//!
//! Cyrillic follows ICAO Doc 9303 (so `Юлия Щеглова` → `iuliia shcheglova`, as in a Russian MRZ);
//! the legacy Azerbaijani letters take their modern Azerbaijani Latin value, folded like the
//! Latin table does (ә → a, ғ → gh, ҝ → g, һ → h, ҹ → c, ј → y, ө → o, ү → u).

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

/// Georgian letters in Mkhedruli order (U+10D0 ა … U+10F5 ჵ), national romanisation without the
/// ejective apostrophes (კ and ქ both → k, წ and ც both → ts).
const GEORGIAN: [&str; 38] = [
    "a", "b", "g", "d", "e", "v", "z", "t", "i", "k", "l", "m", "n", "o", "p", "zh", "r", "s", "t",
    "u", "p", "k", "gh", "q", "sh", "ch", "ts", "dz", "ts", "ch", "kh", "j", "h", "e", "i", "v",
    "kh", "o",
];

/// Transliterates a Georgian letter: Mkhedruli, Mtavruli capitals and the old Asomtavruli and
/// Nuskhuri forms all share Mkhedruli's order, so one table serves them all.
pub(super) fn georgian(c: char) -> Mapped {
    let cp = u32::from(c);
    let index = match cp {
        0x10D0..=0x10F5 => cp - 0x10D0,
        0x1C90..=0x1CB5 => cp - 0x1C90,
        0x10A0..=0x10C5 => cp - 0x10A0,
        0x2D00..=0x2D25 => cp - 0x2D00,
        _ if c.is_alphabetic() => return Mapped::Silent,
        _ => return Mapped::Break,
    };
    GEORGIAN
        .get(index as usize)
        .map_or(Mapped::Silent, |s| Mapped::Letters(s))
}

/// Armenian lowercase letters U+0561 ա … U+0586 ֆ (Hübschmann–Meillet without diacritics).
const ARMENIAN: [&str; 38] = [
    "a", "b", "g", "d", "e", "z", "e", "e", "t", "zh", "i", "l", "kh", "ts", "k", "h", "dz", "gh",
    "ch", "m", "y", "n", "sh", "o", "ch", "p", "j", "r", "s", "v", "t", "r", "ts", "v", "p", "k",
    "o", "f",
];

/// Transliterates a lowercase Armenian letter; `ու` is the vowel u.
pub(super) fn armenian(c: char, next: Option<char>) -> Mapped {
    match c {
        'ո' if next == Some('ւ') => Mapped::LettersSkipNext("u"),
        'և' => Mapped::Letters("ev"),
        '\u{0561}'..='\u{0586}' => ARMENIAN
            .get((u32::from(c) - 0x0561) as usize)
            .map_or(Mapped::Silent, |s| Mapped::Letters(s)),
        _ if c.is_alphabetic() => Mapped::Silent,
        _ => Mapped::Break,
    }
}

/// Transliterates a Persian or Arabic letter.
///
/// Short vowels are not written in this script, so only consonants, long vowels and any vowel
/// signs present come through: و and ی are consonants (v, y) at the start of a word or next to
/// alef, vowels (u, i) elsewhere. ع opens a word as a (Ali, Abbas) and is silent inside one, as is
/// ء; ه is h (so زاده → zadh, close to zadeh).
pub(super) fn arabic(c: char, word_start: bool, next: Option<char>) -> Mapped {
    let next_is_alef = matches!(next, Some('ا' | 'آ'));
    let out = match c {
        'ع' if word_start => "a",
        'ا' | 'آ' | 'أ' | 'ى' | 'ة' | 'ۀ' | 'ە' | '\u{064E}' | '\u{0670}' => "a",
        'إ' | '\u{0650}' => "i",
        'ؤ' | '\u{064F}' => "u",
        'ب' => "b",
        'پ' => "p",
        'ت' | 'ط' => "t",
        'ث' | 'س' | 'ص' => "s",
        'ج' => "j",
        'چ' => "ch",
        'ح' | 'ه' | 'ھ' | 'ہ' => "h",
        'خ' => "kh",
        'د' => "d",
        'ذ' | 'ز' | 'ض' | 'ظ' => "z",
        'ر' => "r",
        'ژ' => "zh",
        'ش' => "sh",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' | 'ک' => "k",
        'گ' => "g",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'و' if word_start || next_is_alef => "v",
        'و' => "u",
        'ي' | 'ی' | 'ئ' if word_start || next_is_alef => "y",
        'ي' | 'ی' | 'ئ' => "i",
        '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' | '،' | '؛' | '؟' | '٬' => {
            return Mapped::Break;
        }
        _ if c.is_alphabetic() => return Mapped::Silent,
        // Other marks (tanwin, shadda, sukun, tatweel) are silent, not word breaks.
        _ => return Mapped::Silent,
    };
    Mapped::Letters(out)
}

#[cfg(test)]
mod tests {
    use super::super::transliterate;

    #[test]
    fn cyrillic_table() {
        let cases = [
            ("Юлия Щеглова", "iuliia shcheglova"),
            ("Мамедов Эльчин", "mamedov elchin"),
            ("Мәммәдов Елчин", "mammadov elchin"),
            ("Һүсејнов", "huseynov"),
            ("Ҹәфәров", "cafarov"),
            ("Ағајев", "aghayev"),
            ("Ҝүлнарә", "gulnara"),
            ("Өмәр", "omar"),
            ("Подъячев", "podieiachev"),
            ("Хабибуллин", "khabibullin"),
            ("Гусейнов", "guseinov"),
            ("Олександр Ґудзь", "oleksandr gudz"),
            ("Қасым", "qasym"),
        ];
        for (input, want) in cases {
            assert_eq!(transliterate(input), want, "{input}");
        }
    }

    #[test]
    fn greek_georgian_armenian_table() {
        let cases = [
            ("Χρήστος Παπαδόπουλος", "christos papadopoulos"),
            ("ნინო ბერიძე", "nino beridze"),
            ("ᲒᲘᲝᲠᲒᲘ", "giorgi"),
            ("შოთა ჭავჭავაძე", "shota chavchavadze"),
            ("Արամ Պետրոսյան", "aram petrosyan"),
            ("Գուրգեն", "gurgen"),
        ];
        for (input, want) in cases {
            assert_eq!(transliterate(input), want, "{input}");
        }
    }

    #[test]
    fn persian_table() {
        let cases = [
            ("علی", "ali"),
            ("عباس", "abas"),
            ("رضا", "rza"),
            ("محمود", "mhmud"),
            ("جواد", "jvad"),
            ("یوسف", "yusf"),
            ("حسین‌زاده", "hsinzadh"),
            ("شیرین", "shirin"),
        ];
        for (input, want) in cases {
            assert_eq!(transliterate(input), want, "{input}");
        }
    }
}
