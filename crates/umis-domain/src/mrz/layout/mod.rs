//! Where each field sits in the five MRZ formats of Doc 9303 (Parts 4–7).

mod formats;

use super::MrzFormat;
use super::error::MrzField;
use formats::{MRVA, MRVB, TD1, TD2, TD3};

/// A run of characters on one line (0-based line and start).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub line: usize,
    pub start: usize,
    pub len: usize,
}

const fn span(line: usize, start: usize, len: usize) -> Span {
    Span { line, start, len }
}

impl Span {
    /// Whether the 0-based `line` and `column` fall inside the span.
    pub fn contains(self, line: usize, column: usize) -> bool {
        line == self.line && column >= self.start && column < self.start + self.len
    }
}

/// The field positions of one format.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layout {
    pub format: MrzFormat,
    pub lines: usize,
    pub width: usize,
    pub document_code: Span,
    pub issuing_state: Span,
    pub name: Span,
    pub document_number: Span,
    pub document_number_check: Span,
    pub nationality: Span,
    pub birth_date: Span,
    pub birth_date_check: Span,
    pub sex: Span,
    pub expiry_date: Span,
    pub expiry_date_check: Span,
    pub optional_data: Span,
    pub optional_data_check: Option<Span>,
    /// TD1 only: the second optional data field, on line 2.
    pub optional_data_2: Option<Span>,
    pub composite_check: Option<Span>,
    pub composite_parts: &'static [Span],
    /// Whether a document number longer than 9 may overflow into the optional data (TD1, TD2).
    pub long_document_number: bool,
}

impl Layout {
    /// The layout of `format`.
    pub fn of(format: MrzFormat) -> &'static Layout {
        match format {
            MrzFormat::Td1 => &TD1,
            MrzFormat::Td2 => &TD2,
            MrzFormat::Td3 => &TD3,
            MrzFormat::MrvA => &MRVA,
            MrzFormat::MrvB => &MRVB,
        }
    }

    /// The field that owns the 0-based position, for reporting a bad character there.
    pub fn field_at(&self, line: usize, column: usize) -> MrzField {
        let fields = [
            (Some(self.document_code), MrzField::DocumentCode),
            (Some(self.issuing_state), MrzField::IssuingState),
            (Some(self.name), MrzField::Name),
            (Some(self.document_number), MrzField::DocumentNumber),
            (Some(self.document_number_check), MrzField::DocumentNumber),
            (Some(self.nationality), MrzField::Nationality),
            (Some(self.birth_date), MrzField::BirthDate),
            (Some(self.birth_date_check), MrzField::BirthDate),
            (Some(self.sex), MrzField::Sex),
            (Some(self.expiry_date), MrzField::ExpiryDate),
            (Some(self.expiry_date_check), MrzField::ExpiryDate),
            (Some(self.optional_data), MrzField::OptionalData),
            (self.optional_data_check, MrzField::OptionalData),
            (self.optional_data_2, MrzField::OptionalData),
            (self.composite_check, MrzField::Composite),
        ];
        fields
            .into_iter()
            .find_map(|(span, field)| span.filter(|s| s.contains(line, column)).map(|_| field))
            .unwrap_or(MrzField::Document)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every position of every format belongs to exactly one field.
    #[test]
    fn fields_tile_every_line() {
        for format in MrzFormat::ALL {
            let layout = Layout::of(format);
            for line in 0..layout.lines {
                for column in 0..layout.width {
                    assert_ne!(
                        layout.field_at(line, column),
                        MrzField::Document,
                        "{format:?} line {line} column {column}"
                    );
                }
            }
            assert_eq!(layout.format, format);
        }
    }
}
