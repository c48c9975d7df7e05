//! The monthly bulletin as a PDF: its charts, then every table.

use super::bulletin_build::build_bulletin;
use super::*;

/// The monthly bulletin as a PDF (its charts and tables; each table is an audited export).
pub(crate) async fn bulletin_pdf(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<BulletinQuery>,
) -> Result<Response, UiError> {
    state
        .services
        .authorize(&cu.ctx, Permission::ReadStats, "stats.export")
        .await?;
    let (first, last) = bulletin_month(&state, &q)?;
    let b = build_bulletin(&state, &cu, first, last, true).await?;
    let tr = cu.tr;
    let mut blocks = vec![
        crate::pdf::Block::Heading(b.title.clone()),
        crate::pdf::Block::Paragraph(tr.t("bulletin-about")),
        crate::pdf::Block::Paragraph(tr.t1(
            "stats-suppression-note",
            "n",
            state.services.stats_threshold(),
        )),
    ];
    // The charts first (daily flows, citizenships, applications), then every table, the daily
    // figures last.
    let daily = b.charts.first().map(|(page, _)| Section {
        id: "bulletin-daily",
        title: page.title.clone(),
        table: DataTable {
            columns: page.table.columns.clone(),
            rows: page.table.rows.clone(),
        },
    });
    for (_, chart) in b.charts {
        blocks.push(crate::pdf::Block::Chart(chart));
    }
    for s in b.sections.iter().chain(daily.as_ref()) {
        blocks.push(crate::pdf::Block::Space);
        blocks.push(crate::pdf::Block::Heading(s.title.clone()));
        // The first columns name the row; the rest are "column: value" pairs.
        let label_cols = if s.table.columns.first() == Some(&tr.t("stats-period")) {
            2
        } else {
            1
        };
        for r in &s.table.rows {
            let name = r[..label_cols.min(r.len())].join(" · ");
            let values = r
                .iter()
                .zip(&s.table.columns)
                .skip(label_cols)
                .map(|(v, c)| format!("{c}: {v}"))
                .collect::<Vec<_>>()
                .join("; ");
            blocks.push(crate::pdf::Block::Field(name, values));
        }
    }
    blocks.push(crate::pdf::Block::Space);
    blocks.push(crate::pdf::Block::Paragraph(tr.t1(
        "bulletin-generated",
        "date",
        state.services.local_today().to_string(),
    )));
    let pdf = crate::pdf::render(&crate::pdf::Letter {
        title: b.title,
        blocks,
    })
    .map_err(|e| {
        tracing::error!(error = %e, "bulletin PDF");
        UiError::Internal
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"umis-bulletin-{}.pdf\"", b.month),
            ),
        ],
        pdf,
    )
        .into_response())
}
