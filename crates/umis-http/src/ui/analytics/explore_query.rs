//! The analyst workspace's filters as given in the address, and the statistic query they make.

use super::*;

#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct ExploreQuery {
    #[serde(default)]
    pub(super) dataset: Option<String>,
    #[serde(default)]
    pub(super) from: Option<String>,
    #[serde(default)]
    pub(super) to: Option<String>,
    #[serde(default)]
    pub(super) as_of: Option<String>,
    #[serde(default)]
    pub(super) interval: Option<String>,
    #[serde(default)]
    pub(super) by: Option<String>,
    #[serde(default)]
    pub(super) nationality: Option<String>,
    #[serde(default)]
    pub(super) bcp: Option<String>,
    #[serde(default)]
    pub(super) travel_mode: Option<String>,
}

impl ExploreQuery {
    pub(super) fn to_stats(&self) -> StatsQuery {
        let o = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        StatsQuery {
            from: o(&self.from),
            to: o(&self.to),
            as_of: o(&self.as_of),
            interval: o(&self.interval),
            by: o(&self.by),
            nationality: o(&self.nationality),
            bcp: o(&self.bcp),
            travel_mode: o(&self.travel_mode),
            format: None,
        }
    }

    pub(super) fn get(&self, f: &str) -> String {
        match f {
            "from" => &self.from,
            "to" => &self.to,
            "as_of" => &self.as_of,
            "interval" => &self.interval,
            "by" => &self.by,
            "nationality" => &self.nationality,
            "bcp" => &self.bcp,
            "travel_mode" => &self.travel_mode,
            _ => &None,
        }
        .clone()
        .unwrap_or_default()
    }
}
