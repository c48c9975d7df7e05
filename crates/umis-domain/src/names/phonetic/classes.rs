//! The letter classes of the phonetic key and the digraph rules that merge two letters into one.

/// The class of one transliterated letter, written as the key letter of that class.
///
/// Vowels: a/e/ə → `a`, i/ı/y → `i`, o/u/ö/ü → `u`. Consonants: g/h/q/x/ğ → `x` (Russian Г
/// renders Azerbaijani H, Q and Ğ; X is kh), c/j → `j` (Azerbaijani c is English j, and c is also
/// what ç becomes typed without diacritics), w → `v`; the rest code to themselves.
pub(super) fn class(b: u8) -> Option<u8> {
    Some(match b {
        b'a' | b'e' => b'a',
        b'i' | b'y' => b'i',
        b'o' | b'u' => b'u',
        b'g' | b'h' | b'q' | b'x' => b'x',
        b'c' | b'j' => b'j',
        b'w' => b'v',
        b'b' | b'd' | b'f' | b'k' | b'l' | b'm' | b'n' | b'p' | b'r' | b's' | b't' | b'v'
        | b'z' => b,
        _ => return None,
    })
}

pub(super) fn is_vowel(code: u8) -> bool {
    matches!(code, b'a' | b'i' | b'u')
}

/// Digraph rules: the class already emitted and the next raw letter (or class) → one class.
///
/// sh, sch, shch, sz, ts, tz → s; kh, gh → x; ch, zh, dz, dzh, dj, tch, cz → j; ph → f; th → t;
/// ck → k.
pub(super) fn merge(prev: u8, next: u8) -> Option<u8> {
    match (prev, next) {
        (b's', b'h' | b'c' | b'j' | b'z') | (b't', b's' | b'z') => Some(b's'),
        (b'k', b'h') => Some(b'x'),
        (b'j', b'h' | b'z') | (b'z', b'h') | (b'd', b'z' | b'j') | (b't', b'c' | b'j') => {
            Some(b'j')
        }
        (b'p', b'h') => Some(b'f'),
        (b't', b'h') => Some(b't'),
        (b'j', b'k') => Some(b'k'),
        _ => None,
    }
}
