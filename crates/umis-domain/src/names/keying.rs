//! Deriving the search keys of a name: each field transliterated and split into tokens, gendered
//! endings neutralised, patronymics reduced to the father's name, particles set aside, then keyed.

use super::NameKeys;
use super::morph::{is_marker, is_particle, neutralise, patronymic_root, strong_patronymic_root};
use super::phonetic::{self, Coder};
use super::{push_trigrams, transliterate_into};

/// At most this many tokens of one field are keyed; the rest of a runaway field is ignored.
const MAX_TOKENS: usize = 12;
/// Tokens are cut to this many letters before keying.
const MAX_TOKEN_LEN: usize = 48;

/// Derives the search keys of a name from its parts (see [`NameKeys`]).
pub fn name_keys(surname: &str, given_names: Option<&str>, patronymic: Option<&str>) -> NameKeys {
    let mut keys = NameKeys::default();
    let mut buf = String::with_capacity(64);
    field(surname, Field::Surname, &mut buf, &mut keys);
    field(given_names.unwrap_or(""), Field::Given, &mut buf, &mut keys);
    field(
        patronymic.unwrap_or(""),
        Field::Patronymic,
        &mut buf,
        &mut keys,
    );
    let mut seen = 0;
    while seen < keys.patronymic.len() {
        if keys.patronymic[..seen].contains(&keys.patronymic[seen]) {
            keys.patronymic.remove(seen);
        } else {
            seen += 1;
        }
    }
    keys.patronymic_keys = keys.patronymic.iter().map(|t| phonetic::key(t)).collect();
    for token in keys.surname.iter().chain(&keys.given) {
        push_trigrams(token, &mut keys.trigrams);
    }
    keys.trigrams.sort_unstable();
    keys.trigrams.dedup();
    keys
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Surname,
    Given,
    Patronymic,
}

/// Transliterates one field into `buf` and sorts its tokens into `keys`.
fn field(raw: &str, which: Field, buf: &mut String, keys: &mut NameKeys) {
    buf.clear();
    transliterate_into(raw, buf);
    let mut tokens = [""; MAX_TOKENS];
    let mut n = 0;
    for token in buf.split(' ').filter(|t| !t.is_empty()).take(MAX_TOKENS) {
        tokens[n] = token.get(..MAX_TOKEN_LEN).unwrap_or(token);
        n += 1;
    }
    let tokens = &tokens[..n];
    let mut names: Vec<String> = Vec::with_capacity(n);
    for (i, &token) in tokens.iter().enumerate() {
        let last = i + 1 == n;
        let before_marker = tokens.get(i + 1).is_some_and(|t| is_marker(t)) && !is_marker(token);
        if is_marker(token) {
            if i == 0 || is_marker(tokens[i - 1]) {
                keys.particles.push(token.to_owned());
            }
        } else if is_particle(token) && !last {
            keys.particles.push(token.to_owned());
        } else if which == Field::Patronymic {
            keys.patronymic
                .push(patronymic_root(token).unwrap_or(token).to_owned());
        } else if before_marker {
            keys.patronymic.push(token.to_owned());
        } else if let Some(root) = (which == Field::Given && i > 0)
            .then(|| strong_patronymic_root(token))
            .flatten()
        {
            keys.patronymic.push(root.to_owned());
        } else {
            names.push(neutralise(token));
        }
    }
    let (tokens_out, keys_out) = match which {
        Field::Surname => (&mut keys.surname, &mut keys.surname_keys),
        Field::Given => (&mut keys.given, &mut keys.given_keys),
        Field::Patronymic => return,
    };
    keys_out.extend(names.iter().map(|t| phonetic::key(t)));
    if names.len() > 1 {
        let mut coder = Coder::default();
        names
            .iter()
            .flat_map(|t| t.bytes())
            .for_each(|b| coder.letter(b));
        keys.joined_keys.push(coder.finish());
    }
    tokens_out.extend(names);
}
