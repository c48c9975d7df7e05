//! Statistics for leadership and analysts (domain reference §8): flows, stock, applications,
//! permits and enforcement as tables of counts. Published cells below the configured threshold
//! are suppressed; every export is audited. Nothing here returns a person.

mod casework;
mod forecast;
mod in_flight;
pub(crate) use in_flight::InFlight;

pub use forecast::{
    ANOMALY_RECENT_DAYS, ANOMALY_THRESHOLD, AnomalyAlert, SYSTEM_SERIES, SystemSeriesQuery,
};

use crate::stay::parse_day;
use crate::{Ctx, ServiceError, Services};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use time::{Date, Duration};
use umis_domain::stats::{AGE_BANDS, Interval, age_band, suppress};
use umis_domain::{AuditOutcome, Permission};
use umis_store::{FlowDim, FlowFilter, StockDim};

/// The datasets of `/api/v1/stats/{dataset}`.
pub const DATASETS: [&str; 6] = [
    "flows",
    "stock",
    "applications",
    "permits",
    "enforcement",
    "overstays",
];

/// The parameters of a statistic, as given (validated by the service).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatsQuery {
    /// First day of the period (YYYY-MM-DD).
    pub from: Option<String>,
    /// Last day of the period.
    pub to: Option<String>,
    /// The day of a stock figure.
    pub as_of: Option<String>,
    /// day, week, month, quarter, year or total (flows; total: one period `from/to`).
    pub interval: Option<String>,
    /// The breakdown.
    pub by: Option<String>,
    /// Keep one nationality (flows).
    pub nationality: Option<String>,
    /// Keep one border crossing point (flows).
    pub bcp: Option<String>,
    /// Keep one travel mode (flows).
    pub travel_mode: Option<String>,
    /// json or csv (read by the HTTP layer).
    pub format: Option<String>,
}

/// A published table of counts.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = StatTableOut)]
pub struct StatTable {
    /// The dataset.
    pub dataset: &'static str,
    /// The breakdown.
    pub by: String,
    /// First day of the period.
    pub from: Option<String>,
    /// Last day of the period.
    pub to: Option<String>,
    /// The day of a stock figure.
    pub as_of: Option<String>,
    /// Period length of a flow.
    pub interval: Option<String>,
    /// The measures, in the order of each row's values.
    pub columns: Vec<&'static str>,
    /// The cells.
    pub rows: Vec<StatRow>,
    /// Each column's total before suppression (`null` for averages).
    pub totals: Vec<Option<i64>>,
    /// Cells with fewer than this many (but some) are published as `null`.
    pub suppress_below: i64,
    /// How many cells were suppressed.
    pub suppressed_cells: usize,
}

/// One row of a statistic.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = StatRowOut)]
pub struct StatRow {
    /// The period (flows), else `null`.
    pub period: Option<String>,
    /// The group (`all` without a breakdown).
    pub group: String,
    /// One value per column; `null` when suppressed.
    pub values: Vec<Option<i64>>,
}

