//! Display normalisation of a name as typed: whitespace and Azerbaijani-correct casing.

use super::morph::is_marker;
use super::transliterate;

/// Trims, collapses whitespace and title-cases words typed all in capitals or all in lowercase
/// (MRZ, caps-lock), keeping mixed-case words as typed.
///
/// Casing follows Azerbaijani/Turkish rules where the text shows them: lowercase i starts a word
/// as İ when the name has a letter only those alphabets use (ə ğ ş ı İ), and capital I lowers to ı
/// only when the text itself distinguishes İ from I. Patronymic markers are written in lowercase
/// (`ƏLI OĞLU` → `Əli oğlu`, `QIZI` → `qızı`).
pub fn normalize_display(s: &str) -> String {
    let dotted = s.chars().any(|c| matches!(c, 'İ' | 'ı'));
    let az = dotted
        || s.chars()
            .any(|c| matches!(c, 'ə' | 'Ə' | 'ğ' | 'Ğ' | 'ş' | 'Ş'));
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let upper = word.chars().any(char::is_uppercase);
        let lower = word.chars().any(char::is_lowercase);
        if upper && lower {
            out.push_str(word);
        } else if is_marker_word(word) {
            // The markers are written in lowercase, and in Azerbaijani qızı has two dotless ı.
            word.chars()
                .for_each(|c| push_lower(c, dotted || az, &mut out));
        } else {
            let mut start = true;
            for c in word.chars() {
                if c == '-' {
                    start = true;
                    out.push(c);
                } else if start && (c.is_uppercase() || c.is_lowercase()) {
                    start = false;
                    push_upper(c, az, &mut out);
                } else {
                    push_lower(c, dotted, &mut out);
                }
            }
        }
    }
    out
}

fn is_marker_word(word: &str) -> bool {
    is_marker(&transliterate(word))
}

fn push_upper(c: char, az: bool, out: &mut String) {
    let mut upper = c.to_uppercase();
    match (c, upper.next(), upper.next()) {
        ('i', _, _) if az => out.push('İ'),
        ('ı', _, _) => out.push('I'),
        (_, Some(u), None) => out.push(u),
        // No single-letter capital (ß, ŉ, ῲ): leave it as typed rather than spell it out.
        _ => out.push(c),
    }
}

fn push_lower(c: char, dotless: bool, out: &mut String) {
    match c {
        'I' if dotless => out.push('ı'),
        'I' => out.push('i'),
        'İ' => out.push('i'),
        _ => out.extend(c.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_display;

    #[test]
    fn display_table() {
        let cases = [
            ("  MAMMADOV   ELCHIN ", "Mammadov Elchin"),
            ("MƏMMƏDOV ELÇİN", "Məmmədov Elçin"),
            ("ƏLI OĞLU", "Əli oğlu"),
            ("ilham əliyev", "İlham Əliyev"),
            ("ilham aliyev", "Ilham Aliyev"),
            ("SƏBİNƏ QIZI", "Səbinə qızı"),
            ("QASIMOV İLQAR", "Qasımov İlqar"),
            ("ALI-RZA", "Ali-Rza"),
            ("McDonald", "McDonald"),
            ("ЮЛИЯ ЩЕГЛОВА", "Юлия Щеглова"),
            ("\u{a0}", ""),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_display(input), want, "{input}");
        }
    }
}
