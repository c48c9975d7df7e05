//! How one name is written elsewhere: Russian-document spellings of Azerbaijani names, English
//! spellings, popular Russian romanisation, Georgian script, MRZ form, and the typos and OCR
//! confusions of real data entry.

use rand::Rng;
use rand::rngs::StdRng;

/// Uppercase first letter of every word (Unicode-aware; Azerbaijani i → İ is not needed here).
pub fn capitalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        // Georgian has no case in running text (Mtavruli capitals are for headings).
        if start && !('\u{10A0}'..='\u{10FF}').contains(&c) {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c == ' ' || c == '-';
    }
    out
}

fn lower(s: &str) -> Vec<char> {
    s.chars()
        .map(|c| match c {
            'İ' => 'i',
            'I' => 'ı',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

fn is_az_vowel(c: char) -> bool {
    "aeəıioöuü".contains(c)
}

/// An Azerbaijani Latin name as a Russian-language document writes it (Məmmədov → Мамедов).
pub fn az_to_ru(s: &str, rng: &mut StdRng) -> String {
    let chars = lower(s);
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let initial = prev.is_none_or(|p| p == ' ');
        let after_consonant = prev.is_some_and(|p| p != ' ' && !is_az_vowel(p));
        i += 1;
        let piece: &str = match c {
            'a' => "а",
            'b' => "б",
            'c' => "дж",
            'ç' => "ч",
            'd' => "д",
            'e' if initial => "э",
            'e' => "е",
            'ə' if initial => {
                if rng.random_bool(0.5) {
                    "а"
                } else {
                    "э"
                }
            }
            'ə' => {
                if rng.random_bool(0.6) {
                    "е"
                } else {
                    "а"
                }
            }
            'f' => "ф",
            'g' | 'ğ' => "г",
            'h' => {
                if rng.random_bool(0.7) {
                    "г"
                } else {
                    "х"
                }
            }
            'x' => "х",
            'ı' => "ы",
            'i' => "и",
            'j' => "ж",
            'k' => "к",
            'q' => {
                if rng.random_bool(0.6) {
                    "г"
                } else {
                    "к"
                }
            }
            'l' if next.is_none_or(|n| n == ' ' || !is_az_vowel(n)) && rng.random_bool(0.6) => "ль",
            'l' => "л",
            'm' if prev == Some('m') && rng.random_bool(0.5) => "",
            'm' => "м",
            'n' => "н",
            'o' | 'ö' => "о",
            'p' => "п",
            'r' => "р",
            's' => "с",
            'ş' => "ш",
            't' => "т",
            'u' => "у",
            'ü' if after_consonant && !matches!(prev, Some('h' | 'x' | 'q')) => "ю",
            'ü' => "у",
            'v' => "в",
            'y' => {
                // y + vowel is one Cyrillic letter (Yusif → Юсиф, Əliyev → Алиев).
                let (letter, vowel) = match next {
                    Some('a') => ("я", true),
                    Some('u' | 'ü') => ("ю", true),
                    Some('e' | 'ə') => ("е", true),
                    _ => ("й", false),
                };
                if vowel {
                    i += 1;
                }
                letter
            }
            'z' => "з",
            ' ' => " ",
            '-' => "-",
            _ => "",
        };
        out.push_str(piece);
    }
    capitalise(&out)
}

/// An Azerbaijani Latin name in a common English spelling (Məmmədov → Mammadov/Mamedov).
pub fn az_to_en(s: &str, rng: &mut StdRng) -> String {
    let e_for_schwa = rng.random_bool(0.3);
    let g_for_q = rng.random_bool(0.7);
    let mut out = String::new();
    for c in lower(s) {
        out.push_str(match c {
            'ə' => {
                if e_for_schwa {
                    "e"
                } else {
                    "a"
                }
            }
            'ç' => "ch",
            'ş' => "sh",
            'c' => "j",
            'x' => "kh",
            'ğ' => "gh",
            'ı' => "i",
            'ö' => "o",
            'ü' => "u",
            'q' => {
                if g_for_q {
                    "g"
                } else {
                    "q"
                }
            }
            _ => {
                out.push(c);
                continue;
            }
        });
    }
    capitalise(&out)
}

/// A Russian (or Ukrainian) Cyrillic name in the popular English romanisation (Sergey, Yulia).
pub fn ru_to_en(s: &str, rng: &mut StdRng) -> String {
    let ij_as_y = rng.random_bool(0.5);
    let chars = lower(s);
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let initial = i == 0 || chars[i - 1] == ' ';
        out.push_str(match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' | 'ґ' => "g",
            'д' => "d",
            'е' if initial => {
                if rng.random_bool(0.3) {
                    "ye"
                } else {
                    "e"
                }
            }
            'е' | 'э' => "e",
            'ё' => "yo",
            'ж' => "zh",
            'з' => "z",
            'и' if next == Some('й') && ij_as_y => "",
            'и' | 'і' => "i",
            'ї' => "yi",
            'є' => "ye",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ы' => "y",
            'ю' => "yu",
            'я' => "ya",
            ' ' => " ",
            '-' => "-",
            _ => "",
        });
    }
    capitalise(&out)
}

