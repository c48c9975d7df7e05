//! Reading the raw text: lines, trailing whitespace, the format, line lengths and characters.

use super::MrzFormat;
use super::check::is_mrz_char;
use super::error::{MrzError, MrzErrorCode, MrzField};
use super::layout::{Layout, Span};

/// Characters kept per line; longer lines are wrong anyway and are only counted.
const KEEP_CHARS: usize = 128;
/// Lines kept; a fourth one is enough to know the count is wrong.
const KEEP_LINES: usize = 4;
/// Bad characters (or blank lines) listed one by one before a summary.
const LIST_MAX: usize = 8;

/// One non-blank line of the input.
#[derive(Debug)]
pub(crate) struct Line {
    /// 1-based line number in the original text.
    pub number: usize,
    /// The first [`KEEP_CHARS`] characters, trailing whitespace trimmed.
    pub chars: Vec<char>,
    /// The length in characters.
    pub len: usize,
}

/// The non-blank lines of the input (at most [`KEEP_LINES`]) and how many there were.
#[derive(Debug)]
pub(crate) struct Input {
    pub lines: Vec<Line>,
    pub count: usize,
}

/// Splits `text` into lines, trims trailing whitespace and reports blank lines among them.
pub(crate) fn split(text: &str, errors: &mut Vec<MrzError>) -> Input {
    let mut input = Input {
        lines: Vec::new(),
        count: 0,
    };
    let text = text.trim_end();
    if text.is_empty() {
        return input;
    }
    let mut blank = 0;
    for (index, raw) in text.split('\n').enumerate() {
        let line = raw.trim_end();
        let number = index + 1;
        if line.is_empty() {
            blank += 1;
            if blank <= LIST_MAX {
                let msg = "blank line; the MRZ lines must follow one another";
                errors.push(MrzError::on_line(MrzErrorCode::EmptyLine, number, msg));
            }
            continue;
        }
        input.count += 1;
        if input.lines.len() < KEEP_LINES {
            input.lines.push(Line {
                number,
                chars: line.chars().take(KEEP_CHARS).collect(),
                len: line.chars().count(),
            });
        }
    }
    if blank > LIST_MAX {
        let msg = format!("{} more blank lines", blank - LIST_MAX);
        errors.push(MrzError::whole(
            MrzErrorCode::EmptyLine,
            MrzField::Document,
            msg,
        ));
    }
    input
}

const EXPECTED: &str =
    "an MRZ has 3 lines of 30 (TD1), 2 of 36 (TD2, MRV-B) or 2 of 44 (TD3, MRV-A)";

/// Identifies the format from the line count, the line lengths and the first letter.
pub(crate) fn detect(input: &Input, errors: &mut Vec<MrzError>) -> Option<MrzFormat> {
    let wrong_count = |message: String| {
        MrzError::whole(MrzErrorCode::WrongLineCount, MrzField::Document, message)
    };
    match input.lines.as_slice() {
        [] => {
            errors.push(wrong_count(format!("the text holds no lines; {EXPECTED}")));
            None
        }
        [line] => {
            let hint = match line.len {
                60 | 90 | 72 | 88 => "; were the line breaks lost?",
                _ => "",
            };
            let msg = format!("found 1 line of {} characters{hint}; {EXPECTED}", line.len);
            errors.push(wrong_count(msg));
            None
        }
        [_, _, _] => Some(MrzFormat::Td1),
        [first, second] => {
            let visa = first.chars.first().map(char::to_ascii_uppercase) == Some('V');
            let width = [first.len, second.len]
                .into_iter()
                .find(|len| *len == 36 || *len == 44)
                .or_else(|| [36, 44].into_iter().find(|w| first.len.abs_diff(*w) <= 3));
            match (width, visa) {
                (Some(44), false) => Some(MrzFormat::Td3),
                (Some(44), true) => Some(MrzFormat::MrvA),
                (Some(_), false) => Some(MrzFormat::Td2),
                (Some(_), true) => Some(MrzFormat::MrvB),
                (None, _) => {
                    let msg = format!(
                        "2 lines of {} and {} characters fit no format; {EXPECTED}",
                        first.len, second.len
                    );
                    errors.push(MrzError::whole(
                        MrzErrorCode::UnknownFormat,
                        MrzField::Document,
                        msg,
                    ));
                    None
                }
            }
        }
        _ => {
            let msg = format!("found {} lines; {EXPECTED}", input.count);
            errors.push(wrong_count(msg));
            None
        }
    }
}

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
