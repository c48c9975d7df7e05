//! Property tests: built documents of every format parse valid and round-trip; one corrupted
//! character in a checked field is caught by the right check; no input makes the parser panic.

use proptest::prelude::*;
use proptest::sample::select;
use umis_domain::mrz::{
    Date, MrzBuilder, MrzField, MrzFormat, MrzReport, PartialDate, Sex, char_value, days_in_month,
    parse_mrz,
};

const ALPHABET: &str = "<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const COUNTRIES: [&str; 14] = [
    "AZE", "RUS", "D", "UTO", "XXA", "XXB", "XXC", "XXX", "GBR", "TUR", "IRN", "GEO", "EUE", "UNO",
];

/// One generated document: its builder and the values the parser must give back.
#[derive(Debug, Clone)]
struct Case {
    format: MrzFormat,
    today: Date,
    code: String,
    state: String,
    surname: Vec<String>,
    given: Vec<String>,
    number: String,
    nationality: String,
    birth: PartialDate,
    sex: Sex,
    expiry: Date,
    optional: Vec<String>,
    optional_2: Vec<String>,
}

impl Case {
    fn capacity(&self) -> (usize, usize) {
        let overflow = self.number.len().saturating_sub(9);
        let reserved = if overflow > 0 { overflow + 2 } else { 0 };
        let first: usize = match self.format {
            MrzFormat::Td1 => 15,
            MrzFormat::Td2 => 7,
            MrzFormat::Td3 => 14,
            MrzFormat::MrvA => 16,
            MrzFormat::MrvB => 8,
        };
        let second = if self.format == MrzFormat::Td1 { 11 } else { 0 };
        (first.saturating_sub(reserved), second)
    }

    /// The optional data cut to fit, as given to the builder.
    fn optional_fields(&self) -> (String, String) {
        let (first, second) = self.capacity();
        let cut = |words: &[String], max: usize| -> String {
            words.join("<").chars().take(max).collect()
        };
        (cut(&self.optional, first), cut(&self.optional_2, second))
    }

    fn build(&self) -> String {
        let (optional, optional_2) = self.optional_fields();
        MrzBuilder::new(self.format)
            .document_code(&self.code)
            .issuing_state(&self.state)
            .name(&self.surname.join(" "), &self.given.join(" "))
            .document_number(&self.number)
            .nationality(&self.nationality)
            .birth_date(self.birth)
            .sex(self.sex)
            .expiry_date(self.expiry)
            .optional_data(&optional)
            .optional_data_2(&optional_2)
            .build()
            .expect("generated values fit")
    }
}

