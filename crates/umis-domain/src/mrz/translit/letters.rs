//! The ICAO Latin letters of one upper-case character: ASCII, Latin with diacritics, Russian
//! Cyrillic and the letters of Azerbaijani Cyrillic.

/// The ICAO Latin letters for one upper-case character; empty if it has none.
pub(super) fn letter(c: char, azerbaijani: bool) -> &'static str {
    if c.is_ascii_uppercase() {
        return ASCII_UPPER
            .get(usize::from(c as u8 - b'A'))
            .copied()
            .unwrap_or("");
    }
    let local = azerbaijani.then(|| azerbaijani_cyrillic(c)).flatten();
    local
        .or_else(|| latin(c))
        .or_else(|| cyrillic(c))
        .unwrap_or("")
}

const ASCII_UPPER: [&str; 26] = [
    "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S",
    "T", "U", "V", "W", "X", "Y", "Z",
];

pub(super) fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Ā' | 'Ă' | 'Ą' | 'Ǎ' => "A",
        'Å' | 'Ǻ' => "AA",
        'Æ' | 'Ǽ' => "AE",
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "C",
        'Ď' | 'Đ' | 'Ð' => "D",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' | 'Ǧ' => "G",
        'Ĥ' | 'Ħ' => "H",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' | 'Ǐ' => "I",
        'Ĳ' => "IJ",
        'Ĵ' => "J",
        'Ķ' => "K",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => "L",
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' | 'Ŋ' => "N",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ō' | 'Ŏ' | 'Ő' | 'Ǒ' | 'Ơ' => "O",
        'Ø' | 'Ǿ' | 'Œ' => "OE",
        'Ŕ' | 'Ŗ' | 'Ř' => "R",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' => "S",
        'ẞ' => "SS",
        'Ţ' | 'Ť' | 'Ŧ' | 'Ț' => "T",
        'Þ' => "TH",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' | 'Ư' | 'Ǔ' => "U",
        'Ŵ' => "W",
        'Ý' | 'Ÿ' | 'Ŷ' => "Y",
        'Ź' | 'Ż' | 'Ž' => "Z",
        _ => return None,
    })
}

/// Doc 9303 Part 3 §6 Cyrillic (Russian, with the Ukrainian, Belarusian, Serbian and
/// Macedonian letters).
pub(super) fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'А' => "A",
        'Б' => "B",
        'В' => "V",
        'Г' | 'Ѓ' | 'Ґ' => "G",
        'Д' | 'Ђ' => "D",
        'Е' | 'Ё' | 'Э' => "E",
        'Ж' => "ZH",
        'З' => "Z",
        'И' | 'Й' | 'І' | 'Ї' => "I",
        'К' | 'Ќ' => "K",
        'Л' => "L",
        'М' => "M",
        'Н' => "N",
        'О' => "O",
        'П' => "P",
        'Р' => "R",
        'С' => "S",
        'Т' => "T",
        'У' | 'Ў' => "U",
        'Ф' => "F",
        'Х' => "KH",
        'Ц' => "TS",
        'Ч' => "CH",
        'Ш' => "SH",
        'Щ' => "SHCH",
        'Ъ' | 'Є' => "IE",
        'Ы' => "Y",
        'Ь' => "",
        'Ю' => "IU",
        'Я' => "IA",
        'Ѕ' | 'Џ' => "DZ",
        'Ј' => "J",
        'Љ' => "LJ",
        'Њ' => "NJ",
        'Ћ' => "C",
        _ => return None,
    })
}

/// Legacy Azerbaijani Cyrillic through the Azerbaijani Latin alphabet, diacritics folded.
pub(super) fn azerbaijani_cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'Г' => "Q",
        'Ғ' | 'Ҝ' => "G",
        'Ж' => "J",
        'Ы' => "I",
        'Ј' | 'Й' => "Y",
        'Ө' => "O",
        'Ү' => "U",
        'Х' => "X",
        'Һ' => "H",
        'Ч' | 'Ҹ' => "C",
        'Ш' => "S",
        'Ъ' => "",
        'Ю' => "YU",
        'Я' => "YA",
        _ => return None,
    })
}
