//! Building MRZs from field values, for tests, demo data and benchmarks.

use std::fmt;

use super::MrzFormat;
use super::Sex;
use super::check::check_char_of;
use super::date::{Date, PartialDate};
use super::error::MrzField;
use super::layout::{Layout, Span};
use super::translit::{DEFAULT_SCHWA, to_mrz_name};

/// Why a builder's values do not fit the format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MrzBuildError {
    /// A value longer than its field.
    #[error("{} is {len} characters, the field holds {max}", field.as_str())]
    FieldTooLong {
        /// The field.
        field: MrzField,
        /// Its capacity.
        max: usize,
        /// The value's length.
        len: usize,
    },
    /// A character that may not appear in that field.
    #[error("{} may not contain {character:?}", field.as_str())]
    IllegalCharacter {
        /// The field.
        field: MrzField,
        /// The character.
        character: char,
    },
}

/// Builds a well-formed MRZ with correct check digits from field values.
///
/// It checks only that values fit (characters, lengths); country codes and dates are written as
/// given, so tests can build an MRZ that is well formed but wrong (unknown country, 31 February).
/// Names go through [`to_mrz_name`] and are cut at the field's end; other values are upper case
/// `A`–`Z`, `0`–`9`, with spaces or `<` as separators in the optional data.
#[derive(Clone, PartialEq, Eq)]
pub struct MrzBuilder {
    format: MrzFormat,
    document_code: String,
    issuing_state: String,
    surname: String,
    given_names: String,
    document_number: String,
    nationality: String,
    birth_date: Option<PartialDate>,
    sex: Sex,
    expiry_date: Option<Date>,
    optional_data: String,
    optional_data_2: String,
}

/// Shows the format only: the values are personal data.
impl fmt::Debug for MrzBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MrzBuilder")
            .field("format", &self.format)
            .finish_non_exhaustive()
    }
}

impl MrzBuilder {
    /// A builder for `format` with the usual document code (`P`, `V` or `I`), state and
    /// nationality `UTO`, sex unspecified and every other field empty (written as filler).
    pub fn new(format: MrzFormat) -> Self {
        let code = match format {
            MrzFormat::Td3 => "P",
            MrzFormat::MrvA | MrzFormat::MrvB => "V",
            MrzFormat::Td1 | MrzFormat::Td2 => "I",
        };
        Self {
            format,
            document_code: code.to_owned(),
            issuing_state: "UTO".to_owned(),
            surname: String::new(),
            given_names: String::new(),
            document_number: String::new(),
            nationality: "UTO".to_owned(),
            birth_date: None,
            sex: Sex::Unspecified,
            expiry_date: None,
            optional_data: String::new(),
            optional_data_2: String::new(),
        }
    }

    /// Sets the document code (1–2 characters).
    pub fn document_code(mut self, code: &str) -> Self {
        code.clone_into(&mut self.document_code);
        self
    }

    /// Sets the issuing state (`UTO`, `D`).
    pub fn issuing_state(mut self, code: &str) -> Self {
        code.clone_into(&mut self.issuing_state);
        self
    }

    /// Sets the surname and given names, in any script [`to_mrz_name`] knows.
    pub fn name(mut self, surname: &str, given_names: &str) -> Self {
        surname.clone_into(&mut self.surname);
        given_names.clone_into(&mut self.given_names);
        self
    }

    /// Sets the document number; TD1 and TD2 take more than 9 characters by overflow.
    pub fn document_number(mut self, number: &str) -> Self {
        number.clone_into(&mut self.document_number);
        self
    }

    /// Sets the nationality.
    pub fn nationality(mut self, code: &str) -> Self {
        code.clone_into(&mut self.nationality);
        self
    }

    /// Sets the date of birth, whole or partly unknown.
    pub fn birth_date(mut self, date: impl Into<PartialDate>) -> Self {
        self.birth_date = Some(date.into());
        self
    }

    /// Sets the sex.
    pub fn sex(mut self, sex: Sex) -> Self {
        self.sex = sex;
        self
    }

    /// Sets the date of expiry.
    pub fn expiry_date(mut self, date: impl Into<Date>) -> Self {
        self.expiry_date = Some(date.into());
        self
    }

    /// Sets the optional data (TD3: the personal number; TD1: the line 1 field).
    pub fn optional_data(mut self, data: &str) -> Self {
        data.clone_into(&mut self.optional_data);
        self
    }

    /// Sets TD1's second optional data field (line 2); ignored by the other formats.
    pub fn optional_data_2(mut self, data: &str) -> Self {
        data.clone_into(&mut self.optional_data_2);
        self
    }