fn words(s: &str) -> String {
    s.split('<')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn date_in(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = Date> {
    (years, 1u8..=12, 1u8..=31).prop_map(|(year, month, day)| Date {
        year,
        month,
        day: day.min(days_in_month(year, month)),
    })
}

fn case() -> impl Strategy<Value = Case> {
    let format = select(MrzFormat::ALL.to_vec());
    let today = date_in(1960..=2090);
    (format, today).prop_flat_map(|(format, today)| {
        let long = matches!(format, MrzFormat::Td1 | MrzFormat::Td2);
        let number = if long {
            "[A-Z0-9]{1,14}"
        } else {
            "[A-Z0-9]{1,9}"
        };
        let code = match format {
            MrzFormat::Td3 => "P[A-Z<]",
            MrzFormat::MrvA | MrzFormat::MrvB => "V[A-Z<]",
            MrzFormat::Td1 | MrzFormat::Td2 => "[ACI][A-Z<]",
        };
        let birth = (0i32..100, date_in(2000..=2000), 0u8..10).prop_map(move |(back, d, known)| {
            let year = today.year - back;
            let day = d.day.min(days_in_month(year, d.month));
            match known {
                0 => PartialDate {
                    year,
                    month: None,
                    day: None,
                },
                1 => PartialDate {
                    year,
                    month: Some(d.month),
                    day: None,
                },
                _ => PartialDate {
                    year,
                    month: Some(d.month),
                    day: Some(day),
                },
            }
        });
        let expiry = date_in(today.year - 50..=today.year + 49);
        let names = prop::collection::vec("[A-Z]{1,7}", 1..=2);
        let given = prop::collection::vec("[A-Z]{1,6}", 0..=2);
        let optional = prop::collection::vec("[A-Z0-9]{1,6}", 0..=3);
        (
            (
                Just(format),
                Just(today),
                code,
                select(COUNTRIES.to_vec()),
                names,
                given,
            ),
            (
                number,
                select(COUNTRIES.to_vec()),
                birth,
                select(vec![Sex::Male, Sex::Female, Sex::Unspecified]),
            ),
            (expiry, optional.clone(), optional),
        )
            .prop_map(
                |(
                    (format, today, code, state, surname, given),
                    (number, nationality, birth, sex),
                    (expiry, optional, optional_2),
                )| Case {
                    format,
                    today,
                    code,
                    state: state.to_owned(),
                    surname,
                    given,
                    number,
                    nationality: nationality.to_owned(),
                    birth,
                    sex,
                    expiry,
                    optional,
                    optional_2,
                },
            )
    })
}

fn not_in_future(case: &Case) -> bool {
    let b = case.birth;
    (b.year, b.month.unwrap_or(1), b.day.unwrap_or(1))
        <= (case.today.year, case.today.month, case.today.day)
}

/// The checked positions of a format: (0-based line, columns, the field whose check covers them).
fn checked_positions(format: MrzFormat) -> Vec<(usize, std::ops::Range<usize>, MrzField)> {
    use MrzField::*;
    match format {
        MrzFormat::Td1 => vec![
            (0, 5..15, DocumentNumber),
            (0, 15..30, Composite),
            (1, 0..7, BirthDate),
            (1, 8..15, ExpiryDate),
            (1, 18..29, Composite),
            (1, 29..30, Composite),
        ],
        MrzFormat::Td2 => vec![
            (1, 0..10, DocumentNumber),
            (1, 13..20, BirthDate),
            (1, 21..28, ExpiryDate),
            (1, 28..35, Composite),
            (1, 35..36, Composite),
        ],
        MrzFormat::Td3 => vec![
            (1, 0..10, DocumentNumber),
            (1, 13..20, BirthDate),
            (1, 21..28, ExpiryDate),
            (1, 28..43, OptionalData),
            (1, 43..44, Composite),
        ],
        MrzFormat::MrvA | MrzFormat::MrvB => vec![
            (1, 0..10, DocumentNumber),
            (1, 13..20, BirthDate),
            (1, 21..28, ExpiryDate),
        ],
    }
}

fn own_check(report: &MrzReport, field: MrzField) -> Option<bool> {
    match field {
        MrzField::DocumentNumber => report.checks.document_number,
        MrzField::BirthDate => report.checks.birth_date,
        MrzField::ExpiryDate => report.checks.expiry_date,
        MrzField::OptionalData => report.checks.optional_data,
        _ => report.checks.composite,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn built_documents_parse_valid_and_round_trip(case in case()) {
        prop_assume!(not_in_future(&case));
        let text = case.build();
        let report = parse_mrz(&text, case.today);
        prop_assert!(report.valid, "{text}\n{:#?}", report.errors);
        prop_assert_eq!(report.format, Some(case.format));
        prop_assert_eq!(report.document_code, Some(words(&case.code)));
        prop_assert_eq!(report.issuing_state.as_deref(), Some(case.state.as_str()));
        prop_assert_eq!(report.nationality.as_deref(), Some(case.nationality.as_str()));
        prop_assert_eq!(report.surname, Some(case.surname.join(" ")));
        prop_assert_eq!(report.given_names, Some(case.given.join(" ")));
        prop_assert_eq!(report.document_number.as_deref(), Some(case.number.as_str()));
        prop_assert_eq!(report.birth_date, Some(case.birth));
        prop_assert_eq!(report.sex, Some(case.sex));
        prop_assert_eq!(report.expiry_date, Some(case.expiry));
        let (optional, optional_2) = case.optional_fields();
        let expected = [words(&optional), words(&optional_2)]
            .into_iter()
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        prop_assert_eq!(report.optional_data, Some(expected));
        let has_composite = !matches!(case.format, MrzFormat::MrvA | MrzFormat::MrvB);
        prop_assert_eq!(report.checks.composite, has_composite.then_some(true));
        let has_optional_check = case.format == MrzFormat::Td3;
        prop_assert_eq!(report.checks.optional_data, has_optional_check.then_some(true));
    }

    #[test]
    fn one_corrupted_checked_character_is_caught(case in case(), pick in any::<prop::sample::Index>(), with in any::<prop::sample::Index>()) {
        prop_assume!(not_in_future(&case));
        let text = case.build();
        let mut lines: Vec<Vec<char>> = text.split('\n').map(|l| l.chars().collect()).collect();
        let positions: Vec<(usize, usize, MrzField)> = checked_positions(case.format)
            .into_iter()
            .flat_map(|(line, columns, field)| columns.map(move |c| (line, c, field)))
            .collect();
        let (line, column, field) = positions[pick.index(positions.len())];
        let old = lines[line][column];
        let old_value = char_value(old).unwrap() % 10;
        // Check digits cannot see a change by a multiple of 10 ('0' ↔ 'A' ↔ 'K' ↔ 'U').
        let candidates: Vec<char> = ALPHABET.chars().filter(|c| char_value(*c).unwrap() % 10 != old_value).collect();
        lines[line][column] = candidates[with.index(candidates.len())];
        let corrupted: Vec<String> = lines.into_iter().map(|l| l.into_iter().collect()).collect();
        let corrupted = corrupted.join("\n");
        let report = parse_mrz(&corrupted, case.today);
        prop_assert!(!report.valid, "{corrupted}");
        let covered_by_composite = field == MrzField::Composite || !matches!(case.format, MrzFormat::MrvA | MrzFormat::MrvB);
        if covered_by_composite {
            prop_assert_eq!(report.checks.composite, Some(false), "{}\n{:#?}", corrupted, report.errors);
        }
        // In TD1 and TD2 a changed document number digit may also switch the long-number reading.
        let long_number = matches!(case.format, MrzFormat::Td1 | MrzFormat::Td2)
            && matches!(field, MrzField::DocumentNumber | MrzField::Composite);
        if long_number {
            prop_assert!(report.errors.iter().any(|e| matches!(e.field, MrzField::DocumentNumber | MrzField::Composite)));
        } else {
            prop_assert_eq!(own_check(&report, field), Some(false), "{}\n{:#?}", corrupted, report.errors);
            prop_assert!(report.errors.iter().any(|e| e.field == field), "{:#?}", report.errors);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>(), y in 1900i32..2200, m in 0u8..15, d in 0u8..40) {
        check_invariants(&parse_mrz(&text, (y, m, d)));
    }

    #[test]
    fn arbitrary_lines_never_panic(lines in prop::collection::vec("[A-Z0-9<a-zé\\- \\t\\r\\x00Əя😀]{0,50}", 0..6)) {
        check_invariants(&parse_mrz(&lines.join("\n"), (2026, 11, 22)));
    }

    #[test]
    fn edited_documents_never_panic(case in case(), at in any::<prop::sample::Index>(), c in any::<char>(), op in 0u8..3) {
        let mut chars: Vec<char> = case.build().chars().collect();
        let i = at.index(chars.len() + 1);
        match op {
            0 => chars.insert(i, c),
            1 if i < chars.len() => { chars.remove(i); }
            _ if i < chars.len() => chars[i] = c,
            _ => chars.push(c),
        }
        let text: String = chars.into_iter().collect();
        check_invariants(&parse_mrz(&text, case.today));
    }
}

/// What holds for every report, whatever the input.
fn check_invariants(report: &MrzReport) {
    assert_eq!(report.valid, report.errors.is_empty());
    for error in &report.errors {
        assert!(!error.message.is_empty());
        assert!(error.line.is_none_or(|l| l >= 1));
        assert!(error.column.is_none_or(|c| c >= 1));
        assert!(error.column.is_none() || error.line.is_some());
    }
    if report.valid {
        assert!(report.format.is_some());
        assert!(report.document_number.is_some() && report.surname.is_some());
    }
    let json = serde_json::to_value(report).expect("serialisable");
    assert_eq!(json.as_object().map(|o| o.len()), Some(14));
}