impl StatTable {
    /// The table as CSV: `period,group,<columns>`; a suppressed cell reads `<N`.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("period,group");
        for c in &self.columns {
            out.push(',');
            out.push_str(c);
        }
        out.push('\n');
        for r in &self.rows {
            out.push_str(r.period.as_deref().unwrap_or(""));
            out.push(',');
            out.push_str(&csv_field(&r.group));
            for v in &r.values {
                out.push(',');
                match v {
                    Some(n) => out.push_str(&n.to_string()),
                    None => out.push_str(&format!("<{}", self.suppress_below)),
                }
            }
            out.push('\n');
        }
        out
    }

    /// The published value of `column` in the row for `group` (and `period`), for charts.
    pub fn value(&self, period: Option<&str>, group: &str, column: &str) -> Option<i64> {
        let c = self.columns.iter().position(|x| *x == column)?;
        self.rows
            .iter()
            .find(|r| r.group == group && r.period.as_deref() == period)
            .and_then(|r| r.values.get(c).copied().flatten())
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Builds a table from raw rows, suppressing small cells; `means` marks average columns (never
/// totalled, suppressed with the count column named by the index they carry).
pub(crate) struct Builder {
    threshold: i64,
    columns: Vec<&'static str>,
    means: Vec<Option<usize>>,
    derived: Vec<bool>,
    rows: Vec<StatRow>,
    totals: Vec<i64>,
    suppressed: usize,
}

impl Builder {
    pub(crate) fn new(threshold: i64, columns: Vec<&'static str>) -> Self {
        let n = columns.len();
        Builder {
            threshold,
            columns,
            means: vec![None; n],
            derived: vec![false; n],
            rows: Vec::new(),
            totals: vec![0; n],
            suppressed: 0,
        }
    }

    pub(crate) fn mean_of(mut self, column: usize, count_column: usize) -> Self {
        self.means[column] = Some(count_column);
        self
    }

    /// Marks `column` as computed from other published columns: totalled, but never
    /// suppressed on its own (the caller suppresses it with its parts).
    pub(crate) fn derived(mut self, column: usize) -> Self {
        self.derived[column] = true;
        self
    }

    pub(crate) fn row(&mut self, period: Option<String>, group: String, raw: &[i64]) {
        let mut values: Vec<Option<i64>> = Vec::with_capacity(raw.len());
        for (i, &v) in raw.iter().enumerate() {
            if self.derived[i] {
                self.totals[i] += v;
                values.push(Some(v));
            } else if self.means[i].is_none() {
                self.totals[i] += v;
                let s = suppress(v, self.threshold);
                if s.is_none() {
                    self.suppressed += 1;
                }
                values.push(s);
            } else {
                values.push(Some(v));
            }
        }
        for (i, m) in self.means.iter().enumerate() {
            if let Some(c) = m
                && raw
                    .get(*c)
                    .is_some_and(|&n| suppress(n, self.threshold).is_none())
            {
                values[i] = None;
            }
        }
        self.rows.push(StatRow {
            period,
            group,
            values,
        });
    }

    pub(crate) fn finish(self, dataset: &'static str, by: &str, span: Span) -> StatTable {
        let totals = self
            .totals
            .iter()
            .zip(&self.means)
            .map(|(t, m)| m.is_none().then_some(*t))
            .collect();
        StatTable {
            dataset,
            by: by.to_owned(),
            from: span.from.map(|d| d.to_string()),
            to: span.to.map(|d| d.to_string()),
            as_of: span.as_of.map(|d| d.to_string()),
            interval: span.interval,
            columns: self.columns,
            rows: self.rows,
            totals,
            suppress_below: self.threshold,
            suppressed_cells: self.suppressed,
        }
    }
}

#[derive(Default)]
pub(crate) struct Span {
    pub(crate) from: Option<Date>,
    pub(crate) to: Option<Date>,
    pub(crate) as_of: Option<Date>,
    pub(crate) interval: Option<String>,
}

pub(crate) fn date_param(
    field: &'static str,
    value: Option<&str>,
) -> Result<Option<Date>, ServiceError> {
    match value.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => parse_day(s).map(Some).ok_or_else(|| {
            ServiceError::invalid(
                field,
                "invalid_date",
                format!("{field} must be a date YYYY-MM-DD"),
            )
        }),
    }
}

pub(crate) fn one_of<'a>(
    field: &'static str,
    value: Option<&'a str>,
    allowed: &[&'a str],
) -> Result<&'a str, ServiceError> {
    let v = value
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(allowed[0]);
    allowed.iter().find(|a| **a == v).copied().ok_or_else(|| {
        ServiceError::invalid(
            field,
            "unknown_value",
            format!("{field} must be one of: {}", allowed.join(", ")),
        )
    })
}

/// Longest period a statistic may cover (ten years).
const MAX_SPAN_DAYS: i64 = 3_660;

impl Services {
    /// Cells below this are suppressed in published tables.
    pub fn stats_threshold(&self) -> i64 {
        self.stats_threshold
    }

    /// The same services suppressing published cells below `threshold` (0: publish all).
    pub fn with_stats_threshold(mut self, threshold: i64) -> Self {
        self.stats_threshold = threshold.max(0);
        self
    }

    /// The statistic `dataset` for `q` (requires `ReadStats`).
    pub async fn stats(
        &self,
        ctx: &Ctx,
        dataset: &str,
        q: &StatsQuery,
    ) -> Result<StatTable, ServiceError> {
        self.authorize(ctx, Permission::ReadStats, "stats.view")
            .await?;
        self.stat_table(dataset, q).await
    }

