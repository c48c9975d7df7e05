//! Transliteration driver: walks text in any supported script and emits lowercase ASCII letters.
//!
//! Every character is looked up once, by a `match`: ASCII first, then the Latin fold table of
//! `latin`, then the per-script tables in [`super::scripts`]. Nothing allocates; callers get
//! bytes.

mod latin;

use super::scripts;
use latin::latin;

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

#[cfg(test)]
mod tests;
