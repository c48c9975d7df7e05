//! Statistic queries on screen: built from pairs, written back as a query string or a CSV link,
//! and their rejected parameters as message keys.

use super::*;

pub(super) fn query_of(pairs: &[(&str, String)]) -> String {
    let kept: Vec<(&str, &str)> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    serde_urlencoded::to_string(kept).unwrap_or_default()
}

pub(super) fn csv_link(dataset: &str, q: &StatsQuery) -> String {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    format!(
        "/analytics/export/{dataset}?{}",
        query_of(&[
            ("from", o(&q.from)),
            ("to", o(&q.to)),
            ("as_of", o(&q.as_of)),
            ("interval", o(&q.interval)),
            ("by", o(&q.by)),
            ("nationality", o(&q.nationality)),
            ("bcp", o(&q.bcp)),
            ("travel_mode", o(&q.travel_mode)),
        ])
    )
}

pub(super) fn sq(pairs: &[(&str, &str)]) -> StatsQuery {
    let mut q = StatsQuery::default();
    for (k, v) in pairs {
        let v = Some((*v).to_owned());
        match *k {
            "from" => q.from = v,
            "to" => q.to = v,
            "as_of" => q.as_of = v,
            "interval" => q.interval = v,
            "by" => q.by = v,
            _ => {}
        }
    }
    q
}

/// The message key explaining a rejected statistic parameter.
pub(super) fn stats_error_key(code: &str) -> String {
    match code {
        "invalid_date" => "stats-error-date",
        "invalid_period" => "stats-error-period",
        "period_too_long" => "stats-error-too-long",
        "unknown_value" => "stats-error-value",
        "unknown_country" => "stats-error-country",
        "invalid_bcp" => "stats-error-bcp",
        _ => "error-bad-request",
    }
    .to_owned()
}
