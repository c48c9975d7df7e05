//! The KPI tiles of the leadership overview: each figure of the last thirty days against the
//! thirty days before.

use super::*;

/// The tables one period's tiles are read from.
pub(super) struct Figures<'a> {
    flows: &'a StatTable,
    stock: &'a StatTable,
    apps: &'a StatTable,
    permits: &'a StatTable,
    overstays: &'a StatTable,
}

impl<'a> Figures<'a> {
    /// One period's flows, stock, applications, permits and overstays.
    pub(super) fn new(
        flows: &'a StatTable,
        stock: &'a StatTable,
        apps: &'a StatTable,
        permits: &'a StatTable,
        overstays: &'a StatTable,
    ) -> Self {
        Self {
            flows,
            stock,
            apps,
            permits,
            overstays,
        }
    }
}

/// The tiles, the current period's figures compared with the previous period's (which starts
/// on `prev_from`).
pub(super) fn kpi_tiles(
    tr: &Tr,
    prev_from: &str,
    threshold: i64,
    cur: Figures<'_>,
    prev: Figures<'_>,
) -> Vec<Tile> {
    let compared = tr.t1("analytics-compared", "from", tr.date(prev_from));
    let mut tiles = Vec::new();
    // A tile is a published figure too: small totals are suppressed like any cell (net
    // migration is a difference of published totals and is shown as it is).
    let mut tile = |id: &'static str, key: &str, cur: Option<i64>, prev: Option<i64>| {
        let publish = |v: Option<i64>| {
            v.and_then(|n| {
                if id == "net" {
                    Some(n)
                } else {
                    umis_domain::stats::suppress(n, threshold)
                }
            })
        };
        let (shown, before) = (publish(cur), publish(prev));
        tiles.push(Tile {
            id,
            label: tr.t(key),
            value: match (cur, shown) {
                (None, _) => "—".to_owned(),
                (Some(_), None) => format!("<{threshold}"),
                (Some(_), Some(v)) => tr.number(v),
            },
            change: change(tr, id, shown, before),
            compared: compared.clone(),
        });
    };
    let pairs: [(&'static str, &str, &StatTable, &StatTable, &str); 8] = [
        (
            "entries",
            "analytics-kpi-entries",
            cur.flows,
            prev.flows,
            "entries",
        ),
        (
            "exits",
            "analytics-kpi-exits",
            cur.flows,
            prev.flows,
            "exits",
        ),
        ("net", "analytics-kpi-net", cur.flows, prev.flows, "net"),
        (
            "present",
            "analytics-kpi-present",
            cur.stock,
            prev.stock,
            "persons",
        ),
        (
            "received",
            "analytics-kpi-received",
            cur.apps,
            prev.apps,
            "received",
        ),
        (
            "decided",
            "analytics-kpi-decided",
            cur.apps,
            prev.apps,
            "decided",
        ),
        (
            "valid-permits",
            "analytics-kpi-valid-permits",
            cur.permits,
            prev.permits,
            "valid",
        ),
        (
            "overstays",
            "analytics-kpi-overstays",
            cur.overstays,
            prev.overstays,
            "persons",
        ),
    ];
    for (id, key, cur, prev, column) in pairs {
        tile(id, key, total_of(cur, column), total_of(prev, column));
    }
    tiles
}
