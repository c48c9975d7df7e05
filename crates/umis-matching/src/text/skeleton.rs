//! The vowel-free skeleton of a phonetic key, for names written without short vowels.

/// The consonant skeleton of a key: vowels removed and neighbouring equals merged
/// (`mamaduv` → `mdv`), for names written without short vowels.
pub fn skeleton(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars().filter(|c| !matches!(c, 'a' | 'i' | 'u')) {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// The skeleton without `v`: Persian و is read as a vowel (Mousavi) as often as a v (Davood).
pub fn skeleton_without_v(key: &str) -> String {
    skeleton(&key.replace('v', ""))
}
