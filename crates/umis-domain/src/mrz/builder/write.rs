//! Writing a builder's values into the lines of its format, with every check digit.

use super::render::{birth_digits, expiry_digits, mrz_chars, set_check};
use super::{MrzBuildError, MrzBuilder};
use crate::mrz::Sex;
use crate::mrz::check::check_char_of;
use crate::mrz::error::MrzField;
use crate::mrz::layout::{Layout, Span};
use crate::mrz::translit::{DEFAULT_SCHWA, to_mrz_name};

impl MrzBuilder {
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