    /// The MRZ, its lines separated by `\n`.
    pub fn build(&self) -> Result<String, MrzBuildError> {
        let layout = Layout::of(self.format);
        let mut lines = vec![vec!['<'; layout.width]; layout.lines];
        let mut put = |span: Span, field: MrzField, value: &str| -> Result<(), MrzBuildError> {
            let chars = mrz_chars(value, field)?;
            if chars.len() > span.len {
                let (max, len) = (span.len, chars.len());
                return Err(MrzBuildError::FieldTooLong { field, max, len });
            }
            for (i, c) in chars.into_iter().enumerate() {
                if let Some(slot) = lines
                    .get_mut(span.line)
                    .and_then(|l| l.get_mut(span.start + i))
                {
                    *slot = c;
                }
            }
            Ok(())
        };
        put(
            layout.document_code,
            MrzField::DocumentCode,
            &self.document_code,
        )?;
        put(
            layout.issuing_state,
            MrzField::IssuingState,
            &self.issuing_state,
        )?;
        put(layout.nationality, MrzField::Nationality, &self.nationality)?;
        let name = self.name_field(layout.name.len);
        put(layout.name, MrzField::Name, &name)?;
        put(
            layout.birth_date,
            MrzField::BirthDate,
            &birth_digits(self.birth_date),
        )?;
        put(
            layout.expiry_date,
            MrzField::ExpiryDate,
            &expiry_digits(self.expiry_date),
        )?;
        let sex = match self.sex {
            Sex::Male => "M",
            Sex::Female => "F",
            Sex::Unspecified => "<",
        };
        put(layout.sex, MrzField::Sex, sex)?;
        let number = mrz_chars(&self.document_number, MrzField::DocumentNumber)?;
        if let Some(&character) = number.iter().find(|c| **c == '<') {
            return Err(MrzBuildError::IllegalCharacter {
                field: MrzField::DocumentNumber,
                character,
            });
        }
        let (principal, overflow) = number.split_at(number.len().min(9));
        let mut optional: String = self.optional_data.replace(' ', "<");
        if overflow.is_empty() {
            let principal: String = principal.iter().collect();
            put(layout.document_number, MrzField::DocumentNumber, &principal)?;
        } else if layout.long_document_number {
            let principal: String = principal.iter().collect();
            put(layout.document_number, MrzField::DocumentNumber, &principal)?;
            let digit = check_char_of(number.iter().copied()).unwrap_or('<');
            let mut head: String = overflow.iter().collect();
            head.push(digit);
            if !optional.is_empty() {
                head.push('<');
            }
            optional.insert_str(0, &head);
        } else {
            let (max, len) = (9, number.len());
            let field = MrzField::DocumentNumber;
            return Err(MrzBuildError::FieldTooLong { field, max, len });
        }
        put(layout.optional_data, MrzField::OptionalData, &optional)?;
        if let Some(span) = layout.optional_data_2 {
            put(
                span,
                MrzField::OptionalData,
                &self.optional_data_2.replace(' ', "<"),
            )?;
        }
        let mut checks = vec![
            (layout.document_number, layout.document_number_check),
            (layout.birth_date, layout.birth_date_check),
            (layout.expiry_date, layout.expiry_date_check),
        ];
        if !overflow.is_empty() {
            checks.remove(0);
        }
        for (data, check) in checks {
            set_check(&mut lines, &[data], check, false);
        }
        if let Some(check) = layout.optional_data_check {
            set_check(&mut lines, &[layout.optional_data], check, true);
        }
        if let Some(check) = layout.composite_check {
            set_check(&mut lines, layout.composite_parts, check, false);
        }
        let lines: Vec<String> = lines.into_iter().map(|l| l.into_iter().collect()).collect();
        Ok(lines.join("\n"))
    }

    /// Surname, `<<`, given names, cut at `width`.
    fn name_field(&self, width: usize) -> String {
        let surname = to_mrz_name(&self.surname, DEFAULT_SCHWA);
        let given = to_mrz_name(&self.given_names, DEFAULT_SCHWA);
        let full = if given.is_empty() {
            surname
        } else {
            format!("{surname}<<{given}")
        };
        full.chars().take(width).collect()
    }
}

/// The characters of `value` if all may appear in an MRZ; lower case is refused, not mended.
fn mrz_chars(value: &str, field: MrzField) -> Result<Vec<char>, MrzBuildError> {
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

fn birth_digits(date: Option<PartialDate>) -> String {
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

fn expiry_digits(date: Option<Date>) -> String {
    date.map_or_else(
        || "<<<<<<".to_owned(),
        |d| {
            let [y, m, dd] = [i64::from(d.year), i64::from(d.month), i64::from(d.day)];
            format!("{}{}{}", two_digits(y), two_digits(m), two_digits(dd))
        },
    )
}

/// Writes the check digit over `parts` at `check`; a `<` for all-filler data when `filler_ok`.
fn set_check(lines: &mut [Vec<char>], parts: &[Span], check: Span, filler_ok: bool) {
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
