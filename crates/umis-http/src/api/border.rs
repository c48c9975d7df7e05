//! Migration control over the API: `POST /border-events` (JSON array or NDJSON, for the border
//! service's token), `GET /persons/{id}/stay` and `GET /reports/overstays` (JSON or CSV).

use super::parse_query;
use crate::extract::ApiCtx;
use crate::{ApiError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use umis_service::{BorderEventInput, IngestReport, MAX_BATCH_EVENTS, OverstayLine, StayView};
use utoipa::{IntoParams, ToSchema};

/// Largest accepted body of `POST /border-events`.
pub(crate) const BORDER_EVENTS_MAX_BYTES: usize = 16 * 1024 * 1024;

/// One border event (every field a string or a number; see docs/BORDER_INTEGRATION.md).
#[derive(Debug, Deserialize, ToSchema)]
#[allow(
    dead_code,
    reason = "documents the request schema; the handler reads rows leniently"
)]
pub struct BorderEventBody {
    /// The source system's id: the idempotency key.
    pub event_id: String,
    /// `entry` or `exit`.
    pub direction: String,
    /// RFC 3339 with an offset.
    pub occurred_at: String,
    /// Border crossing point code.
    pub bcp: String,
    /// `air`, `land`, `sea` or `rail`.
    pub travel_mode: String,
    /// UMIS person number, when the border system knows it.
    pub person_id: Option<String>,
    /// Travel document number.
    pub document_number: Option<String>,
    /// ICAO code of the issuing state.
    pub document_issuing_state: Option<String>,
    /// ICAO nationality.
    pub nationality: Option<String>,
    /// Surname (to register a traveller UMIS does not know yet).
    pub surname: Option<String>,
    /// Given names.
    pub given_names: Option<String>,
    /// `YYYY-MM-DD` (or `YYYY`, `YYYY-MM`).
    pub birth_date: Option<String>,
    /// Days of stay granted at entry by a visa or e-visa.
    pub permitted_days: Option<u32>,
    /// Visa or e-visa reference.
    pub visa_ref: Option<String>,
}

/// One row of a border-event request: a JSON object. Each row is checked on its own against
/// [`BorderEventBody`]; a row that does not match is reported in `rejected` and the other rows
/// are kept, so the request is not refused for it.
pub struct BorderEventRow;

impl utoipa::PartialSchema for BorderEventRow {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .description(Some(
                "A border event as described by the `BorderEventBody` schema. Each row is \
                 checked on its own: a row that does not match it is reported in `rejected` \
                 and the other rows are kept.",
            ))
            .into()
    }
}

impl ToSchema for BorderEventRow {
    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        schemas.push((
            BorderEventBody::name().into_owned(),
            <BorderEventBody as utoipa::PartialSchema>::schema(),
        ));
    }
}

fn bad_body(detail: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "invalid_body", detail)
}

/// Events with their row numbers.
type NumberedRows = Vec<(usize, BorderEventInput)>;

/// Reads the rows of a JSON array or NDJSON body; a row that is not a valid event object
/// becomes that row's error, never the batch's.
fn read_rows(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(NumberedRows, Vec<umis_service::RowError>), ApiError> {
    let text = std::str::from_utf8(body).map_err(|_| bad_body("the body is not UTF-8"))?;
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let values =
        if ctype.starts_with("application/x-ndjson") || ctype.starts_with("application/jsonl") {
            umis_domain::border::ndjson_rows(text)
        } else if ctype.starts_with("application/json") {
            umis_domain::border::json_array_rows(text).map_err(|e| bad_body(e.to_string()))?
        } else {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send application/json (an array of events) or application/x-ndjson",
            ));
        };
    if values.len() > MAX_BATCH_EVENTS {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_many_events",
            format!("at most {MAX_BATCH_EVENTS} events per request"),
        ));
    }
    let mut rows = Vec::with_capacity(values.len());
    let mut errors = Vec::new();
    for (row, parsed) in values {
        match parsed {
            Ok(input) => rows.push((row, input)),
            Err((field, message)) => errors.push(umis_service::RowError {
                row,
                event_id: None,
                field,
                code: "invalid_row".into(),
                message,
            }),
        }
    }
    Ok((rows, errors))
}

