//! Compact forms of record fields for the index: packed nationality codes and partial dates,
//! cleaned document numbers.

use super::PartialDate;

/// A nationality code as three uppercase ASCII letters, packed into 15 bits.
pub(crate) fn pack_country(code: &str) -> Option<u16> {
    let code = code.trim();
    let bytes = code.as_bytes();
    if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    Some(bytes.iter().fold(0u16, |acc, b| {
        acc * 32 + u16::from(b.to_ascii_uppercase() - b'A')
    }))
}

/// A partial date packed into 32 bits (0 = unknown).
pub(crate) fn pack_date(date: Option<PartialDate>) -> u32 {
    date.map_or(0, |d| {
        let year = u32::try_from(d.year.clamp(1, 9999)).unwrap_or(1);
        (year << 9) | (u32::from(d.month.unwrap_or(0)) << 5) | u32::from(d.day.unwrap_or(0))
    })
}

/// The date packed by [`pack_date`].
pub(crate) fn unpack_date(packed: u32) -> Option<PartialDate> {
    (packed != 0).then(|| PartialDate {
        year: i32::try_from(packed >> 9).unwrap_or(0),
        month: u8::try_from((packed >> 5) & 15).ok().filter(|m| *m != 0),
        day: u8::try_from(packed & 31).ok().filter(|d| *d != 0),
    })
}

/// A document number uppercased, with only letters and digits kept.
pub(crate) fn clean_document(number: &str) -> String {
    number
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_pack_and_parse() {
        for s in ["1980", "1980-05", "1980-05-31", "2024-02-29"] {
            let d: PartialDate = s.parse().unwrap();
            assert_eq!(unpack_date(pack_date(Some(d))), Some(d), "{s}");
        }
        for s in ["1980-13", "80", "1980-02-30", "", "1980-5"] {
            assert!(s.parse::<PartialDate>().is_err(), "{s}");
        }
        assert_eq!(unpack_date(pack_date(None)), None);
    }

    #[test]
    fn countries_pack() {
        assert_eq!(pack_country("aze"), pack_country("AZE"));
        assert_ne!(pack_country("AZE"), pack_country("RUS"));
        assert_eq!(pack_country("AZ"), None);
        assert_eq!(pack_country("A1E"), None);
    }
}
