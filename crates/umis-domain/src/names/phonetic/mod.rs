//! The phonetic key of one name token: a short code that merges spelling variants across
//! romanisations (mammadov, mamedov, memmedov, Мамедов → `mamaduv`).
//!
//! The key alphabet is `a i u b d f j k l m n p r s t v x z`, and every letter of it codes to
//! itself, so a key is a fixed point: `phonetic_key(key) == key`. The coder is a stack machine
//! over the transliterated letters; it keeps three invariants on what it has emitted: no two equal
//! neighbours, no two vowels side by side, and no neighbouring pair that a digraph rule would merge.
//! Those invariants are exactly what makes the key idempotent.

mod classes;

use super::translit::walk;
use classes::{class, is_vowel, merge};

/// Keys longer than this many codes are cut: real name tokens are far shorter, and a bound keeps
/// index entries small whatever the input.
const MAX_KEY_LEN: usize = 32;

/// Builds a key from transliterated letters; separators are ignored, so the key of "Ali-Rza"
/// is the key of "alirza".
#[derive(Debug, Default)]
pub(super) struct Coder {
    out: Vec<u8>,
    /// The vowel on top of the stack opened its run with i/y, which may be a glide (ya, yu, ie).
    glide: bool,
    /// That run opened the key (a word-initial glide: Yelena = Elena, Yusif = Iusif).
    run_initial: bool,
}

impl Coder {
    /// Feeds one transliterated letter (`a..=z`); anything else is ignored.
    pub(super) fn letter(&mut self, raw: u8) {
        let Some(code) = class(raw) else { return };
        if is_vowel(code) {
            self.vowel(raw, code);
        } else {
            self.consonant(raw, code);
        }
    }

    fn vowel(&mut self, raw: u8, code: u8) {
        match self.out.last() {
            Some(&top) if is_vowel(top) => {
                // A run of vowels codes as one vowel: its first, unless it opened with a glide
                // (i/y) followed by another vowel — then that vowel, except that a non-initial
                // i+e keeps the i (Aliyev = Aliev, but Yelena = Elena).
                if self.glide && code != b'i' {
                    self.glide = false;
                    let keep_i = raw == b'e' && !self.run_initial;
                    if !keep_i && let Some(last) = self.out.last_mut() {
                        *last = code;
                    }
                }
            }
            _ => {
                self.run_initial = self.out.is_empty();
                self.glide = code == b'i';
                self.out.push(code);
            }
        }
    }

    fn consonant(&mut self, raw: u8, mut code: u8) {
        let mut raw = raw;
        loop {
            match self.out.last() {
                Some(&top) if !is_vowel(top) => {
                    if let Some(merged) = merge(top, raw).or_else(|| merge(top, code)) {
                        self.out.pop();
                        code = merged;
                        raw = merged;
                        continue;
                    }
                    if top == code {
                        return;
                    }
                }
                _ => {}
            }
            self.out.push(code);
            return;
        }
    }

    /// Ends the key: the length bound, then final devoicing of d (Ahmad = Ahmet). In this order
    /// a cut key still never ends in d, so it stays a fixed point.
    pub(super) fn finish(mut self) -> String {
        self.out.truncate(MAX_KEY_LEN);
        if self.out.last() == Some(&b'd') {
            self.out.pop();
            self.consonant(b't', b't');
        }
        self.out.into_iter().map(char::from).collect()
    }
}

/// The phonetic key of `token` in any supported script (see [`super::phonetic_key`]).
pub(super) fn key(token: &str) -> String {
    let mut coder = Coder::default();
    walk(token, |b| coder.letter(b));
    coder.finish()
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn keys_table() {
        let cases = [
            ("mammadov", "mamaduv"),
            ("elchin", "aljin"),
            ("aliyev", "aliv"),
            ("huseynov", "xusanuv"),
            ("khalilov", "xaliluv"),
            ("jafarov", "jafaruv"),
            ("ismayilov", "ismaluv"),
            ("orkhan", "urxan"),
            ("yusif", "usif"),
            ("shcheglova", "saxluva"),
            ("ahmed", "axmat"),
            ("gulnara", "xulnara"),
            ("asgar", "asxar"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(key(input), want, "{input}");
        }
    }

    #[test]
    fn digraphs_do_not_fire_across_classes() {
        // s + g is not sh: Əsgər keeps its g.
        assert_ne!(key("asgar"), key("ashar"));
        // d + ch merges to one affricate, and the key stays a fixed point.
        assert_eq!(key("dch"), "j");
        assert_eq!(key(&key("tdch")), key("tdch"));
    }

    #[test]
    fn keys_are_bounded() {
        assert_eq!(key(&"ab".repeat(100)).len(), super::MAX_KEY_LEN);
    }
}