/// Records border events (requires `border-events:write`). The body is a JSON array
/// (`application/json`) or one event per line (`application/x-ndjson`), at most 10,000 events.
/// Good rows are kept, bad rows reported; re-sent events are counted as duplicates.
#[utoipa::path(
    post, path = "/border-events", tag = "control",
    request_body(content = Vec<BorderEventRow>, description = "Events (JSON array or NDJSON)"),
    security(("bearer" = ["border-events:write"])),
    responses(
        (status = 200, description = "What the batch did", body = IngestReport),
        (status = 400, description = "The body is not JSON or NDJSON", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Token lacks border-events:write", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 413, description = "More than 10,000 events or 16 MiB", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 415, description = "Another content type", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn post_border_events(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<IngestReport>, ApiError> {
    state
        .services
        .authorize(
            &ctx,
            umis_domain::Permission::WriteBorderEvents,
            "border_events.ingest",
        )
        .await?;
    let (rows, errors) = read_rows(&headers, &body)?;
    let mut report = if rows.is_empty() {
        IngestReport::default()
    } else {
        state.services.record_border_events(&ctx, rows).await?
    };
    report.received += errors.len();
    report.rejected.extend(errors);
    report.rejected.sort_by_key(|e| e.row);
    Ok(Json(report))
}

/// The date to judge.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct StayQuery {
    /// `YYYY-MM-DD` (default: today in the country's time zone).
    #[param(required = false, value_type = super::vocab::DayOrBlankSchema, inline)]
    pub as_of: Option<String>,
}

/// The lawful basis of a person's stay on a date, until when, days used, the registration
/// obligation, stays and latest border events (requires `persons:read`; audited).
#[utoipa::path(
    get, path = "/persons/{person_id}/stay", tag = "control",
    params(("person_id" = String, Path, description = "UMIS person number"), StayQuery),
    security(("bearer" = ["persons:read"])),
    responses(
        (status = 200, description = "The stay", body = StayView),
        (status = 400, description = "Unknown parameter", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such person", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Malformed number or date", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn get_stay(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    Path(person_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<StayView>, ApiError> {
    let q: StayQuery = parse_query(raw.as_deref())?;
    let view = state
        .services
        .person_stay(&ctx, &person_id, q.as_of.as_deref())
        .await?;
    Ok(Json(view))
}

/// Parameters of the overstay report.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct OverstayQuery {
    /// The report date, `YYYY-MM-DD` (required).
    #[param(required = true, value_type = super::vocab::DaySchema, inline)]
    pub as_of: Option<String>,
    /// `json` (default) or `csv`.
    #[param(required = false, value_type = super::vocab::ExportFormatSchema, inline)]
    pub format: Option<String>,
    /// Only this nationality (ICAO code).
    #[param(required = false, value_type = super::vocab::CountrySchema, inline)]
    pub nationality: Option<String>,
    /// Only persons at least this many days past their lawful stay, 0–36,500.
    #[param(minimum = 0, maximum = 36500)]
    pub min_days: Option<i64>,
    /// Page size, 1–10,000 (default 1,000).
    #[param(minimum = 1, maximum = 10000)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[param(required = false, value_type = super::vocab::PersonCursorSchema, inline)]
    pub cursor: Option<String>,
}

/// A page of the overstay report.
#[derive(Debug, Serialize, ToSchema)]
pub struct OverstayPage {
    /// The report date.
    pub as_of: String,
    /// Overstayers, by person number.
    pub items: Vec<OverstayLine>,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// Persons present past the end of every lawful basis on `as_of` (requires `persons:read`;
/// audited). `format=csv` answers `text/csv` with the same columns.
#[utoipa::path(
    get, path = "/reports/overstays", tag = "control",
    params(OverstayQuery),
    security(("bearer" = ["persons:read"])),
    responses(
        (status = 200, description = "A page of the report (JSON, or the whole report as text/csv with format=csv)", content(
            (OverstayPage = "application/json"),
            (String = "text/csv"),
        )),
        (status = 400, description = "Unknown parameter or format", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing or malformed as_of", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn get_overstays(
    State(state): State<AppState>,
    ApiCtx(ctx): ApiCtx,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let q: OverstayQuery = parse_query(raw.as_deref())?;
    let csv = super::wants_csv(q.format.as_deref())?;
    let limit = super::report_limit(q.limit)?;
    let as_of = super::required_as_of(q.as_of)?;
    let lines = state
        .services
        .overstays_filtered(
            &ctx,
            &as_of,
            &umis_service::OverstayFilter {
                nationality: q.nationality.clone(),
                min_days: q.min_days,
            },
            q.cursor.as_deref(),
            limit,
        )
        .await?;
    let next_cursor = (lines.len() as i64 == limit)
        .then(|| lines.last().map(|l| l.person_id.clone()))
        .flatten();
    if csv {
        let mut out = String::from(OverstayLine::CSV_HEADER);
        out.push('\n');
        for l in &lines {
            out.push_str(&l.csv_line());
            out.push('\n');
        }
        let mut resp = ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], out).into_response();
        if let Some(c) = next_cursor
            && let Ok(v) = axum::http::HeaderValue::from_str(&c)
        {
            resp.headers_mut().insert("x-next-cursor", v);
        }
        return Ok(resp);
    }
    Ok(Json(OverstayPage {
        as_of: as_of.trim().to_owned(),
        items: lines,
        next_cursor,
    })
    .into_response())
}
