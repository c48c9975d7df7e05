//! Property tests for the name normaliser: no input panics, and the output invariants that the
//! index relies on hold for arbitrary Unicode and for name-like text in every supported script.
//!
//! Properties: `transliterate` yields `[a-z]` words joined by single spaces and is a fixed point;
//! `phonetic_key` yields a bounded key over its alphabet with no equal or vowel neighbours, is
//! idempotent, ignores transliteration and letter case; `name_keys` keeps tokens and keys in step
//! and trigrams sorted and distinct; `normalize_display` collapses whitespace and is idempotent.

use proptest::prelude::*;
use umis_domain::names::{
    NameParts, name_keys, normalize_display, phonetic_key, transliterate, trigrams,
};

/// Letters of every script the tables cover, upper and lower case, plus separators and marks.
const NAME_CHARS: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\
    əƏıIİiğĞşŞçÇöÖüÜ\
    абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ\
    әӘғҒҝҜһҺҹҸјЈөӨүҮіїєґқң\
    éèñøåæœßšžčćłőű āǎàēěīǐōǒūǔǖǚ ạấềộữỳḥṣ\
    αβγδεζηθικλμνξοπρσςτυφχψωΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩάέήίόύώΐ\
    აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰᲐᲑᲒ\
    աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆևԱԲԳ\
    ابپتثجچحخدذرزسشصضطظعغفقکگلمنوهیءآ\
    -' <,.’\u{301}\u{a0}";

const KEY_ALPHABET: &str = "aiubdfjklmnprstvxz";

fn name_like() -> impl Strategy<Value = String> {
    let chars: Vec<char> = NAME_CHARS.chars().collect();
    proptest::collection::vec(proptest::sample::select(chars), 0..24)
        .prop_map(|v| v.into_iter().collect())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), name_like()]
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'i' | b'u')
}

proptest! {
    #[test]
    fn transliterate_is_ascii_words_and_a_fixed_point(s in any_text()) {
        let t = transliterate(&s);
        prop_assert!(t.bytes().all(|b| b.is_ascii_lowercase() || b == b' '), "{t:?}");
        prop_assert!(!t.starts_with(' ') && !t.ends_with(' ') && !t.contains("  "), "{t:?}");
        prop_assert_eq!(transliterate(&t), t);
    }

    #[test]
    fn phonetic_key_is_a_bounded_idempotent_code(s in any_text()) {
        let k = phonetic_key(&s);
        prop_assert!(k.len() <= 32);
        prop_assert!(k.bytes().all(|b| KEY_ALPHABET.as_bytes().contains(&b)), "{k:?}");
        let b = k.as_bytes();
        for pair in b.windows(2) {
            prop_assert!(pair[0] != pair[1], "{k:?}");
            prop_assert!(!(is_vowel(pair[0]) && is_vowel(pair[1])), "{k:?}");
        }
        prop_assert!(!k.ends_with('d'), "{k:?}");
        prop_assert_eq!(phonetic_key(&k), k.clone());
        prop_assert_eq!(phonetic_key(&transliterate(&s)), k);
    }

    #[test]
    fn phonetic_key_ignores_letter_case(s in name_like()) {
        prop_assert_eq!(phonetic_key(&s.to_uppercase()), phonetic_key(&s.to_lowercase()));
        prop_assert_eq!(transliterate(&s.to_uppercase()), transliterate(&s.to_lowercase()));
    }

    #[test]
    fn name_keys_keep_tokens_and_keys_in_step(
        surname in any_text(),
        given in proptest::option::of(any_text()),
        patronymic in proptest::option::of(any_text()),
    ) {
        let k = name_keys(&surname, given.as_deref(), patronymic.as_deref());
        prop_assert_eq!(k.surname.len(), k.surname_keys.len());
        prop_assert_eq!(k.given.len(), k.given_keys.len());
        prop_assert_eq!(k.patronymic.len(), k.patronymic_keys.len());
        let fields = [(&k.surname, &k.surname_keys), (&k.given, &k.given_keys),
            (&k.patronymic, &k.patronymic_keys)];
        for (tokens, keys) in fields {
            for (token, key) in tokens.iter().zip(keys) {
                prop_assert!(!token.is_empty() && token.bytes().all(|b| b.is_ascii_lowercase()));
                prop_assert_eq!(&phonetic_key(token), key);
            }
        }
        prop_assert!(k.trigrams.windows(2).all(|w| w[0] < w[1]));
        prop_assert!(k.trigrams.iter().flatten().all(|&b| b.is_ascii_lowercase() || b == b' '));
        prop_assert_eq!(k.trigrams.clone(), trigrams(&k.full()));
        // The same name from its transliteration gives the same keys.
        let again = name_keys(&transliterate(&surname),
            given.as_deref().map(transliterate).as_deref(),
            patronymic.as_deref().map(transliterate).as_deref());
        prop_assert_eq!(again, k);
    }

    #[test]
    fn full_names_never_panic(s in any_text()) {
        let parts = NameParts::from_full_name(&s);
        let _ = parts.keys();
    }

    #[test]
    fn trigrams_are_sorted_and_distinct(s in any_text()) {
        let t = trigrams(&s);
        prop_assert!(t.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn display_collapses_whitespace_and_is_idempotent(s in any_text()) {
        let d = normalize_display(&s);
        prop_assert!(!d.starts_with(char::is_whitespace) && !d.ends_with(char::is_whitespace));
        prop_assert!(!d.contains("  "));
        prop_assert_eq!(normalize_display(&d), d);
    }
}
