//! Personal names across scripts: transliteration, phonetic keys and the search keys a fuzzy
//! matcher indexes (domain.md §7).
//!
//! Three layers, each a pure function:
//!
//! 1. [`transliterate`] — any supported script to one lowercase ASCII romanisation: Latin with
//!    diacritics folded (Azerbaijani/Turkish ş ç ğ → sh ch gh, ə → a, ı İ I i → i, é ñ ø å ü → e
//!    n o a u, pinyin tone marks dropped, Vietnamese and ḥ/ṣ-style dots dropped); Cyrillic by
//!    ICAO Doc 9303 (й → i, х → kh, ц → ts, щ → shch, ы → y, ъ → ie, ь silent, ю → iu, я → ia),
//!    legacy Azerbaijani Cyrillic to its modern Latin value (ә → a, ғ → gh, ҝ → g, һ → h, ҹ → c,
//!    ј → y, ө → o, ү → u), plus Ukrainian, Kazakh, Uzbek and Tajik letters; Greek (ELOT 743
//!    style); Georgian (all four alphabets, national romanisation without ejective marks);
//!    Armenian; Persian/Arabic letters (consonantal: unwritten short vowels stay missing).
//!    Han characters and other scripts are dropped: Chinese names are expected in pinyin.
//! 2. [`phonetic_key`] — merges what differs between romanisations of one name. Vowels fall into
//!    three classes (a e ə → a; i ı y → i; o u ö ü → u) and a run of vowels codes as one, reading
//!    past a y/i glide (ya = ia = a, yu = iu = u; Aliyev = Aliev); consonants merge where
//!    Azerbaijani, Russian and English spellings of one sound disagree: g h q x kh gh ğ → x
//!    (Гусейнов = Hüseynov, Халилов = Xəlilov), c j ç ch zh dzh dj → j (Cəfərov = Джафаров,
//!    Elcin = Elçin), s ş sh sch shch → s, ph → f, th → t, ts → s; doubles collapse (Məmmədov =
//!    Mamedov) and a final d is t (Ahmad = Ahmet). Consonant skeletons and vowel classes stay, so
//!    Mammadov ≠ Mahmudov ≠ Muradov and Hasanov ≠ Huseynov; k stays apart from q/g.
//! 3. [`name_keys`] — per field: tokens (spaces and hyphens split double names), gendered endings
//!    neutralised, patronymics reduced to the father's name, particles set aside, then phonetic
//!    keys and trigrams.
//!
//! Known limits, chosen for Azerbaijani data: k stays apart from q/g, so Russian К for
//! Azerbaijani Q (Кулиев, Касумов) does not meet Quliyev/Qasımov on the key; ç is always ch
//! (French François is not Fransua); j is always the English/Azerbaijani affricate (Slavic Latin
//! Julija is not Yuliya); Persian script lacks short vowels, so it rarely meets a Latin key; Han
//! characters are dropped. Trigrams and the matcher's string scoring cover these cases.

mod display;
mod keying;
mod keys;
mod morph;
mod parts;
mod phonetic;
mod scripts;
mod translit;

pub use display::normalize_display;
pub use keying::name_keys;
pub use keys::NameKeys;
pub use parts::NameParts;

/// Transliterates `s` from any supported script to lowercase ASCII letters, words separated by
/// single spaces, with no leading or trailing space.
///
/// Spaces, hyphens, punctuation, digits and the MRZ filler `<` separate words; apostrophes,
/// combining marks and the soft sign are dropped; letters of unsupported scripts are dropped.
/// The result is a fixed point: `transliterate(&transliterate(s)) == transliterate(s)`.
pub fn transliterate(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    transliterate_into(s, &mut out);
    out
}

/// Appends the transliteration of `s` (see [`transliterate`]) to `out`, so an index build can
/// reuse one buffer.
pub fn transliterate_into(s: &str, out: &mut String) {
    let mut pending_space = false;
    let start = out.len();
    translit::walk(s, |b| {
        if b == b' ' {
            pending_space = out.len() > start;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(char::from(b));
        }
    });
}

/// The phonetic key of one name token: lowercase ASCII over the alphabet `a i u b d f j k l m n p
/// r s t v x z`, at most 32 letters; word breaks inside `token` are ignored.
///
/// Spelling variants of one name share a key (see the module notes), and a key is its own key:
/// `phonetic_key(&phonetic_key(s)) == phonetic_key(s)`; also
/// `phonetic_key(&transliterate(s)) == phonetic_key(s)`. Gendered endings are not touched here
/// (`aliyeva` ≠ `aliyev`); [`name_keys`] neutralises them first.
pub fn phonetic_key(token: &str) -> String {
    phonetic::key(token)
}

/// The character trigrams of `s`: each transliterated word is padded with one space on both
/// sides and every 3-byte window taken (`ali` → ` al`, `ali`, `li `), then sorted and
/// deduplicated. Bytes are `a..=z` or space, so a trigram packs into 15 bits if wanted.
///
/// Applied to a phonetic key (`trigrams(&phonetic_key(s))`) it gives typo tolerance across
/// scripts as well.
pub fn trigrams(s: &str) -> Vec<[u8; 3]> {
    let mut buf = String::with_capacity(s.len());
    transliterate_into(s, &mut buf);
    let mut out = Vec::with_capacity(buf.len() + 2);
    for token in buf.split(' ') {
        push_trigrams(token, &mut out);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Appends the padded trigrams of one ASCII token to `out`.
fn push_trigrams(token: &str, out: &mut Vec<[u8; 3]>) {
    let bytes = token.as_bytes();
    let n = bytes.len();
    let at = |i: usize| {
        if i == 0 {
            b' '
        } else {
            bytes.get(i - 1).copied().unwrap_or(b' ')
        }
    };
    out.extend((0..n).map(|i| [at(i), at(i + 1), at(i + 2)]));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterate_collapses_breaks() {
        assert_eq!(transliterate("  MAMMADOV<<ELCHIN<<<< "), "mammadov elchin");
        assert_eq!(transliterate("--"), "");
    }

    #[test]
    fn transliterate_into_appends() {
        let mut buf = String::from("x");
        transliterate_into(" Əli ", &mut buf);
        assert_eq!(buf, "xali");
    }

    #[test]
    fn trigrams_pad_words() {
        let got = trigrams("Əli");
        assert_eq!(got, vec![*b" al", *b"ali", *b"li "]);
        assert_eq!(trigrams("a"), vec![*b" a "]);
        assert!(trigrams("").is_empty());
    }
}
