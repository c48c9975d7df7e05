//! Events written with COPY on PostgreSQL: the CSV fields, and the copy into a temporary table
//! that skips ids already stored.

use super::*;

/// One CSV field for COPY: `None` is NULL (unquoted, empty), text is quoted.
pub(super) fn csv_field(out: &mut String, v: Option<&str>) {
    if let Some(v) = v {
        out.push('"');
        for c in v.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    }
}

/// Inserts events in the transaction `tx` (PostgreSQL): COPY into a temporary table, then one
/// INSERT … SELECT that skips ids already stored. Returns how many were new.
pub(super) async fn copy_events(
    tx: &mut sqlx::PgConnection,
    events: &[BorderEvent],
) -> Result<u64, StoreError> {
    sqlx::query("CREATE TEMP TABLE border_events_in (LIKE border_events) ON COMMIT DROP")
        .execute(&mut *tx)
        .await?;
    let mut copy = tx
        .copy_in_raw(&format!(
            "COPY border_events_in ({EVENT_COLUMNS}) FROM STDIN WITH (FORMAT csv)"
        ))
        .await?;
    let mut buf = String::with_capacity(events.len().min(10_000) * 200);
    for e in events {
        let (person, at, days, received) = (
            e.person_id.to_string(),
            e.occurred_at.to_string(),
            e.permitted_days.map(|d| d.to_string()),
            e.received_at.to_string(),
        );
        let fields = [
            Some(e.event_id.as_str()),
            Some(person.as_str()),
            Some(e.direction.as_str()),
            Some(at.as_str()),
            Some(e.local_date.as_str()),
            Some(e.bcp.as_str()),
            Some(e.travel_mode.as_str()),
            e.document_number.as_deref(),
            e.document_issuing_state.as_deref(),
            e.nationality.as_deref(),
            days.as_deref(),
            e.visa_ref.as_deref(),
            Some(e.link_method.as_str()),
            Some(e.fingerprint.as_str()),
            Some(received.as_str()),
            Some(e.received_by.as_str()),
        ];
        for (i, f) in fields.into_iter().enumerate() {
            if i > 0 {
                buf.push(',');
            }
            csv_field(&mut buf, f);
        }
        buf.push('\n');
        if buf.len() > 1 << 20 {
            copy.send(std::mem::take(&mut buf).into_bytes()).await?;
        }
    }
    if !buf.is_empty() {
        copy.send(buf.into_bytes()).await?;
    }
    copy.finish().await?;
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO border_events ({EVENT_COLUMNS}) SELECT {EVENT_COLUMNS} FROM border_events_in \
         ON CONFLICT (event_id) DO NOTHING"
    )))
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected())
}
