//! ICAO Doc 9303 check digits: weights 7, 3, 1 repeated over character values mod 10.

/// The value of an MRZ character in check-digit arithmetic: `<` is 0, digits are themselves,
/// `A`–`Z` are 10–35; `None` for anything that may not appear in an MRZ.
pub fn char_value(c: char) -> Option<u32> {
    match c {
        '<' => Some(0),
        '0'..='9' => Some(u32::from(c) - u32::from('0')),
        'A'..='Z' => Some(u32::from(c) - u32::from('A') + 10),
        _ => None,
    }
}

/// Whether `c` may appear in an MRZ (`A`–`Z`, `0`–`9` or the filler `<`).
pub fn is_mrz_char(c: char) -> bool {
    char_value(c).is_some()
}

/// The check digit of `s`, or `None` if `s` holds a character that may not appear in an MRZ.
///
/// `check_digit("520727") == Some(3)`; the empty string has check digit 0.
pub fn check_digit(s: &str) -> Option<u8> {
    check_digit_of(s.chars())
}

/// The check digit of a character sequence (see [`check_digit`]).
pub(crate) fn check_digit_of(chars: impl IntoIterator<Item = char>) -> Option<u8> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let mut sum = 0;
    for (c, weight) in chars.into_iter().zip(WEIGHTS.iter().cycle()) {
        sum = (sum + char_value(c)? * weight) % 10;
    }
    u8::try_from(sum).ok()
}

/// The check digit of a character sequence as the character that is printed.
pub(crate) fn check_char_of(chars: impl IntoIterator<Item = char>) -> Option<char> {
    check_digit_of(chars).and_then(|d| char::from_digit(u32::from(d), 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_9303_examples() {
        let cases = [
            ("520727", Some(3)),
            ("AB2134<<<", Some(5)),
            ("L898902C3", Some(6)),
            ("740812", Some(2)),
            ("120415", Some(9)),
            ("ZE184226B<<<<<", Some(1)),
            ("D23145890", Some(7)),
            ("", Some(0)),
            ("<<<<", Some(0)),
            ("ab", None),
            ("A-B", None),
            ("É", None),
        ];
        for (input, expected) in cases {
            assert_eq!(check_digit(input), expected, "{input}");
        }
    }

    #[test]
    fn values() {
        assert_eq!(char_value('<'), Some(0));
        assert_eq!(char_value('9'), Some(9));
        assert_eq!(char_value('A'), Some(10));
        assert_eq!(char_value('Z'), Some(35));
        assert_eq!(char_value(' '), None);
        assert_eq!(check_char_of("520727".chars()), Some('3'));
    }
}
