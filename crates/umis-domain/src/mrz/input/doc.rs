//! A document of known format: its lines checked for length and characters, and reading the
//! characters of a field from them.

use super::{Input, LIST_MAX, Line};
use crate::mrz::check::is_mrz_char;
use crate::mrz::error::{MrzError, MrzErrorCode, MrzField};
use crate::mrz::layout::{Layout, Span};

/// The lines of a document of known format, with which of them have the right length.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    lines: &'a [Line],
    readable: Vec<bool>,
}

impl<'a> Doc<'a> {
    /// Checks each line's length and characters against `layout`, reporting every defect.
    pub fn check(input: &'a Input, layout: &Layout, errors: &mut Vec<MrzError>) -> Self {
        let lines = input.lines.as_slice();
        let mut readable = Vec::with_capacity(lines.len());
        for (index, line) in lines.iter().enumerate() {
            let right_length = line.len == layout.width;
            readable.push(right_length);
            if !right_length {
                let msg = format!(
                    "has {} characters, {} expects {}",
                    line.len,
                    layout.format.as_str(),
                    layout.width
                );
                errors.push(MrzError::on_line(
                    MrzErrorCode::WrongLineLength,
                    line.number,
                    &msg,
                ));
            }
            let bad: Vec<(usize, char)> = line
                .chars
                .iter()
                .copied()
                .enumerate()
                .filter(|(_, c)| !is_mrz_char(*c))
                .collect();
            for &(column, c) in bad.iter().take(LIST_MAX) {
                let field = if right_length {
                    layout.field_at(index, column)
                } else {
                    MrzField::Document
                };
                errors.push(bad_character(c, field, (line.number, column + 1)));
            }
            if let Some(&(column, c)) = bad.get(LIST_MAX) {
                let more = bad.len() - LIST_MAX;
                let mut error = bad_character(c, MrzField::Document, (line.number, column + 1));
                error.message = format!(
                    "line {}, column {}: {more} more characters from here on may not appear in an \
                     MRZ (only A-Z, 0-9 and '<')",
                    line.number,
                    column + 1
                );
                errors.push(error);
            }
        }
        Self { lines, readable }
    }

    /// The characters of `span`, if its line has the right length and they are all MRZ characters.
    pub fn read(&self, span: Span) -> Option<&'a [char]> {
        if !self.readable.get(span.line).copied().unwrap_or(false) {
            return None;
        }
        let line = self.lines.get(span.line)?;
        let chars = line.chars.get(span.start..span.start + span.len)?;
        chars.iter().all(|c| is_mrz_char(*c)).then_some(chars)
    }

    /// The 1-based (line, column) of the character `offset` places into `span`.
    pub fn position(&self, span: Span, offset: usize) -> (usize, usize) {
        let line = self
            .lines
            .get(span.line)
            .map_or(span.line + 1, |l| l.number);
        (line, span.start + offset + 1)
    }
}

fn bad_character(c: char, field: MrzField, position: (usize, usize)) -> MrzError {
    if c.is_ascii_lowercase() {
        let upper = c.to_ascii_uppercase();
        let msg = format!("lower-case '{c}'; the MRZ is upper case only ('{upper}')");
        MrzError::at(MrzErrorCode::LowerCase, field, position, &msg)
    } else {
        let msg = format!(
            "{} may not appear in an MRZ (only A-Z, 0-9 and '<')",
            describe(c)
        );
        MrzError::at(MrzErrorCode::IllegalCharacter, field, position, &msg)
    }
}

/// A character as a person can read it in a message.
fn describe(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '\t' => "a tab".to_owned(),
        '\r' => "a carriage return".to_owned(),
        c if c.is_control() || c.is_whitespace() => format!("the character U+{:04X}", u32::from(c)),
        c => format!("'{c}' (U+{:04X})", u32::from(c)),
    }
}
