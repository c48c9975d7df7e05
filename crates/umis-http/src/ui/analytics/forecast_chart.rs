//! A forecast drawn as a chart (history, forecast line and its 80 % and 95 % intervals) with its
//! data table.

use super::*;

pub(super) fn forecast_chart(tr: &Tr, title: String, series: &Series, f: &Forecast) -> ChartBox {
    let h = series.len();
    let mut labels: Vec<String> = series.periods.iter().map(ToString::to_string).collect();
    labels.extend(f.forecast.iter().map(|p| p.period.clone()));
    let n = labels.len();
    let mut hist: Vec<Option<f64>> = series.values.iter().map(|v| Some(*v)).collect();
    hist.resize(n, None);
    // The forecast line starts at the last observed value so the two join.
    let mut fc: Vec<Option<f64>> = vec![None; n];
    if h > 0 {
        fc[h - 1] = series.values.last().copied();
    }
    let mut lo80 = vec![None; n];
    let mut hi80 = vec![None; n];
    let mut lo95 = vec![None; n];
    let mut hi95 = vec![None; n];
    for (i, p) in f.forecast.iter().enumerate() {
        fc[h + i] = Some(p.value);
        lo80[h + i] = Some(p.lo80);
        hi80[h + i] = Some(p.hi80);
        lo95[h + i] = Some(p.lo95);
        hi95[h + i] = Some(p.hi95);
    }
    let shown: Vec<String> = labels.iter().map(|p| tr.period(p)).collect();
    let svg = charts::line_chart(
        &title,
        &shown,
        &[
            Line {
                label: tr.t("forecast-history"),
                values: hist,
                color: PALETTE[0],
                dashed: false,
            },
            Line {
                label: tr.t("forecast-point"),
                values: fc,
                color: PALETTE[5],
                dashed: true,
            },
        ],
        &[
            Band {
                label: tr.t("forecast-pi95"),
                lo: lo95,
                hi: hi95,
                color: PALETTE[5],
                opacity: 0.15,
            },
            Band {
                label: tr.t("forecast-pi80"),
                lo: lo80,
                hi: hi80,
                color: PALETTE[5],
                opacity: 0.3,
            },
        ],
        None,
        &charts::words(tr, 0),
        None,
    );
    let mut rows: Vec<Vec<String>> = series
        .periods
        .iter()
        .zip(&series.values)
        .map(|(p, v)| {
            vec![
                p.to_string(),
                fnum(tr, *v),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]
        })
        .collect();
    rows.extend(f.forecast.iter().map(|p| {
        vec![
            p.period.clone(),
            String::new(),
            fnum(tr, p.value),
            fnum(tr, p.lo80),
            fnum(tr, p.hi80),
            fnum(tr, p.lo95),
            fnum(tr, p.hi95),
        ]
    }));
    ChartBox {
        id: "forecast-chart".into(),
        title,
        svg,
        table: DataTable {
            columns: vec![
                tr.t("stats-period"),
                tr.t("forecast-history"),
                tr.t("forecast-point"),
                "lo80".into(),
                "hi80".into(),
                "lo95".into(),
                "hi95".into(),
            ],
            rows,
        },
        csv_url: None,
    }
}
