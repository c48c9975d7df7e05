//! The monthly bulletin's content: its statistics read for one month, as titled tables and charts.

use super::bulletin_chart::BulletinChart;
use super::*;

pub(super) async fn build_bulletin(
    state: &AppState,
    cu: &CurrentUser,
    first: Date,
    last: Date,
    export: bool,
) -> Result<Bulletin, UiError> {
    let s = &state.services;
    let tr = cu.tr;
    let (f, l) = (first.to_string(), last.to_string());
    let get = |dataset: &'static str, q: StatsQuery| async move {
        if export {
            s.stats_export(&cu.ctx, dataset, &q).await
        } else {
            s.stats(&cu.ctx, dataset, &q).await
        }
    };
    let period = |extra: &[(&str, &str)]| {
        let mut pairs = vec![("from", f.as_str()), ("to", l.as_str())];
        pairs.extend_from_slice(extra);
        sq(&pairs)
    };
    let total = get("flows", period(&[("interval", "total")])).await?;
    let nats = get(
        "flows",
        period(&[("interval", "total"), ("by", "nationality")]),
    )
    .await?;
    let daily = get("flows", period(&[("interval", "day")])).await?;
    let apps = get("applications", period(&[])).await?;
    let permits = get("permits", period(&[("as_of", l.as_str())])).await?;
    let enforcement = get("enforcement", period(&[("as_of", l.as_str())])).await?;
    let month = format!("{:04}-{:02}", first.year(), u8::from(first.month()));
    let mut nats_top = nats.clone();
    nats_top.rows.truncate(10);
    let sections = vec![
        Section {
            id: "bulletin-summary",
            title: tr.t("bulletin-summary"),
            table: data_table(&tr, &total),
        },
        Section {
            id: "bulletin-nationalities",
            title: tr.t("bulletin-top-nationalities"),
            table: data_table(&tr, &nats_top),
        },
        Section {
            id: "bulletin-applications",
            title: tr.t("stats-dataset-applications"),
            table: data_table(&tr, &apps),
        },
        Section {
            id: "bulletin-permits",
            title: tr.t("stats-dataset-permits"),
            table: data_table(&tr, &permits),
        },
        Section {
            id: "bulletin-enforcement",
            title: tr.t("stats-dataset-enforcement"),
            table: data_table(&tr, &enforcement),
        },
    ];
    let charts = vec![
        BulletinChart::flows(&tr, "bulletin-chart", tr.t("bulletin-daily"), &daily).render(
            data_table(&tr, &daily),
            csv_link("flows", &period(&[("interval", "day")])),
        ),
        BulletinChart::bars(
            &tr,
            "bulletin-chart-nationalities",
            tr.t("bulletin-top-nationalities"),
            &nats_top,
            "entries",
        )
        .render(
            data_table(&tr, &nats_top),
            csv_link(
                "flows",
                &period(&[("interval", "total"), ("by", "nationality")]),
            ),
        ),
        BulletinChart::bars(
            &tr,
            "bulletin-chart-applications",
            tr.t("stats-dataset-applications"),
            &apps,
            "received",
        )
        .render(
            data_table(&tr, &apps),
            csv_link("applications", &period(&[])),
        ),
    ];
    Ok(Bulletin {
        title: tr.t1("bulletin-title", "month", &month),
        month,
        sections,
        charts,
    })
}
