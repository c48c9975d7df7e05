//! Country and nationality names in the reader's language, for the ISO 3166-1 alpha-3 codes
//! and the ICAO 9303 codes that travel documents use (`XXA` stateless, `D` Germany…). The
//! table is `data/countries.tsv`, embedded in the binary.

use std::collections::HashMap;
use std::sync::OnceLock;
use umis_domain::Lang;

const TABLE: &str = include_str!("../data/countries.tsv");

/// `code → [en, ru, az]`.
fn names() -> &'static HashMap<&'static str, [&'static str; 3]> {
    static NAMES: OnceLock<HashMap<&'static str, [&'static str; 3]>> = OnceLock::new();
    NAMES.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some((f.next()?, [f.next()?, f.next()?, f.next()?]))
            })
            .collect()
    })
}

/// The name of the country or nationality `code` in `lang`, if the code is known (codes are
/// matched without regard to case; MRZ filler `<` is ignored).
pub fn name(lang: Lang, code: &str) -> Option<&'static str> {
    let code = code.trim_end_matches('<').to_ascii_uppercase();
    let row = names().get(code.as_str())?;
    Some(match lang {
        Lang::En => row[0],
        Lang::Ru => row[1],
        Lang::Az => row[2],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_three_names_and_codes_resolve_in_each_language() {
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 4, "{line}");
            assert!(fields.iter().all(|f| !f.trim().is_empty()), "{line}");
        }
        assert!(names().len() > 250);
        assert_eq!(name(Lang::Az, "IRN"), Some("İran"));
        assert_eq!(name(Lang::Ru, "tur"), Some("Турция"));
        assert_eq!(name(Lang::En, "D<<"), Some("Germany"));
        assert_eq!(name(Lang::Az, "XXA"), Some("Vətəndaşlığı olmayan şəxs"));
        assert_eq!(name(Lang::En, "QQQ"), None);
    }
}