    /// The statistic as CSV for download; the export is audited with its parameters.
    pub async fn stats_export(
        &self,
        ctx: &Ctx,
        dataset: &str,
        q: &StatsQuery,
    ) -> Result<StatTable, ServiceError> {
        self.authorize(ctx, Permission::ReadStats, "stats.export")
            .await?;
        let table = self.stat_table(dataset, q).await?;
        let entry = ctx
            .audit(self.now(), "stats.export", AuditOutcome::Ok)
            .detail("dataset", dataset)
            .detail("by", table.by.clone())
            .detail("from", table.from.clone())
            .detail("to", table.to.clone())
            .detail("as_of", table.as_of.clone())
            .detail("rows", table.rows.len())
            .detail("suppressed_cells", table.suppressed_cells);
        self.store.append_audit(entry).await?;
        Ok(table)
    }

    async fn stat_table(&self, dataset: &str, q: &StatsQuery) -> Result<StatTable, ServiceError> {
        // Every parameter given is checked, also one the dataset does not use, so that a typo
        // is told rather than ignored.
        for (field, value) in [("from", &q.from), ("to", &q.to), ("as_of", &q.as_of)] {
            date_param(field, value.as_deref())?;
        }
        self.flow_filter(q)?;
        one_of(
            "interval",
            q.interval.as_deref(),
            &["month", "day", "week", "quarter", "year", "total"],
        )?;
        match dataset {
            "flows" => self.flows(q).await,
            "stock" => self.stock_table(q).await,
            "applications" => self.applications_table(q).await,
            "permits" => self.permits_table(q).await,
            "enforcement" => self.enforcement_table(q).await,
            "overstays" => self.overstays_table(q).await,
            _ => Err(ServiceError::NotFound),
        }
    }

    /// The period of `q`: `from`/`to`, by default the twelve months up to today.
    pub(crate) fn period(&self, q: &StatsQuery) -> Result<(Date, Date), ServiceError> {
        let today = self.local_today();
        let to = date_param("to", q.to.as_deref())?.unwrap_or(today);
        let from = date_param("from", q.from.as_deref())?
            .unwrap_or_else(|| umis_domain::stats::add_months(to, -12) + Duration::days(1));
        if from > to {
            return Err(ServiceError::invalid(
                "from",
                "invalid_period",
                "from must not be after to",
            ));
        }
        if (to - from).whole_days() > MAX_SPAN_DAYS {
            return Err(ServiceError::invalid(
                "from",
                "period_too_long",
                "a statistic covers at most ten years",
            ));
        }
        Ok((from, to))
    }