/// The digraphs of the Georgian national romanisation, longest first, with script and Russian.
const GE_DIGRAPHS: &[(&str, &str, &str)] = &[
    ("kh", "ხ", "х"),
    ("gh", "ღ", "г"),
    ("sh", "შ", "ш"),
    ("ch", "ჩ", "ч"),
    ("ts", "ც", "ц"),
    ("dz", "ძ", "дз"),
    ("zh", "ჟ", "ж"),
];

/// A Georgian name from its romanisation: `(Georgian script, Russian Cyrillic)`.
pub fn georgian_forms(latin: &str) -> (String, String) {
    let lower = latin.to_lowercase();
    let b = lower.as_bytes();
    let (mut ka, mut ru) = (String::new(), String::new());
    let mut i = 0;
    while i < b.len() {
        if let Some((pat, k, r)) = GE_DIGRAPHS
            .iter()
            .find(|(p, _, _)| b[i..].starts_with(p.as_bytes()))
        {
            ka.push_str(k);
            ru.push_str(r);
            i += pat.len();
            continue;
        }
        let (k, r) = match b[i] {
            b'a' => ("ა", "а"),
            b'b' => ("ბ", "б"),
            b'g' => ("გ", "г"),
            b'd' => ("დ", "д"),
            b'e' if i == 0 => ("ე", "э"),
            b'e' => ("ე", "е"),
            b'v' => ("ვ", "в"),
            b'z' => ("ზ", "з"),
            b't' => ("თ", "т"),
            b'i' => ("ი", "и"),
            b'k' => ("კ", "к"),
            b'l' => ("ლ", "л"),
            b'm' => ("მ", "м"),
            b'n' => ("ნ", "н"),
            b'o' => ("ო", "о"),
            b'p' => ("პ", "п"),
            b'r' => ("რ", "р"),
            b's' => ("ს", "с"),
            b'u' => ("უ", "у"),
            b'q' => ("ყ", "к"),
            b'j' => ("ჯ", "дж"),
            b'h' => ("ჰ", "х"),
            b' ' => (" ", " "),
            _ => ("", ""),
        };
        ka.push_str(k);
        ru.push_str(r);
        i += 1;
    }
    (ka, capitalise(&ru))
}

/// The ICAO MRZ form of a name without fillers: `MAMMADOV ELCIN`.
pub fn mrz(s: &str) -> String {
    umis_domain::mrz::to_icao_latin(s, umis_domain::mrz::DEFAULT_SCHWA)
}

/// A Turkish or Azerbaijani name typed without its diacritics (Yılmaz → Yilmaz).
pub fn ascii_fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ı' | 'İ' => {
                if c == 'İ' {
                    'I'
                } else {
                    'i'
                }
            }
            'ş' => 's',
            'Ş' => 'S',
            'ç' => 'c',
            'Ç' => 'C',
            'ğ' => 'g',
            'Ğ' => 'G',
            'ö' => 'o',
            'Ö' => 'O',
            'ü' => 'u',
            'Ü' => 'U',
            'ə' => 'e',
            'Ə' => 'E',
            c => c,
        })
        .collect()
}

