//! Analysis and monitoring in the back office: the leadership overview (KPI tiles against the
//! previous period, charts, ranked citizenships), the analyst workspace (any statistic with
//! filters), forecasts (system series or an uploaded one), anomaly alerts and the monthly
//! bulletin (printable page and PDF). Every chart comes with its data table and a CSV link;
//! CSV downloads are audited exports. Figures are aggregates only, small cells suppressed.

mod anomalies;
mod bulletin;
mod bulletin_build;
mod bulletin_chart;
mod bulletin_pdf;
mod change;
mod explore;
mod explore_query;
mod export;
mod forecast;
mod forecast_chart;
mod forecast_errors;
mod forecast_upload;
mod overview;
mod overview_charts;
mod overview_tiles;
mod queries;
mod table_charts;
mod tables;

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
pub(crate) use bulletin_pdf::*;
pub(crate) use explore::*;
pub(crate) use explore_query::*;
pub(crate) use export::*;
pub(crate) use forecast::*;
pub(crate) use forecast_upload::*;
pub(crate) use overview::*;

use change::*;
use queries::*;
use table_charts::*;
use tables::*;

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

fn first_of_month(d: Date) -> Date {
    d.replace_day(1).unwrap_or(d)
}

// ---------------------------------------------------------------------------------------------
// Forecasts

fn render_status<T: Template>(t: &T, status: StatusCode) -> Result<Response, UiError> {
    let mut res = render(t)?;
    *res.status_mut() = status;
    Ok(res)
}
