//! Transliteration of Persian and Arabic letters, which leave short vowels unwritten.

use crate::names::translit::Mapped;

/// Transliterates a Persian or Arabic letter.
///
/// Short vowels are not written in this script, so only consonants, long vowels and any vowel
/// signs present come through: و and ی are consonants (v, y) at the start of a word or next to
/// alef, vowels (u, i) elsewhere. ع opens a word as a (Ali, Abbas) and is silent inside one, as is
/// ء; ه is h (so زاده → zadh, close to zadeh).
pub(in crate::names) fn arabic(c: char, word_start: bool, next: Option<char>) -> Mapped {
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
