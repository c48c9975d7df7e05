//! The ICAO Doc 9303 three-letter codes accepted for issuing states and nationalities.

/// ISO 3166-1 alpha-3 codes (all 249 officially assigned), sorted for binary search.
const ISO_3166: [&str; 249] = [
    "ABW", "AFG", "AGO", "AIA", "ALA", "ALB", "AND", "ARE", "ARG", "ARM", "ASM", "ATA", "ATF",
    "ATG", "AUS", "AUT", "AZE", "BDI", "BEL", "BEN", "BES", "BFA", "BGD", "BGR", "BHR", "BHS",
    "BIH", "BLM", "BLR", "BLZ", "BMU", "BOL", "BRA", "BRB", "BRN", "BTN", "BVT", "BWA", "CAF",
    "CAN", "CCK", "CHE", "CHL", "CHN", "CIV", "CMR", "COD", "COG", "COK", "COL", "COM", "CPV",
    "CRI", "CUB", "CUW", "CXR", "CYM", "CYP", "CZE", "DEU", "DJI", "DMA", "DNK", "DOM", "DZA",
    "ECU", "EGY", "ERI", "ESH", "ESP", "EST", "ETH", "FIN", "FJI", "FLK", "FRA", "FRO", "FSM",
    "GAB", "GBR", "GEO", "GGY", "GHA", "GIB", "GIN", "GLP", "GMB", "GNB", "GNQ", "GRC", "GRD",
    "GRL", "GTM", "GUF", "GUM", "GUY", "HKG", "HMD", "HND", "HRV", "HTI", "HUN", "IDN", "IMN",
    "IND", "IOT", "IRL", "IRN", "IRQ", "ISL", "ISR", "ITA", "JAM", "JEY", "JOR", "JPN", "KAZ",
    "KEN", "KGZ", "KHM", "KIR", "KNA", "KOR", "KWT", "LAO", "LBN", "LBR", "LBY", "LCA", "LIE",
    "LKA", "LSO", "LTU", "LUX", "LVA", "MAC", "MAF", "MAR", "MCO", "MDA", "MDG", "MDV", "MEX",
    "MHL", "MKD", "MLI", "MLT", "MMR", "MNE", "MNG", "MNP", "MOZ", "MRT", "MSR", "MTQ", "MUS",
    "MWI", "MYS", "MYT", "NAM", "NCL", "NER", "NFK", "NGA", "NIC", "NIU", "NLD", "NOR", "NPL",
    "NRU", "NZL", "OMN", "PAK", "PAN", "PCN", "PER", "PHL", "PLW", "PNG", "POL", "PRI", "PRK",
    "PRT", "PRY", "PSE", "PYF", "QAT", "REU", "ROU", "RUS", "RWA", "SAU", "SDN", "SEN", "SGP",
    "SGS", "SHN", "SJM", "SLB", "SLE", "SLV", "SMR", "SOM", "SPM", "SRB", "SSD", "STP", "SUR",
    "SVK", "SVN", "SWE", "SWZ", "SXM", "SYC", "SYR", "TCA", "TCD", "TGO", "THA", "TJK", "TKL",
    "TKM", "TLS", "TON", "TTO", "TUN", "TUR", "TUV", "TWN", "TZA", "UGA", "UKR", "UMI", "URY",
    "USA", "UZB", "VAT", "VCT", "VEN", "VGB", "VIR", "VNM", "VUT", "WLF", "WSM", "YEM", "ZAF",
    "ZMB", "ZWE",
];

/// Codes that Doc 9303 Part 3 adds to ISO 3166 (and a few in wide use), sorted, filler-padded.
const ICAO_SPECIAL: [&str; 29] = [
    "ANT", // Netherlands Antilles (withdrawn from ISO, still on documents in circulation)
    "D<<", // Germany
    "EUE", // European Union
    "GBD", // British Overseas Territories Citizen
    "GBN", // British National (Overseas)
    "GBO", // British Overseas Citizen
    "GBP", // British Protected Person
    "GBS", // British Subject
    "NTZ", // Neutral Zone
    "RKS", // Kosovo (used by its passports)
    "UNA", // specialized agency of the United Nations
    "UNK", // resident of Kosovo, UNMIK travel document
    "UNO", // United Nations Organization
    "UTO", // Utopia, the specimen state of Doc 9303 examples
    "XBA", // African Development Bank
    "XCC", // Caribbean Community
    "XCE", // Council of Europe
    "XCO", // Common Market for Eastern and Southern Africa
    "XDC", // Southern African Development Community
    "XEC", // Economic Community of West African States
    "XES", // Organisation of Eastern Caribbean States
    "XIM", // African Export-Import Bank
    "XMP", // Parliamentary Assembly of the Mediterranean
    "XOM", // Sovereign Military Order of Malta
    "XPO", // Interpol
    "XXA", // stateless person (1954 Convention)
    "XXB", // refugee (1951 Convention)
    "XXC", // refugee other than under the 1951 Convention
    "XXX", // person of unspecified nationality
];

/// Every known code without its filler (`"D"`, `"AZE"`), sorted.
pub fn country_codes() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = ISO_3166
        .iter()
        .chain(ICAO_SPECIAL.iter())
        .map(|c| c.trim_end_matches('<'))
        .collect();
    codes.sort_unstable();
    codes
}

/// Whether `code` is a known ICAO issuing-state or nationality code.
///
/// Accepts the three MRZ characters (`"D<<"`, `"AZE"`) or the code without its filler (`"D"`).
pub fn is_known_country(code: &str) -> bool {
    let mut padded = [b'<'; 3];
    let bytes = code.as_bytes();
    if bytes.is_empty() || bytes.len() > 3 {
        return false;
    }
    padded[..bytes.len()].copy_from_slice(bytes);
    let Ok(padded) = std::str::from_utf8(&padded) else {
        return false;
    };
    ISO_3166.binary_search(&padded).is_ok() || ICAO_SPECIAL.binary_search(&padded).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_unique() {
        assert!(ISO_3166.windows(2).all(|w| w[0] < w[1]));
        assert!(ICAO_SPECIAL.windows(2).all(|w| w[0] < w[1]));
        assert!(
            ICAO_SPECIAL
                .iter()
                .all(|c| ISO_3166.binary_search(c).is_err())
        );
    }

    #[test]
    fn known_and_unknown_codes() {
        for code in [
            "AZE", "RUS", "D<<", "D", "XXA", "XXB", "XXC", "XXX", "UTO", "EUE", "GBN",
        ] {
            assert!(is_known_country(code), "{code}");
        }
        for code in ["", "ZZZ", "AZ", "<<<", "<D<", "AZER", "aze", "XKX", "ə"] {
            assert!(!is_known_country(code), "{code}");
        }
    }

    #[test]
    fn listed_codes_are_the_known_ones_without_filler() {
        let codes = country_codes();
        assert_eq!(codes.len(), ISO_3166.len() + ICAO_SPECIAL.len());
        assert!(
            codes
                .iter()
                .all(|c| is_known_country(c) && !c.contains('<'))
        );
        assert!(codes.contains(&"D") && codes.contains(&"AZE"));
    }
}
