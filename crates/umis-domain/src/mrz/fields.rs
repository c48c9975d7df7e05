//! Reading and validating single fields: codes, countries, names, numbers, dates, sex, checks.

use super::check::check_digit_of;
use super::country::is_known_country;
use super::date::{Date, PartialDate, birth_year, days_in_month, expiry_year};
use super::error::{MrzError, MrzErrorCode, MrzField};
use super::input::Doc;
use super::layout::{Layout, Span};
use super::{MrzFormat, Sex};

/// Reads fields from a checked document, collecting errors.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    pub doc: &'a Doc<'a>,
    pub layout: &'static Layout,
    pub today: Date,
    pub errors: Vec<MrzError>,
}

/// The document number, its check, and how many optional-data characters its overflow took.
#[derive(Debug, Default)]
pub(crate) struct Number {
    pub value: Option<String>,
    pub check: Option<bool>,
    pub overflow: usize,
}

/// The words of a field: fillers at either end dropped, inner runs of fillers made one space.
pub(crate) fn words(chars: &[char]) -> String {
    let words: Vec<String> = chars
        .split(|c| *c == '<')
        .filter(|w| !w.is_empty())
        .map(|w| w.iter().collect())
        .collect();
    words.join(" ")
}

fn label(field: MrzField) -> &'static str {
    match field {
        MrzField::DocumentNumber => "document number",
        MrzField::BirthDate => "date of birth",
        MrzField::ExpiryDate => "date of expiry",
        MrzField::OptionalData => "optional data",
        MrzField::Composite => "composite",
        MrzField::IssuingState => "issuing state",
        MrzField::Nationality => "nationality",
        MrzField::Name => "name",
        MrzField::Sex => "sex",
        MrzField::DocumentCode => "document code",
        MrzField::Document => "document",
    }
}

