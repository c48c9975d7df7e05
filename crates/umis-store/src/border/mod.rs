//! Border events, the stays derived from them and the permits that extend them: the tables
//! behind ingestion, the stay of a person and the overstay report.

use crate::{Store, StoreError, append_audit_tx, on_pool};
use umis_domain::NewAuditEntry;

/// Rows per multi-row INSERT (PostgreSQL slows sharply past ~1,000 parameters).
const INSERT_CHUNK: usize = 50;
use crate::IN_CHUNK;

mod copy;
mod events;
mod ingest;
mod lookup;
mod overstays;
mod rebuild;
mod rows;
mod sql;
mod stay_writes;
mod stays;
mod writes;

pub use rows::{BatchOutcomes, BorderEvent, OverstayRow, STAY_KEEPING, StayRow};
pub(crate) use sql::in_office_sql;
use sql::{
    EVENT_COLUMNS, EVENT_COLUMNS_E, STAY_COLUMNS, STAY_EVENT_COLUMNS, number_pairs, rows_sql,
};
use stay_writes::write_stays;
use writes::{insert_event_rows, mark_persons};
