//! A statistic table read for display: labels of groups and columns in the reader's language,
//! the whole table as text cells, its periods and its totals.

use super::*;

/// The label of a statistic's group or column in the page's language (codes stay as they are).
pub(super) fn label(tr: &Tr, kind: &str, value: &str) -> String {
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
pub(super) fn data_table(tr: &Tr, t: &StatTable) -> DataTable {
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

pub(super) fn col(t: &StatTable, name: &str) -> Option<usize> {
    t.columns.iter().position(|c| *c == name)
}

/// The periods of a table in order.
/// The index of the first period not over on the table's last day: the last period, when the
/// table ends before that period does (the current month, say); `None` when every period is
/// complete.
pub(super) fn partial_from(t: &StatTable, labels: &[String]) -> Option<usize> {
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

pub(super) fn periods(t: &StatTable) -> Vec<String> {
    let mut p: Vec<String> = t.rows.iter().filter_map(|r| r.period.clone()).collect();
    p.dedup();
    p.sort();
    p.dedup();
    p
}

pub(super) fn total_of(t: &StatTable, column: &str) -> Option<i64> {
    col(t, column).and_then(|c| t.totals.get(c).copied().flatten())
}