impl Reader<'_> {
    pub fn read(&self, span: Span) -> Option<&[char]> {
        self.doc.read(span)
    }

    fn error(&mut self, code: MrzErrorCode, field: MrzField, span: Span, offset: usize, msg: &str) {
        let position = self.doc.position(span, offset);
        self.errors.push(MrzError::at(code, field, position, msg));
    }

    /// Compares the digit at `check` with the one computed over `data`; `None` if either is
    /// unreadable. With `filler_ok`, a `<` check digit is right for data that is all filler.
    pub fn verify(
        &mut self,
        data: Option<&[char]>,
        check: Span,
        field: MrzField,
        filler_ok: bool,
    ) -> Option<bool> {
        let digit = *self.read(check)?.first()?;
        let data = data?;
        if filler_ok && digit == '<' && data.iter().all(|c| *c == '<') {
            return Some(true);
        }
        let computed = check_digit_of(data.iter().copied())?;
        let name = label(field);
        match digit.to_digit(10) {
            Some(found) if found == u32::from(computed) => Some(true),
            Some(found) => {
                let msg = format!("{name} check digit is {found}, computed {computed}");
                self.error(MrzErrorCode::CheckDigitMismatch, field, check, 0, &msg);
                Some(false)
            }
            None => {
                let msg =
                    format!("{name} check digit is '{digit}', not a digit; computed {computed}");
                self.error(MrzErrorCode::InvalidCheckDigit, field, check, 0, &msg);
                Some(false)
            }
        }
    }

    /// The document code, which must suit the format.
    pub fn document_code(&mut self) -> Option<String> {
        let span = self.layout.document_code;
        let chars = self.read(span)?.to_vec();
        let (allowed, rule): (&[char], &str) = match self.layout.format {
            MrzFormat::Td3 => (&['P'], "a TD3 document code starts with P"),
            MrzFormat::MrvA | MrzFormat::MrvB => (&['V'], "a visa document code starts with V"),
            MrzFormat::Td1 | MrzFormat::Td2 => (
                &['A', 'C', 'I'],
                "a TD1 or TD2 document code starts with A, C or I",
            ),
        };
        let first = chars.first().copied().unwrap_or('<');
        if !allowed.contains(&first) {
            let msg = format!("{rule}, found '{first}'");
            self.error(
                MrzErrorCode::InvalidDocumentCode,
                MrzField::DocumentCode,
                span,
                0,
                &msg,
            );
        }
        if let Some(second) = chars.get(1).filter(|c| c.is_ascii_digit()) {
            let msg = format!(
                "the second character of a document code is a letter or '<', found '{second}'"
            );
            self.error(
                MrzErrorCode::InvalidDocumentCode,
                MrzField::DocumentCode,
                span,
                1,
                &msg,
            );
        }
        Some(words(&chars))
    }

    /// An issuing state or nationality, checked against the ICAO codes.
    pub fn country(&mut self, span: Span, field: MrzField) -> Option<String> {
        let raw: String = self.read(span)?.iter().collect();
        if !is_known_country(&raw) {
            let msg = format!("{} code '{raw}' is not an ICAO country code", label(field));
            self.error(MrzErrorCode::UnknownCountry, field, span, 0, &msg);
        }
        Some(raw.trim_end_matches('<').to_owned())
    }

    /// Surname and given names, split at the first `<<`.
    pub fn name(&mut self) -> (Option<String>, Option<String>) {
        let span = self.layout.name;
        let Some(chars) = self.read(span).map(<[char]>::to_vec) else {
            return (None, None);
        };
        if chars.iter().all(|c| *c == '<') {
            let msg = "the name field holds only fillers";
            self.error(MrzErrorCode::MissingField, MrzField::Name, span, 0, msg);
        } else if chars.first() == Some(&'<') {
            let msg = "the name starts with a filler, leaving the primary identifier empty";
            self.error(MrzErrorCode::InvalidName, MrzField::Name, span, 0, msg);
        }
        for (offset, c) in chars.iter().enumerate().filter(|(_, c)| c.is_ascii_digit()) {
            let msg = format!("digit '{c}' in the name; names are letters and '<' only");
            self.error(
                MrzErrorCode::InvalidName,
                MrzField::Name,
                span,
                offset,
                &msg,
            );
        }
        let split = chars.windows(2).position(|w| w == ['<', '<']);
        let (surname, given) = match split {
            Some(at) => (&chars[..at], &chars[at + 2..]),
            None => (&chars[..], &chars[chars.len()..]),
        };
        (Some(words(surname)), Some(words(given)))
    }

    /// The document number, following a TD1/TD2 overflow into the optional data when the check
    /// digit position holds `<`.
    pub fn document_number(&mut self) -> Number {
        let layout = self.layout;
        let principal = self.read(layout.document_number).map(<[char]>::to_vec);
        let check = self
            .read(layout.document_number_check)
            .and_then(|c| c.first().copied());
        if layout.long_document_number
            && check == Some('<')
            && let Some(number) = principal.as_deref().and_then(|p| self.long_number(p))
        {
            return number;
        }
        let value: Option<String> = principal.as_deref().map(|p| {
            p.iter()
                .collect::<String>()
                .trim_end_matches('<')
                .to_owned()
        });
        if value.as_deref() == Some("") {
            let msg = "the document number holds only fillers";
            let span = layout.document_number;
            self.error(
                MrzErrorCode::MissingField,
                MrzField::DocumentNumber,
                span,
                0,
                msg,
            );
        }
        let check = self.verify(
            principal.as_deref(),
            layout.document_number_check,
            MrzField::DocumentNumber,
            false,
        );
        Number {
            value,
            check,
            overflow: 0,
        }
    }

    /// A long document number, or `None` when the layout does not announce one.
    fn long_number(&mut self, principal: &[char]) -> Option<Number> {
        if principal.contains(&'<') {
            return None;
        }
        let span = self.layout.optional_data;
        let Some(optional) = self.read(span).map(<[char]>::to_vec) else {
            return Some(Number {
                overflow: span.len,
                ..Number::default()
            });
        };
        let overflow = optional
            .iter()
            .position(|c| *c == '<')
            .unwrap_or(optional.len());
        let field = MrzField::DocumentNumber;
        match overflow {
            0 => None,
            1 => {
                let msg = "a long document number needs its remaining characters and then its \
                           check digit here";
                self.error(MrzErrorCode::InvalidLongDocumentNumber, field, span, 0, msg);
                Some(Number {
                    value: Some(principal.iter().collect()),
                    check: Some(false),
                    overflow,
                })
            }
            _ => {
                let digits: Vec<char> = principal
                    .iter()
                    .chain(&optional[..overflow - 1])
                    .copied()
                    .collect();
                let check_span = Span {
                    start: span.start + overflow - 1,
                    len: 1,
                    ..span
                };
                let check = self.verify(Some(&digits), check_span, field, false);
                Some(Number {
                    value: Some(digits.iter().collect()),
                    check,
                    overflow,
                })
            }
        }
    }

    /// A date and its check digit.
    pub fn date(
        &mut self,
        span: Span,
        check: Span,
        field: MrzField,
    ) -> (Option<PartialDate>, Option<bool>) {
        let chars = self.read(span).map(<[char]>::to_vec);
        let value = chars
            .as_deref()
            .and_then(|c| self.date_value(c, span, field));
        let check = self.verify(chars.as_deref(), check, field, false);
        (value, check)
    }

    fn date_value(&mut self, c: &[char], span: Span, field: MrzField) -> Option<PartialDate> {
        let birth = field == MrzField::BirthDate;
        let mut pairs = [Pair::Unknown; 3];
        for (i, pair) in pairs.iter_mut().enumerate() {
            *pair = Pair::of(c.get(2 * i..2 * i + 2).unwrap_or(&[]), 2 * i);
        }
        if let Some((offset, found)) = pairs.iter().find_map(Pair::bad) {
            let msg = match found {
                '<' => format!(
                    "a filler in the {} must cover a whole two-digit part",
                    label(field)
                ),
                _ => format!("'{found}' in the {}, which is YYMMDD digits", label(field)),
            };
            self.error(MrzErrorCode::InvalidDate, field, span, offset, &msg);
            return None;
        }
        let (yy, month, day) = match pairs {
            [Pair::Num(y), Pair::Num(m), Pair::Num(d)] => (y, Some(m), Some(d)),
            [Pair::Num(y), Pair::Num(m), Pair::Unknown] if birth => (y, Some(m), None),
            [Pair::Num(y), Pair::Unknown, Pair::Unknown] if birth => (y, None, None),
            [Pair::Unknown, Pair::Unknown, Pair::Unknown] if birth => return None,
            _ => {
                let offset = pairs.iter().position(|p| *p == Pair::Unknown).unwrap_or(0) * 2;
                let msg = if birth {
                    "only the day, the month and day, or the whole date of birth may be unknown"
                } else {
                    "the date of expiry must be complete"
                };
                self.error(MrzErrorCode::InvalidDate, field, span, offset, msg);
                return None;
            }
        };
        if let Some(m) = month.filter(|m| !(1..=12).contains(m)) {
            let msg = format!("month {m:02} does not exist");
            self.error(MrzErrorCode::InvalidDate, field, span, 2, &msg);
            return None;
        }
        let year = if birth {
            birth_year(yy, month, day, self.today)
        } else {
            expiry_year(yy, self.today)
        };
        if let (Some(m), Some(d)) = (month, day)
            && (d == 0 || d > days_in_month(year, m))
        {
            let msg = format!("day {d:02} does not exist in {year:04}-{m:02}");
            self.error(MrzErrorCode::InvalidDate, field, span, 4, &msg);
            return None;
        }
        Some(PartialDate { year, month, day })
    }

    /// The sex: `M`, `F`, or `<`/`X` for unspecified.
    pub fn sex(&mut self) -> Option<Sex> {
        let span = self.layout.sex;
        match *self.read(span)?.first()? {
            'M' => Some(Sex::Male),
            'F' => Some(Sex::Female),
            '<' | 'X' => Some(Sex::Unspecified),
            other => {
                let msg = format!("sex is M, F, X or '<', found '{other}'");
                self.error(MrzErrorCode::InvalidSex, MrzField::Sex, span, 0, &msg);
                None
            }
        }
    }
}

/// Two characters of a `YYMMDD` date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pair {
    Num(u8),
    Unknown,
    /// The offset in the date and the character that spoils the pair.
    Bad(usize, char),
}

impl Pair {
    fn of(chars: &[char], offset: usize) -> Self {
        match chars {
            ['<', '<'] => Self::Unknown,
            [a, b] => match (a.to_digit(10), b.to_digit(10)) {
                (Some(x), Some(y)) => u8::try_from(x * 10 + y).map_or(Self::Unknown, Self::Num),
                (None, _) => Self::Bad(offset, *a),
                (Some(_), None) => Self::Bad(offset + 1, *b),
            },
            _ => Self::Bad(offset, '<'),
        }
    }

    fn bad(&self) -> Option<(usize, char)> {
        match *self {
            Self::Bad(offset, c) => Some((offset, c)),
            _ => None,
        }
    }
}
