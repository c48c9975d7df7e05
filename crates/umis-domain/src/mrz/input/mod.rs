//! Reading the raw text: lines, trailing whitespace, the format, line lengths and characters.

mod doc;

pub(crate) use doc::Doc;

use super::MrzFormat;
use super::error::{MrzError, MrzErrorCode, MrzField};

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
