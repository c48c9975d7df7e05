//! Jaro–Winkler similarity on short ASCII strings without allocating (the scorer calls it for
//! every pair of query and candidate tokens it has not seen yet in a query).

/// Tokens longer than this are compared on their first `MAX` bytes.
const MAX: usize = 64;

/// Jaro similarity in `0.0..=1.0`.
pub fn jaro(a: &[u8], b: &[u8]) -> f32 {
    let a = &a[..a.len().min(MAX)];
    let b = &b[..b.len().min(MAX)];
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut b_used: u64 = 0;
    let mut a_used: u64 = 0;
    let mut matches = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for (j, &cb) in b.iter().enumerate().take(hi).skip(lo) {
            if b_used & (1 << j) == 0 && ca == cb {
                b_used |= 1 << j;
                a_used |= 1 << i;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0usize;
    let mut j = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        if a_used & (1 << i) == 0 {
            continue;
        }
        while b_used & (1 << j) == 0 {
            j += 1;
        }
        if ca != b[j] {
            transpositions += 1;
        }
        j += 1;
    }
    let m = matches as f32;
    let t = (transpositions / 2) as f32;
    (m / a.len() as f32 + m / b.len() as f32 + (m - t) / m) / 3.0
}

/// Jaro–Winkler similarity (prefix scale 0.1, up to 4 characters, boost above 0.7) in
/// `0.0..=1.0`.
pub fn jaro_winkler(a: &[u8], b: &[u8]) -> f32 {
    let sim = jaro(a, b);
    if sim <= 0.7 {
        return sim;
    }
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count() as f32;
    (sim + prefix * 0.1 * (1.0 - sim)).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_strsim() {
        let words = [
            "mammadov",
            "mamedov",
            "mahmudov",
            "elchin",
            "elcin",
            "martha",
            "marhta",
            "dwayne",
            "duane",
            "a",
            "",
            "abcdefghijklmnop",
            "huseynov",
            "hasanov",
            "xx",
            "x",
        ];
        for a in words {
            for b in words {
                let ours = jaro_winkler(a.as_bytes(), b.as_bytes());
                let theirs = strsim::jaro_winkler(a, b) as f32;
                assert!((ours - theirs).abs() < 1e-4, "{a} {b}: {ours} vs {theirs}");
            }
        }
    }

    #[test]
    fn long_inputs_do_not_overflow() {
        let long = "ab".repeat(100);
        assert!(jaro_winkler(long.as_bytes(), long.as_bytes()) > 0.99);
    }
}