    pub(crate) async fn flows(&self, q: &StatsQuery) -> Result<StatTable, ServiceError> {
        let (from, to) = self.period(q)?;
        let interval_name = one_of(
            "interval",
            q.interval.as_deref(),
            &["month", "day", "week", "quarter", "year", "total"],
        )?;
        // `total`: one period for the whole span, written `from/to`.
        let interval = Interval::parse(interval_name);
        let whole = format!("{from}/{to}");
        let period_of = |day: Date| interval.map_or_else(|| whole.clone(), |i| i.period_of(day));
        let by = one_of(
            "by",
            q.by.as_deref(),
            &["total", "nationality", "bcp", "travel_mode"],
        )?;
        let dim = match by {
            "nationality" => FlowDim::Nationality,
            "bcp" => FlowDim::Bcp,
            "travel_mode" => FlowDim::TravelMode,
            _ => FlowDim::Total,
        };
        let filter = self.flow_filter(q)?;
        let cells = self
            .store
            .border_flows(&from.to_string(), &to.to_string(), dim, &filter)
            .await?;
        // (period, group) → [entries, exits]; groups ranked by their entries overall.
        let mut grid: BTreeMap<(String, String), [i64; 2]> = BTreeMap::new();
        let mut rank: HashMap<String, i64> = HashMap::new();
        for c in cells {
            let Some(day) = parse_day(&c.day) else {
                continue;
            };
            let slot = usize::from(c.direction == "exit");
            grid.entry((period_of(day), c.group.clone()))
                .or_insert([0, 0])[slot] += c.events;
            *rank.entry(c.group).or_insert(0) += if slot == 0 { c.events } else { 0 };
        }
        let mut b = Builder::new(self.stats_threshold, vec!["entries", "exits", "net"]).derived(2);
        let mut keys: Vec<&(String, String)> = grid.keys().collect();
        keys.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(rank.get(&b.1).cmp(&rank.get(&a.1)))
                .then(a.1.cmp(&b.1))
        });
        for key in keys {
            let [entries, exits] = grid[key];
            b.row(
                Some(key.0.clone()),
                key.1.clone(),
                &[entries, exits, entries - exits],
            );
        }
        // Net is published where both of its parts are (it then reveals nothing more), and
        // suppressed with either of them.
        for r in &mut b.rows {
            if r.values[2].is_some() && (r.values[0].is_none() || r.values[1].is_none()) {
                r.values[2] = None;
                b.suppressed += 1;
            }
        }
        Ok(b.finish(
            "flows",
            by,
            Span {
                from: Some(from),
                to: Some(to),
                interval: Some(interval_name.to_owned()),
                ..Span::default()
            },
        ))
    }

    fn flow_filter(&self, q: &StatsQuery) -> Result<FlowFilter, ServiceError> {
        let clean = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let nationality = clean(&q.nationality).map(|n| n.to_ascii_uppercase());
        if let Some(n) = &nationality
            && !crate::known_country(n)
        {
            return Err(ServiceError::invalid(
                "nationality",
                "unknown_country",
                "not an ICAO country code",
            ));
        }
        let bcp = clean(&q.bcp).map(|b| b.to_ascii_uppercase());
        if let Some(b) = &bcp
            && !umis_domain::validate::is_bcp_code(b)
        {
            return Err(ServiceError::invalid(
                "bcp",
                "invalid_bcp",
                "a crossing point code is 1–16 letters, digits, '-' or '_'",
            ));
        }
        let travel_mode = clean(&q.travel_mode);
        if let Some(m) = &travel_mode
            && !crate::TRAVEL_MODES.contains(&m.as_str())
        {
            return Err(ServiceError::invalid(
                "travel_mode",
                "unknown_value",
                format!(
                    "travel_mode must be one of: {}",
                    crate::TRAVEL_MODES.join(", ")
                ),
            ));
        }
        Ok(FlowFilter {
            nationality,
            bcp,
            travel_mode,
        })
    }

    async fn stock_table(&self, q: &StatsQuery) -> Result<StatTable, ServiceError> {
        let today = self.local_today();
        let as_of = date_param("as_of", q.as_of.as_deref())?.unwrap_or(today);
        let by = one_of(
            "by",
            q.by.as_deref(),
            &["nationality", "sex", "age_band", "basis", "region"],
        )?;
        let dim = match by {
            "sex" => StockDim::Sex,
            "age_band" => StockDim::BirthDate,
            "basis" => StockDim::Basis,
            "region" => StockDim::Region,
            _ => StockDim::Nationality,
        };
        self.settle_stays().await?;
        let raw = self
            .store
            .stock(&as_of.to_string(), as_of >= today, dim)
            .await?;
        let mut groups: BTreeMap<String, i64> = BTreeMap::new();
        for (k, n) in raw {
            let group = match (dim, k) {
                (StockDim::BirthDate, Some(b)) => parse_day(&b)
                    .and_then(|b| age_band(b, as_of))
                    .unwrap_or("unknown")
                    .to_owned(),
                (StockDim::Region, None) => "unregistered".to_owned(),
                (_, Some(k)) if !k.is_empty() => k,
                _ => "unknown".to_owned(),
            };
            *groups.entry(group).or_insert(0) += n;
        }
        let mut ordered: Vec<(String, i64)> = groups.into_iter().collect();
        if dim == StockDim::BirthDate {
            ordered.sort_by_key(|(g, _)| {
                AGE_BANDS
                    .iter()
                    .position(|b| b == g)
                    .unwrap_or(AGE_BANDS.len())
            });
        } else {
            ordered.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        let mut b = Builder::new(self.stats_threshold, vec!["persons"]);
        for (g, n) in ordered {
            b.row(None, g, &[n]);
        }
        Ok(b.finish(
            "stock",
            by,
            Span {
                as_of: Some(as_of),
                ..Span::default()
            },
        ))
    }
}
