//! Migration control in the back office: the overstay list with filters (each row opens the
//! person), its CSV download, and the stay panel of the person page.

mod alerts;
mod overdue;
mod overstays;
mod overstays_csv;

pub(crate) use alerts::alerts;
pub(crate) use overdue::overdue_registrations;
pub(crate) use overstays::overstays;
pub(crate) use overstays_csv::overstays_csv;

use crate::AppState;
use serde::Deserialize;
use umis_service::OverstayFilter;

const PAGE_SIZE: i64 = 50;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct OverstaysQuery {
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    nationality: Option<String>,
    #[serde(default)]
    min_days: Option<String>,
    #[serde(default)]
    after: Option<String>,
}

struct Parsed {
    as_of: String,
    filter: OverstayFilter,
    nationality: String,
    min_days: String,
}

fn parse(state: &AppState, q: &OverstaysQuery) -> Result<Parsed, &'static str> {
    let as_of = q
        .as_of
        .clone()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| state.services.local_today().to_string());
    let nationality = q
        .nationality
        .clone()
        .unwrap_or_default()
        .trim()
        .to_ascii_uppercase();
    let min_days = q.min_days.clone().unwrap_or_default().trim().to_owned();
    let days = if min_days.is_empty() {
        None
    } else {
        Some(
            min_days
                .parse::<i64>()
                .ok()
                .filter(|d| (0..=36_500).contains(d))
                .ok_or("error-min-days")?,
        )
    };
    Ok(Parsed {
        as_of,
        filter: OverstayFilter {
            nationality: Some(nationality.clone()).filter(|n| !n.is_empty()),
            min_days: days,
        },
        nationality,
        min_days,
    })
}

fn query_string(p: &Parsed) -> String {
    serde_urlencoded::to_string([
        ("as_of", p.as_of.as_str()),
        ("nationality", p.nationality.as_str()),
        ("min_days", p.min_days.as_str()),
    ])
    .unwrap_or_default()
}
