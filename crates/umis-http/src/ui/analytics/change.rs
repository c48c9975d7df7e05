//! How a figure moved against the previous period, and whether that move is good news.

use super::*;

/// How a figure moved against the previous period, coloured by what the move means.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    /// `+12,5 %` in the reader's locale, or a signed difference for a balance.
    pub(crate) text: String,
    /// `up`, `down` or `same`.
    pub(crate) direction: &'static str,
    /// `good`, `bad` or `neutral`: the meaning of the move for this measure.
    pub(crate) tone: &'static str,
}

/// Whether a rise of the measure `id` is good (`Some(true)`), bad (`Some(false)`) or neither.
fn rise_is_good(id: &str) -> Option<bool> {
    match id {
        "overstays" => Some(false),
        "decided" | "valid-permits" => Some(true),
        _ => None,
    }
}

/// The change of measure `id` from `prev` to `cur`: a percentage, except for a balance (net
/// migration), whose percentage means nothing when it changes sign: there the difference.
pub(super) fn change(tr: &Tr, id: &str, cur: Option<i64>, prev: Option<i64>) -> Option<Change> {
    let (c, p) = (cur?, prev?);
    let direction = match c.cmp(&p) {
        std::cmp::Ordering::Greater => "up",
        std::cmp::Ordering::Less => "down",
        std::cmp::Ordering::Equal => "same",
    };
    let text = if id == "net" {
        tr.signed(c - p)
    } else {
        if p == 0 {
            return None;
        }
        format!(
            "{}\u{a0}%",
            tr.decimal((c - p) as f64 * 100.0 / p as f64, 1, true)
        )
    };
    let tone = match (rise_is_good(id), direction) {
        (_, "same") | (None, _) => "neutral",
        (Some(good), "up") if good => "good",
        (Some(good), "down") if !good => "good",
        _ => "bad",
    };
    Some(Change {
        text,
        direction,
        tone,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use umis_domain::Lang;

    #[test]
    fn a_change_is_coloured_by_what_it_means() {
        let tr = Tr::new(Lang::En, 0);
        let over = change(&tr, "overstays", Some(121), Some(100)).expect("change");
        assert_eq!(
            (over.text.as_str(), over.direction, over.tone),
            ("+21.0\u{a0}%", "up", "bad")
        );
        let fewer = change(&tr, "overstays", Some(80), Some(100)).expect("change");
        assert_eq!((fewer.direction, fewer.tone), ("down", "good"));
        let decided = change(&tr, "decided", Some(80), Some(100)).expect("change");
        assert_eq!(decided.tone, "bad");
        let entries = change(&tr, "entries", Some(150), Some(100)).expect("change");
        assert_eq!(entries.tone, "neutral");
        // A balance that changes sign: the difference, never a percentage of it.
        let net = change(&tr, "net", Some(-45), Some(40)).expect("change");
        assert_eq!((net.text.as_str(), net.direction), ("\u{2212}85", "down"));
        assert!(change(&tr, "entries", Some(5), Some(0)).is_none());
        let az = change(&Tr::new(Lang::Az, 0), "entries", Some(125), Some(100)).expect("c");
        assert_eq!(az.text, "+25,0\u{a0}%");
    }
}
