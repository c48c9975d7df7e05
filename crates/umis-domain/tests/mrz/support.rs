//! Shared fixtures: the Doc 9303 specimens, a fixed "today" and small helpers.

use umis_domain::mrz::{Date, MrzError, MrzErrorCode, MrzReport, check_digit, parse_mrz};

/// The date the fixed cases are read on.
pub const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 22,
};

/// Doc 9303 Part 4 specimen passport.
pub const TD3: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n\
                       L898902C36UTO7408122F1204159ZE184226B<<<<<10";
/// Doc 9303 Part 5 specimen identity card.
pub const TD1: &str = "I<UTOD231458907<<<<<<<<<<<<<<<\n\
                       7408122F1204159UTO<<<<<<<<<<<6\n\
                       ERIKSSON<<ANNA<MARIA<<<<<<<<<<";
/// Doc 9303 Part 5 example of a document number longer than 9 characters (D23145890734).
pub const TD1_LONG: &str = "I<UTOD23145890<7349<<<<<<<<<<<\n\
                            3407127M9507122UTO<<<<<<<<<<<2\n\
                            STEVENSON<<PETER<JOHN<<<<<<<<<";
/// Doc 9303 Part 6 specimen.
pub const TD2: &str = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\n\
                       D231458907UTO7408122F1204159<<<<<<<6";
/// Doc 9303 Part 7 specimen visa, format A.
pub const MRVA: &str = "VIUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n\
                        L8988901C4XXX4009078F96121096ZE184226B<<<<<<";
/// Doc 9303 Part 7 specimen visa, format B.
pub const MRVB: &str = "VIUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\n\
                        L8988901C4XXX4009078F9612109<<<<<<<<";

/// Parses as of [`TODAY`].
pub fn parse(text: &str) -> MrzReport {
    parse_mrz(text, TODAY)
}

/// `text` with the character at 1-based `line` and `column` replaced by `c`.
pub fn replace(text: &str, line: usize, column: usize, c: char) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            if i + 1 != line {
                return l.to_owned();
            }
            l.chars()
                .enumerate()
                .map(|(j, old)| if j + 1 == column { c } else { old })
                .collect()
        })
        .collect();
    lines.join("\n")
}

/// The errors with `code`.
pub fn with_code(report: &MrzReport, code: MrzErrorCode) -> Vec<&MrzError> {
    report.errors.iter().filter(|e| e.code == code).collect()
}

/// A TD3 text whose line 2 check digits are recomputed, so a test can change a field alone.
pub fn rechecked_td3(text: &str) -> String {
    let mut lines: Vec<Vec<char>> = text.split('\n').map(|l| l.chars().collect()).collect();
    let line = &mut lines[1];
    let digit = |chars: &[char]| -> char {
        let s: String = chars.iter().collect();
        let d = check_digit(&s).expect("MRZ characters");
        char::from_digit(u32::from(d), 10).expect("a digit")
    };
    line[9] = digit(&line[0..9]);
    line[19] = digit(&line[13..19]);
    line[27] = digit(&line[21..27]);
    line[42] = if line[28..42].iter().all(|c| *c == '<') {
        '<'
    } else {
        digit(&line[28..42])
    };
    let composite: Vec<char> = [&line[0..10], &line[13..20], &line[21..43]].concat();
    line[43] = digit(&composite);
    let lines: Vec<String> = lines.into_iter().map(|l| l.into_iter().collect()).collect();
    lines.join("\n")
}