/// The Russian patronymic from a Cyrillic father's name (Али → Алиевич, Сергей → Сергеевич).
pub fn ru_patronymic(father: &str, female: bool) -> String {
    let base: String = father.replace('ё', "е");
    let (stem, soft) = match base.chars().last() {
        Some('й') => (base.trim_end_matches('й').to_string(), true),
        Some('и' | 'а' | 'я' | 'е' | 'о' | 'у' | 'ы' | 'э' | 'ю') => (base.clone(), true),
        _ => (base.clone(), false),
    };
    let suffix = match (soft, female) {
        (true, false) => "евич",
        (true, true) => "евна",
        (false, false) => "ович",
        (false, true) => "овна",
    };
    format!("{stem}{suffix}")
}

/// The feminine form of a Slavic or Azerbaijani surname (-ov → -ova, -in → -ina).
pub fn feminine_surname(s: &str) -> String {
    for (m, f) in [
        ("ов", "ова"),
        ("ев", "ева"),
        ("ёв", "ёва"),
        ("ин", "ина"),
        ("ov", "ova"),
        ("ev", "eva"),
        ("in", "ina"),
    ] {
        if let Some(stem) = s.strip_suffix(m) {
            return format!("{stem}{f}");
        }
    }
    s.to_string()
}

/// One or more typing mistakes in a random word of at least four letters: a letter dropped,
/// doubled, swapped with its neighbour or replaced by another letter of the same word.
pub fn typos(s: &str, count: usize, rng: &mut StdRng) -> String {
    let mut words: Vec<Vec<char>> = s.split(' ').map(|w| w.chars().collect()).collect();
    for _ in 0..count {
        let long: Vec<usize> = (0..words.len()).filter(|&i| words[i].len() >= 4).collect();
        if long.is_empty() {
            break;
        }
        let w = &mut words[long[rng.random_range(0..long.len())]];
        let at = rng.random_range(1..w.len());
        match rng.random_range(0..4) {
            0 => {
                w.remove(at);
            }
            1 => w.insert(at, w[at]),
            2 if at + 1 < w.len() && w[at] != w[at + 1] => w.swap(at, at + 1),
            2 => {
                w.remove(at);
            }
            _ => {
                let other = w[rng.random_range(0..w.len())];
                w[at] = if other != w[at] {
                    other
                } else if w[at] == 'x' {
                    'q'
                } else {
                    'x'
                };
            }
        }
    }
    words
        .iter()
        .map(|w| w.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A document number as an OCR engine might misread it (0↔O, 1↔I, 8↔B, 5↔S, 2↔Z, 6↔G).
pub fn ocr_confuse(number: &str, rng: &mut StdRng) -> String {
    let mut chars: Vec<char> = number.chars().collect();
    let spots: Vec<usize> = (0..chars.len())
        .filter(|&i| "015826OIBSZG".contains(chars[i]))
        .collect();
    let changes = 1 + usize::from(rng.random_bool(0.4));
    for _ in 0..changes {
        if spots.is_empty() {
            break;
        }
        let i = spots[rng.random_range(0..spots.len())];
        chars[i] = match chars[i] {
            '0' => 'O',
            '1' => 'I',
            '5' => 'S',
            '8' => 'B',
            '2' => 'Z',
            '6' => 'G',
            'O' => '0',
            'I' => '1',
            'B' => '8',
            'S' => '5',
            'Z' => '2',
            _ => '6',
        };
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn renderings() {
        let mut rng = StdRng::seed_from_u64(1);
        assert_eq!(mrz("Məmmədov Elçin"), "MAMMADOV ELCIN");
        assert_eq!(ru_patronymic("Али", false), "Алиевич");
        assert_eq!(ru_patronymic("Сергей", true), "Сергеевна");
        assert_eq!(ru_patronymic("Иван", false), "Иванович");
        assert_eq!(feminine_surname("Məmmədov"), "Məmmədova");
        assert_eq!(
            georgian_forms("Beridze"),
            ("ბერიძე".to_string(), "Беридзе".to_string())
        );
        assert_eq!(
            az_to_en("Xədicə", &mut rng)
                .to_lowercase()
                .replace('e', "a"),
            "khadija"
        );
        let ru = az_to_ru("Əliyev", &mut rng);
        assert!(ru == "Алиев" || ru == "Элиев", "{ru}");
        assert_eq!(ru_to_en("Щеглова", &mut rng), "Shcheglova");
        assert_ne!(typos("Mammadov", 1, &mut rng), "Mammadov");
        assert_ne!(ocr_confuse("C01234567", &mut rng), "C01234567");
    }
}
