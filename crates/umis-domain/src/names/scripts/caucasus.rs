//! Transliteration tables of the Caucasian alphabets: Georgian (all four forms) and Armenian.

use crate::names::translit::Mapped;

/// Georgian letters in Mkhedruli order (U+10D0 ა … U+10F5 ჵ), national romanisation without the
/// ejective apostrophes (კ and ქ both → k, წ and ც both → ts).
const GEORGIAN: [&str; 38] = [
    "a", "b", "g", "d", "e", "v", "z", "t", "i", "k", "l", "m", "n", "o", "p", "zh", "r", "s", "t",
    "u", "p", "k", "gh", "q", "sh", "ch", "ts", "dz", "ts", "ch", "kh", "j", "h", "e", "i", "v",
    "kh", "o",
];

/// Transliterates a Georgian letter: Mkhedruli, Mtavruli capitals and the old Asomtavruli and
/// Nuskhuri forms all share Mkhedruli's order, so one table serves them all.
pub(in crate::names) fn georgian(c: char) -> Mapped {
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
pub(in crate::names) fn armenian(c: char, next: Option<char>) -> Mapped {
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
