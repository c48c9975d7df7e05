//! Analysis and monitoring in the back office: the leadership overview (KPI tiles against the
//! previous period, charts, ranked citizenships), the analyst workspace (any statistic with
//! filters), forecasts (system series or an uploaded one), anomaly alerts and the monthly
//! bulletin (printable page and PDF). Every chart comes with its data table and a CSV link;
//! CSV downloads are audited exports. Figures are aggregates only, small cells suppressed.

mod anomalies;
mod bulletin;
mod explore;
mod forecast;
mod overview;

use super::charts::{self, Band, Line, PALETTE};
use super::{Page, render};
use crate::extract::{CurrentUser, Protected, csrf_form};
use crate::i18n::Tr;
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use time::{Date, Duration};
use umis_domain::Permission;
use umis_service::umis_forecast::{Forecast, ForecastOptions, Series};
use umis_service::{ServiceError, StatTable, StatsQuery, SystemSeriesQuery};

pub(crate) use anomalies::*;
pub(crate) use bulletin::*;
pub(crate) use explore::*;
pub(crate) use forecast::*;
pub(crate) use overview::*;

/// A table of text cells (the data behind a chart).
pub(crate) struct DataTable {
    pub(crate) columns: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
}

/// A chart with its data and download.
pub(crate) struct ChartBox {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) svg: String,
    pub(crate) table: DataTable,
    pub(crate) csv_url: Option<String>,
}

/// A KPI tile.
pub(crate) struct Tile {
    pub(crate) id: &'static str,
    pub(crate) label: String,
    pub(crate) value: String,
    /// Change against the previous period.
    pub(crate) change: Option<Change>,
    pub(crate) compared: String,
}

fn cell(tr: &Tr, v: Option<i64>, threshold: i64) -> String {
    match v {
        Some(n) => tr.number(n),
        None => format!("<{threshold}"),
    }
}

fn fnum(tr: &Tr, v: f64) -> String {
    tr.number(v.round() as i64)
}

fn query_of(pairs: &[(&str, String)]) -> String {
    let kept: Vec<(&str, &str)> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    serde_urlencoded::to_string(kept).unwrap_or_default()
}

