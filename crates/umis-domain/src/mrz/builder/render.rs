//! Field values as MRZ characters: checked characters, two-digit dates with filler for unknown
//! parts, and check digits set over their spans.

use super::MrzBuildError;
use crate::mrz::check::check_char_of;
use crate::mrz::date::{Date, PartialDate};
use crate::mrz::error::MrzField;
use crate::mrz::layout::Span;

/// The characters of `value` if all may appear in an MRZ; lower case is refused, not mended.
pub(super) fn mrz_chars(value: &str, field: MrzField) -> Result<Vec<char>, MrzBuildError> {
    value
        .chars()
        .map(|c| {
            if c.is_ascii_uppercase() || c.is_ascii_digit() || c == '<' {
                Ok(c)
            } else {
                Err(MrzBuildError::IllegalCharacter {
                    field,
                    character: c,
                })
            }
        })
        .collect()
}

fn two_digits(n: i64) -> String {
    format!("{:02}", n.rem_euclid(100))
}

pub(super) fn birth_digits(date: Option<PartialDate>) -> String {
    let Some(date) = date else {
        return "<<<<<<".to_owned();
    };
    let part = |p: Option<u8>| p.map_or_else(|| "<<".to_owned(), |v| two_digits(i64::from(v)));
    format!(
        "{}{}{}",
        two_digits(i64::from(date.year)),
        part(date.month),
        part(date.day)
    )
}

pub(super) fn expiry_digits(date: Option<Date>) -> String {
    date.map_or_else(
        || "<<<<<<".to_owned(),
        |d| {
            let [y, m, dd] = [i64::from(d.year), i64::from(d.month), i64::from(d.day)];
            format!("{}{}{}", two_digits(y), two_digits(m), two_digits(dd))
        },
    )
}

/// Writes the check digit over `parts` at `check`; a `<` for all-filler data when `filler_ok`.
pub(super) fn set_check(lines: &mut [Vec<char>], parts: &[Span], check: Span, filler_ok: bool) {
    let data: Vec<char> = parts
        .iter()
        .flat_map(|s| {
            lines
                .get(s.line)
                .and_then(|l| l.get(s.start..s.start + s.len))
        })
        .flatten()
        .copied()
        .collect();
    let digit = if filler_ok && data.iter().all(|c| *c == '<') {
        '<'
    } else {
        check_char_of(data).unwrap_or('<')
    };
    if let Some(slot) = lines
        .get_mut(check.line)
        .and_then(|l| l.get_mut(check.start))
    {
        *slot = digit;
    }
}
