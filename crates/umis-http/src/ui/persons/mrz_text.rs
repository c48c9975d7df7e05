//! An MRZ defect as a sentence in the officer's language: where it is, which field, what is wrong.

use crate::i18n::Tr;
use umis_domain::mrz::MrzError;

/// The defect `e` for people reading `tr`'s language (the domain's message is English).
pub(super) fn mrz_error_text(tr: &Tr, e: &MrzError) -> String {
    let what = tr.t(format!("mrz-err-{}", e.code.as_str()));
    let field = tr.t(format!("mrz-field-{}", e.field.as_str()));
    match (e.line, e.column) {
        (Some(line), Some(column)) => tr.targs(
            "mrz-err-at-column",
            &[
                ("line", line.to_string()),
                ("column", column.to_string()),
                ("field", field),
                ("what", what),
            ],
        ),
        (Some(line), None) => tr.targs(
            "mrz-err-at-line",
            &[("line", line.to_string()), ("field", field), ("what", what)],
        ),
        _ => tr.targs("mrz-err-whole", &[("field", field), ("what", what)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use umis_domain::Lang;
    use umis_domain::mrz::{MrzErrorCode as C, MrzField as F};

    const CODES: [C; 15] = [
        C::WrongLineCount,
        C::WrongLineLength,
        C::EmptyLine,
        C::UnknownFormat,
        C::IllegalCharacter,
        C::LowerCase,
        C::InvalidDocumentCode,
        C::UnknownCountry,
        C::InvalidName,
        C::MissingField,
        C::CheckDigitMismatch,
        C::InvalidCheckDigit,
        C::InvalidLongDocumentNumber,
        C::InvalidDate,
        C::InvalidSex,
    ];
    const FIELDS: [F; 11] = [
        F::Document,
        F::DocumentCode,
        F::IssuingState,
        F::Name,
        F::DocumentNumber,
        F::Nationality,
        F::BirthDate,
        F::Sex,
        F::ExpiryDate,
        F::OptionalData,
        F::Composite,
    ];

    fn error(code: C, field: F, line: Option<usize>, column: Option<usize>) -> MrzError {
        MrzError {
            code,
            field,
            message: String::new(),
            line,
            column,
        }
    }

    #[test]
    fn every_defect_reads_in_every_language() {
        for lang in [Lang::Az, Lang::Ru, Lang::En] {
            let tr = Tr::new(lang, 240);
            for code in CODES {
                for field in FIELDS {
                    for (line, column) in [(Some(2), Some(14)), (Some(1), None), (None, None)] {
                        let text = mrz_error_text(&tr, &error(code, field, line, column));
                        assert!(!text.contains("mrz-"), "{lang:?}: untranslated {text}");
                        assert!(!text.contains('_'), "{lang:?}: a code on screen: {text}");
                        if column.is_some() {
                            assert!(text.contains("14"), "{lang:?}: no column in {text}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_parsed_defect_is_told_in_the_officers_language() {
        let bad = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<11";
        let report = umis_domain::mrz::parse_mrz(bad, (2026, 12, 7));
        assert!(
            report.has_error(C::CheckDigitMismatch),
            "{:?}",
            report.errors
        );
        let e = &report.errors[0];
        let az = mrz_error_text(&Tr::new(Lang::Az, 240), e);
        let ru = mrz_error_text(&Tr::new(Lang::Ru, 240), e);
        let en = mrz_error_text(&Tr::new(Lang::En, 240), e);
        assert!(az != en && ru != en && az != ru, "{az} / {ru} / {en}");
    }
}