fn csv_link(dataset: &str, q: &StatsQuery) -> String {
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

/// The label of a statistic's group or column in the page's language (codes stay as they are).
fn label(tr: &Tr, kind: &str, value: &str) -> String {
    let slug = value.replace('_', "-");
    tr.try_t(format!("stats-{kind}-{slug}"))
        .or_else(|| {
            // Application types and the permits they give share the case screens' names.
            (kind == "group")
                .then(|| tr.try_t(format!("apptype-{slug}")))
                .flatten()
        })
        .or_else(|| {
            (kind == "group")
                .then(|| tr.try_t(format!("bcp-{value}")))
                .flatten()
        })
        .or_else(|| {
            // Citizenships: upper-case ISO or ICAO codes.
            let code = value.len() <= 3 && value.bytes().all(|b| b.is_ascii_uppercase());
            (kind == "group" && code)
                .then(|| crate::countries::name(tr.lang, value).map(str::to_owned))
                .flatten()
        })
        .unwrap_or_else(|| value.to_owned())
}

/// The whole table as text cells.
fn data_table(tr: &Tr, t: &StatTable) -> DataTable {
    let mut columns = Vec::new();
    if t.rows.iter().any(|r| r.period.is_some()) {
        columns.push(tr.t("stats-period"));
    }
    columns.push(tr.t("stats-group"));
    columns.extend(t.columns.iter().map(|c| label(tr, "col", c)));
    let rows = t
        .rows
        .iter()
        .map(|r| {
            let mut row = Vec::new();
            if let Some(p) = &r.period {
                row.push(p.clone());
            }
            row.push(label(tr, "group", &r.group));
            row.extend(r.values.iter().map(|v| cell(tr, *v, t.suppress_below)));
            row
        })
        .collect();
    DataTable { columns, rows }
}

fn col(t: &StatTable, name: &str) -> Option<usize> {
    t.columns.iter().position(|c| *c == name)
}

/// The periods of a table in order.
/// The index of the first period not over on the table's last day: the last period, when the
/// table ends before that period does (the current month, say); `None` when every period is
/// complete.
fn partial_from(t: &StatTable, labels: &[String]) -> Option<usize> {
    let interval = umis_domain::stats::Interval::parse(t.interval.as_deref()?)?;
    let to = time::Date::parse(
        t.to.as_deref()?,
        &time::format_description::well_known::Iso8601::DATE,
    )
    .ok()?;
    let last = labels.last()?;
    let open = interval.period_of(to) == *last && interval.period_of(to.next_day()?) == *last;
    open.then(|| labels.len() - 1)
}

fn periods(t: &StatTable) -> Vec<String> {
    let mut p: Vec<String> = t.rows.iter().filter_map(|r| r.period.clone()).collect();
    p.dedup();
    p.sort();
    p.dedup();
    p
}

/// A line per group (the `top` largest by `column`) over the table's periods.
fn lines_by_group(tr: &Tr, t: &StatTable, column: &str, top: usize) -> (Vec<String>, Vec<Line>) {
    let labels = periods(t);
    let Some(c) = col(t, column) else {
        return (labels, Vec::new());
    };
    let mut groups: Vec<(String, i64)> = Vec::new();
    for r in &t.rows {
        let v = r.values[c].unwrap_or(0);
        match groups.iter_mut().find(|(g, _)| *g == r.group) {
            Some(x) => x.1 += v,
            None => groups.push((r.group.clone(), v)),
        }
    }
    groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let lines = groups
        .iter()
        .take(top)
        .enumerate()
        .map(|(k, (g, _))| Line {
            label: label(tr, "group", g),
            values: labels
                .iter()
                .map(|p| t.value(Some(p), g, column).map(|v| v as f64))
                .collect(),
            color: PALETTE[k % PALETTE.len()],
            dashed: false,
        })
        .collect();
    (labels, lines)
}

/// The chart that suits a table: lines over periods for flows, bars per group otherwise.
fn chart_for(tr: &Tr, id: &str, title: String, t: &StatTable, csv_url: String) -> ChartBox {
    let words = charts::Words::new(tr, t.suppress_below);
    let svg = if t.dataset == "flows" {
        if t.by == "total" {
            let labels = periods(t);
            let lines = ["entries", "exits", "net"]
                .iter()
                .enumerate()
                .map(|(k, c)| Line {
                    label: label(tr, "col", c),
                    values: labels
                        .iter()
                        .map(|p| t.value(Some(p), "all", c).map(|v| v as f64))
                        .collect(),
                    color: PALETTE[k],
                    dashed: *c == "net",
                })
                .collect::<Vec<_>>();
            let partial = partial_from(t, &labels);
            let shown: Vec<String> = labels.iter().map(|p| tr.period(p)).collect();
            charts::line_chart(&title, &shown, &lines, &[], None, &words, partial)
        } else {
            let (labels, lines) = lines_by_group(tr, t, "entries", 6);
            let partial = partial_from(t, &labels);
            let shown: Vec<String> = labels.iter().map(|p| tr.period(p)).collect();
            charts::line_chart(&title, &shown, &lines, &[], None, &words, partial)
        }
    } else {
        let first = t.columns.first().copied().unwrap_or("count");
        let rows: Vec<&umis_service::StatRow> = t.rows.iter().take(20).collect();
        let labels: Vec<String> = rows.iter().map(|r| label(tr, "group", &r.group)).collect();
        let values: Vec<Option<f64>> = rows
            .iter()
            .map(|r| r.values.first().copied().flatten().map(|v| v as f64))
            .collect();
        let title = format!("{title} — {}", label(tr, "col", first));
        charts::bar_chart(&title, &labels, &values, &words)
    };
    ChartBox {
        id: id.to_owned(),
        title,
        svg,
        table: data_table(tr, t),
        csv_url: Some(csv_url),
    }
}

fn first_of_month(d: Date) -> Date {
    d.replace_day(1).unwrap_or(d)
}

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
fn change(tr: &Tr, id: &str, cur: Option<i64>, prev: Option<i64>) -> Option<Change> {
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

fn total_of(t: &StatTable, column: &str) -> Option<i64> {
    col(t, column).and_then(|c| t.totals.get(c).copied().flatten())
}

// ---------------------------------------------------------------------------------------------
// Leadership overview

fn sq(pairs: &[(&str, &str)]) -> StatsQuery {
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
fn stats_error_key(code: &str) -> String {
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

// ---------------------------------------------------------------------------------------------
// Forecasts

fn render_status<T: Template>(t: &T, status: StatusCode) -> Result<Response, UiError> {
    let mut res = render(t)?;
    *res.status_mut() = status;
    Ok(res)
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
